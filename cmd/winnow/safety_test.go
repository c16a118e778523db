package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/winnow-text/winnow/cleaner"
)

// cleaned is what -w must leave for one input: its body and sidecar.
type cleaned struct{ body, meta []byte }

func expectedOutputs(t *testing.T, files map[string]string) map[string]cleaned {
	t.Helper()
	c, err := cleaner.New(cleaner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]cleaned{}
	for p, in := range files {
		res, err := c.Clean(context.Background(), []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		out[p] = cleaned{res.RawBody(), metaJSON(res.Meta)}
	}
	return out
}

// checkKilledTree checks the invariant a killed -w must leave on every
// file: untouched, or cleaned with its complete sidecar beside it. A
// sidecar beside an untouched file is allowed only when it is the one the
// cleaning writes (the run was killed between the two renames).
func checkKilledTree(t *testing.T, files map[string]string, want map[string]cleaned) (done int) {
	t.Helper()
	for p, orig := range files {
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		side, serr := os.ReadFile(sidecar(p))
		switch {
		case bytes.Equal(got, want[p].body) && orig != string(got):
			if serr != nil {
				t.Errorf("%s is cleaned but its sidecar is missing: %v", p, serr)
			} else if !bytes.Equal(side, want[p].meta) {
				t.Errorf("%s is cleaned but its sidecar is not complete (%d bytes)", p, len(side))
			}
			done++
		case string(got) == orig:
			if serr == nil && !bytes.Equal(side, want[p].meta) {
				t.Errorf("%s is untouched but has a torn sidecar (%d bytes)", p, len(side))
			}
		default:
			t.Errorf("%s is neither the original nor the cleaned file (%d bytes)", p, len(got))
		}
	}
	return done
}

// winnow -w killed with SIGKILL at many points leaves every file either
// untouched or cleaned with its complete sidecar, and the next run
// completes the job. Each kill lands at another moment of a run over a
// fresh tree, so between reads, sidecar writes and text renames alike.
func TestKillAtManyPoints(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	// How long one full run takes here, to spread the kills over it.
	probe := t.TempDir()
	fixtureInputs(t, probe, 1)
	start := time.Now()
	if out, err := winnowCmd(t, probe, "-w", "-j", "1", ".").CombinedOutput(); err != nil {
		t.Fatalf("-w: %v\n%s", err, out)
	}
	full := time.Since(start)
	start = time.Now()
	if out, err := winnowCmd(t, probe, "--version").CombinedOutput(); err != nil {
		t.Fatalf("--version: %v\n%s", err, out)
	}
	startup := time.Since(start)
	const kills = 10
	for k := 0; k < kills; k++ {
		dir := t.TempDir()
		files := fixtureInputs(t, dir, 1)
		want := expectedOutputs(t, files)
		dirty := 0
		for p, in := range files {
			if !bytes.Equal(want[p].body, []byte(in)) {
				dirty++
			}
		}
		cmd := winnowCmd(t, dir, "-w", "-j", "1", ".")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(startup + (full-startup)*time.Duration(k)/kills)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		done := checkKilledTree(t, files, want)
		t.Logf("kill %d: %d of %d dirty files were cleaned", k+1, done, dirty)
		if out, err := winnowCmd(t, dir, "-w", ".").CombinedOutput(); err != nil {
			t.Fatalf("the next run: %v\n%s", err, out)
		}
		if done := checkKilledTree(t, files, want); done != dirty {
			t.Errorf("after the next run %d of %d dirty files are cleaned", done, dirty)
		}
		if temps := tempFiles(t, dir); len(temps) > 0 {
			t.Errorf("temporaries left: %v", temps)
		}
		if t.Failed() {
			return
		}
	}
}

// A file edited after winnow read it is left as the user wrote it, and the
// edit is reported (the cleaning of the older version is not written).
func TestEditDuringWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	mustWrite(t, p, dirtyDoc)
	data, info, err := readFile(p, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	res, err := testCleaner(t).Clean(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	edited := dirtyDoc + "\nA paragraph the user added while winnow was cleaning the file, which must stay.\n"
	time.Sleep(10 * time.Millisecond) // a new modification time
	mustWrite(t, p, edited)
	err = rewrite(p, data, info, res.RawBody(), metaJSON(res.Meta))
	if !errors.Is(err, errEdited) {
		t.Fatalf("rewrite: %v, want errEdited", err)
	}
	if got, _ := os.ReadFile(p); string(got) != edited {
		t.Errorf("the edited file was overwritten: %q", got)
	}
	// Same size and time, other bytes: the content is compared too.
	mustWrite(t, p, dirtyDoc)
	data, info, _ = readFile(p, 1<<20)
	swapped := strings.Replace(dirtyDoc, "Monday", "Friday", 1)
	mustWrite(t, p, swapped)
	_ = os.Chtimes(p, info.ModTime(), info.ModTime())
	if err := rewrite(p, data, info, res.RawBody(), metaJSON(res.Meta)); !errors.Is(err, errEdited) {
		t.Fatalf("rewrite after an edit of the same size and time: %v, want errEdited", err)
	}
	if got, _ := os.ReadFile(p); string(got) != swapped {
		t.Errorf("the edited file was overwritten: %q", got)
	}
}

// When the sidecar cannot be written, the text file is not touched: the
// removed text is never lost.
func TestSidecarFailureKeepsText(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	mustWrite(t, p, dirtyDoc)
	if err := os.Mkdir(filepath.Join(dir, "a.meta.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := winnowCmd(t, dir, "-w", "a.txt").CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitError {
		t.Fatalf("exit: %v, want %d\n%s", err, exitError, out)
	}
	if !strings.Contains(string(out), "a.meta.json: is a directory") {
		t.Errorf("stderr does not name the sidecar: %s", out)
	}
	if got, _ := os.ReadFile(p); string(got) != dirtyDoc {
		t.Errorf("a.txt was changed although its sidecar could not be written")
	}
}

// A file cleaned again after an edit keeps the metadata of the earlier
// cleaning in its sidecar, under "previous".
func TestSidecarKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	mustWrite(t, p, dirtyDoc)
	if out, err := winnowCmd(t, dir, "-w", "a.txt").CombinedOutput(); err != nil {
		t.Fatalf("-w: %v\n%s", err, out)
	}
	first, _ := os.ReadFile(sidecar(p))
	body, _ := os.ReadFile(p)
	mustWrite(t, p, string(body)+"\nShare this:\n")
	if out, err := winnowCmd(t, dir, "-w", "a.txt").CombinedOutput(); err != nil {
		t.Fatalf("second -w: %v\n%s", err, out)
	}
	var side struct {
		Removed  []struct{ Rule string }
		Previous json.RawMessage
	}
	data, _ := os.ReadFile(sidecar(p))
	if err := json.Unmarshal(data, &side); err != nil {
		t.Fatalf("sidecar: %v\n%s", err, data)
	}
	if len(side.Removed) != 1 || !strings.HasPrefix(side.Removed[0].Rule, "share.") {
		t.Errorf("removed: %+v, want the share line", side.Removed)
	}
	var was, prev any
	_ = json.Unmarshal(first, &was)
	if err := json.Unmarshal(side.Previous, &prev); err != nil || !jsonEqual(was, prev) {
		t.Errorf("previous is not the first sidecar:\n%s", side.Previous)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// -l, -d and -w agree on every file: -l lists it exactly when -d prints a
// diff and -w changes its bytes; a file -w left is listed by neither.
func TestListDiffWriteAgree(t *testing.T) {
	dir := t.TempDir()
	files := fixtureInputs(t, dir, 1)
	extra := map[string]string{
		"crlf.txt":       strings.ReplaceAll(dirtyDoc, "\n", "\r\n"),
		"crlf-clean.txt": strings.ReplaceAll(proseOnly, "\n", "\r\n"),
		"spaces.txt":     strings.Replace(proseOnly, "\n\n", "\n   \n", 1),
		"no-eol.txt":     strings.TrimSuffix(proseOnly, "\n"),
		"blank-run.txt":  strings.Replace(proseOnly, "\n\n", "\n\n\n\n", 1),
		"lead-blank.txt": "\n\n" + proseOnly,
		"cp1252.txt":     "Caf\xe9 owners said the new rules were \x93unfair\x94 and would cost them customers this summer.\n\nAdvertisement\n",
		"stray.txt":      "Le caf\xc3\xa9 \x96 was full this morning, and everyone talked about the new mayor of the town.\n",
		"bom.txt":        "\xef\xbb\xbf" + proseOnly,
	}
	for name, text := range extra {
		p := filepath.Join(dir, "x", name)
		mustWrite(t, p, text)
		files[p] = text
	}
	cli := func(args ...string) (string, string) {
		var stdout, stderr bytes.Buffer
		run(context.Background(), append([]string{"-q"}, args...), nil, &stdout, &stderr)
		return stdout.String(), stderr.String()
	}
	listed, _ := cli("-l", dir)
	diff, _ := cli("-d", dir)
	if _, errs := cli("-w", dir); errs != "" {
		t.Fatalf("-w: %s", errs)
	}
	for p, orig := range files {
		got, _ := os.ReadFile(p)
		changed := string(got) != orig
		inList := strings.Contains(listed, p+"\n")
		inDiff := strings.Contains(diff, "--- "+p+"\n")
		if inList != changed || inDiff != changed {
			t.Errorf("%s: -l listed it: %v, -d showed it: %v, -w changed it: %v", p, inList, inDiff, changed)
		}
	}
	if again, _ := cli("-l", dir); again != "" {
		t.Errorf("-l lists files after -w:\n%s", again)
	}
}

const proseOnly = "The council voted on Monday to extend the night bus network to three new districts after a long campaign.\n\nTransport officials said the first routes would open in March, with buses every twenty minutes.\n"

func testCleaner(t *testing.T) *cleaner.Cleaner {
	t.Helper()
	c, err := cleaner.New(cleaner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// After -w the input is gone: the sidecar's removals hold every byte they
// took out, a comment thread's included (its comments are read into
// fields and normalised text, which are not the input's bytes).
func TestSidecarHoldsRemovedBytes(t *testing.T) {
	in, err := os.ReadFile("../../testdata/text/thread-wordpress.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	mustWrite(t, p, string(in))
	if out, err := winnowCmd(t, dir, "-w", "a.txt").CombinedOutput(); err != nil {
		t.Fatalf("-w: %v\n%s", err, out)
	}
	data, err := os.ReadFile(sidecar(p))
	if err != nil {
		t.Fatal(err)
	}
	var side struct {
		Comments []struct{ ID int }
		Removed  []struct {
			Rule       string
			Start, End int
			Text       *string
		}
	}
	if err := json.Unmarshal(data, &side); err != nil {
		t.Fatal(err)
	}
	if len(side.Comments) == 0 {
		t.Fatal("the fixture's thread was not read")
	}
	for _, r := range side.Removed {
		if r.Text == nil || *r.Text != string(in[r.Start:r.End]) {
			t.Errorf("removal %s at %d..%d does not hold the bytes it took out", r.Rule, r.Start, r.End)
		}
	}
}
