package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/winnow-text/winnow/internal/crawl"
)

// input is one file to clean.
type input struct {
	path string // the path to read, as given or as found by the walk
	rel  string // where its outputs go under -o DIR
	err  error  // found before any work: reported in its place in the order
}

// walker lists the inputs named on the command line: files as they are,
// directories recursively (without .git, .hg, .svn, winnow's own sidecars,
// outputs and temporaries).
type walker struct {
	exts       map[string]bool // file extensions a walk takes (with the dot)
	skip       []string        // absolute directories never to enter (-o DIR)
	cleanTemps bool            // remove temporaries left by killed runs
	report     func(error)     // problems that do not stop the walk
}

// walk sends every input to emit in a stable order (directory entries
// sorted by name) until emit returns false or ctx is done.
func (w *walker) walk(ctx context.Context, args []string, emit func(input) bool) {
	for _, arg := range args {
		if ctx.Err() != nil {
			return
		}
		st, err := os.Stat(arg)
		if err != nil {
			w.report(describeStatError(arg, err))
			continue
		}
		if !st.IsDir() {
			if strings.HasSuffix(arg, ".meta.json") || isTemp(filepath.Base(arg)) {
				continue // winnow's own files, even when named
			}
			if !emit(input{path: arg, rel: relFor(arg)}) {
				return
			}
			continue
		}
		stop := errors.New("stop")
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return stop
			}
			if err != nil {
				w.report(pathError(path, err))
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != arg && (name == ".git" || name == ".hg" || name == ".svn" || w.skipped(path)) {
					return filepath.SkipDir
				}
				return nil
			}
			if isTemp(name) {
				if w.cleanTemps && staleTemp(name) {
					if err := os.Remove(path); err != nil {
						w.report(pathError(path, err))
					}
				}
				return nil
			}
			if strings.HasSuffix(name, ".meta.json") || !w.exts[crawl.ExtOf(name)] {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(path)
				if err != nil {
					w.report(describeStatError(path, err))
					return nil
				}
				if !st.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(arg, path)
			if err != nil {
				rel = name
			}
			if !emit(input{path: path, rel: rel}) {
				return stop
			}
			return nil
		})
		if err == stop {
			return
		}
	}
}

func (w *walker) skipped(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	for _, s := range w.skip {
		if abs == s {
			return true
		}
	}
	return false
}

func describeStatError(path string, err error) error {
	if errors.Is(err, syscall.ELOOP) {
		return fmt.Errorf("%s: symlink loop (too many levels of symbolic links)", path)
	}
	return pathError(path, err)
}

// readFileList streams the paths in r, one a line, or separated by NUL
// bytes when nul is set, to emit.
func readFileList(r io.Reader, nul bool, emit func(string) bool) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	if nul {
		sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
			if i := bytes.IndexByte(data, 0); i >= 0 {
				return i + 1, data[:i], nil
			}
			if atEOF && len(data) > 0 {
				return len(data), data, nil
			}
			return 0, nil, nil
		})
	}
	for sc.Scan() {
		p := sc.Text()
		if nul {
			p = strings.TrimPrefix(p, "\n") // a newline after the last NUL
		} else {
			p = strings.TrimRight(p, "\r")
		}
		if p == "" {
			continue
		}
		if !emit(p) {
			return nil
		}
	}
	return sc.Err()
}
