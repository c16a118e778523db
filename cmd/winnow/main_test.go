package main

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	if os.Getenv("WINNOW_RUN_AS_MAIN") == "1" {
		// The process tests run this binary as winnow.
		os.Exit(runMain())
	}
	testscript.Main(m, map[string]func(){
		"winnow": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI behaviour tests in testdata/scripts: each
// .txtar file is a script of winnow invocations and the files they use.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/scripts"})
}
