package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/winnow-text/winnow/cleaner"
	yaml "go.yaml.in/yaml/v3"
)

// winnowCmd runs this test binary as winnow (see TestMain).
func winnowCmd(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WINNOW_RUN_AS_MAIN=1", "NO_COLOR=1")
	return cmd
}

// asNobody makes cmd run as an unprivileged user when the tests run as
// root (permissions mean nothing to root), from a copy of the binary that
// user can execute. dir and its parents are opened up for that user.
func asNobody(t *testing.T, cmd *exec.Cmd, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	for d := dir; d != "/" && d != "."; d = filepath.Dir(d) {
		if strings.HasPrefix(d, os.TempDir()) && d != os.TempDir() {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	data, err := os.ReadFile(cmd.Path)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, ".bin", "winnow")
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd.Path = bin
	cmd.Args[0] = bin
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const dirtyDoc = "The council voted on Monday to extend the night bus network to three new districts after a long campaign.\n\nAdvertisement\n\nTransport officials said the first routes would open in March, with buses every twenty minutes.\n"

// fixtureInputs copies the golden text fixtures (inputs only) into dir,
// repeated n times under numbered subdirectories.
func fixtureInputs(t *testing.T, dir string, n int) map[string]string {
	t.Helper()
	paths, err := filepath.Glob("../../testdata/text/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	files := map[string]string{}
	for i := 0; i < n; i++ {
		for _, p := range paths {
			if strings.HasSuffix(p, ".body.txt") {
				continue
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			dst := filepath.Join(dir, fmt.Sprint(i), filepath.Base(p))
			mustWrite(t, dst, string(data))
			files[dst] = string(data)
		}
	}
	return files
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// After -w, -l finds nothing and a second -w changes no byte: on every
// fixture.
func TestWriteConvergesOnEveryFixture(t *testing.T) {
	dir := t.TempDir()
	fixtureInputs(t, dir, 1)
	if out, err := winnowCmd(t, dir, "-w", ".").CombinedOutput(); err != nil {
		t.Fatalf("-w: %v\n%s", err, out)
	}
	if out, err := winnowCmd(t, dir, "-l", ".").CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("-l after -w: %v, listed:\n%s", err, out)
	}
	before := snapshot(t, dir)
	if out, err := winnowCmd(t, dir, "-w", ".").CombinedOutput(); err != nil {
		t.Fatalf("second -w: %v\n%s", err, out)
	}
	after := snapshot(t, dir)
	if len(before) != len(after) {
		t.Fatalf("second -w changed the file set: %d files, then %d", len(before), len(after))
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("second -w changed %s", p)
		}
	}
}

// expectedBodies cleans the inputs in-process.
func expectedBodies(t *testing.T, files map[string]string) map[string]string {
	t.Helper()
	c, err := cleaner.New(cleaner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for p, in := range files {
		res, err := c.Clean(context.Background(), []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		out[p] = res.Body
	}
	return out
}

func tempFiles(t *testing.T, dir string) []string {
	var temps []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && isTemp(d.Name()) {
			temps = append(temps, p)
		}
		return nil
	})
	return temps
}

// checkWholeFiles checks that every input is either untouched or fully
// cleaned.
func checkWholeFiles(t *testing.T, files, want map[string]string) (cleaned int) {
	t.Helper()
	for p, orig := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		switch string(b) {
		case want[p]:
			if orig != want[p] {
				cleaned++
			}
		case orig:
		default:
			t.Errorf("%s is neither the original nor the cleaned file (%d bytes)", p, len(b))
		}
	}
	return cleaned
}

// winnow killed (SIGKILL) in the middle of -w on a large tree leaves every
// file either untouched or fully cleaned; the next run removes the
// temporaries the killed run left and finishes the job.
func TestKillDuringWrite(t *testing.T) {
	dir := t.TempDir()
	files := fixtureInputs(t, dir, 40)
	want := expectedBodies(t, files)
	cmd := winnowCmd(t, dir, "-w", "-j", "2", ".")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once some files have been rewritten (their sidecars appear).
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(dir, "*", "*.meta.json")); len(m) >= 5 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	cleaned := checkWholeFiles(t, files, want)
	t.Logf("killed after %d of %d files were cleaned; %d temporaries left", cleaned, len(files), len(tempFiles(t, dir)))
	if out, err := winnowCmd(t, dir, "-w", ".").CombinedOutput(); err != nil {
		t.Fatalf("next run: %v\n%s", err, out)
	}
	if temps := tempFiles(t, dir); len(temps) > 0 {
		t.Errorf("temporaries left after the next run: %v", temps)
	}
	for p := range files {
		if b, _ := os.ReadFile(p); string(b) != want[p] {
			t.Errorf("%s not clean after the next run", p)
		}
	}
}

// SIGINT stops winnow after the files in flight: exit status 130, no
// temporaries, every file untouched or fully cleaned.
func TestInterrupt(t *testing.T) {
	dir := t.TempDir()
	files := fixtureInputs(t, dir, 40)
	want := expectedBodies(t, files)
	cmd := winnowCmd(t, dir, "-w", "-j", "2", ".")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(dir, "*", "*.meta.json")); len(m) >= 5 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	_ = cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit: %v, want status %d; stderr:\n%s", err, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say it was interrupted:\n%s", stderr.String())
	}
	cleaned := checkWholeFiles(t, files, want)
	if cleaned == 0 || cleaned == len(files) {
		t.Logf("note: %d of %d files cleaned before the interrupt", cleaned, len(files))
	}
	if temps := tempFiles(t, dir); len(temps) > 0 {
		t.Errorf("temporaries left: %v", temps)
	}
}

// A file the user cannot read is reported; the others are processed.
func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "a.txt"), dirtyDoc)
	mustWrite(t, filepath.Join(dir, "secret.txt"), dirtyDoc)
	if err := os.Chmod(filepath.Join(dir, "secret.txt"), 0); err != nil {
		t.Fatal(err)
	}
	cmd := winnowCmd(t, dir, "-l", ".")
	asNobody(t, cmd, dir)
	out, err := cmd.Output()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitError {
		t.Fatalf("exit: %v, want %d", err, exitError)
	}
	if !strings.Contains(string(ee.Stderr), "secret.txt: permission denied") {
		t.Errorf("stderr: %s", ee.Stderr)
	}
	if string(out) != "a.txt\n" {
		t.Errorf("stdout %q, want the readable file listed", out)
	}
}

// An output directory that cannot be written is reported, with no file
// half-written.
func TestReadOnlyOutputDir(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "in", "a.txt"), dirtyDoc)
	if err := os.MkdirAll(filepath.Join(dir, "ro"), 0o555); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "ro"), 0o555); err != nil {
		t.Fatal(err)
	}
	cmd := winnowCmd(t, dir, "-o", "ro", "in")
	asNobody(t, cmd, dir)
	_, err := cmd.Output()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitError {
		t.Fatalf("exit: %v, want %d", err, exitError)
	}
	if !strings.Contains(string(ee.Stderr), "in/a.txt: -o: cannot write in ro: permission denied") {
		t.Errorf("stderr: %s", ee.Stderr)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "ro")); len(entries) != 0 {
		t.Errorf("ro holds %d entries", len(entries))
	}
}

// A full disk (here: a file-size limit) fails the write cleanly: the
// original is untouched and no temporary or torn output is left.
func TestDiskFull(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	big := strings.Repeat("The council voted on Monday to extend the night bus network to three new districts after a long campaign.\n\n", 3000) + "Advertisement\n"
	mustWrite(t, filepath.Join(dir, "big.txt"), big)
	for _, mode := range [][]string{{"-w", "big.txt"}, {"-o", "out", "big.txt"}} {
		base := winnowCmd(t, dir, mode...)
		cmd := exec.Command("sh", append([]string{"-c", `ulimit -f 64 && exec "$0" "$@"`, base.Path}, mode...)...)
		cmd.Dir, cmd.Env = dir, base.Env
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitError {
			t.Fatalf("%v: exit %v, want %d\n%s", mode, err, exitError, out)
		}
		if !strings.Contains(string(out), "file too large") {
			t.Errorf("%v: stderr does not name the cause:\n%s", mode, out)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "big.txt")); string(b) != big {
			t.Errorf("%v: big.txt was changed", mode)
		}
		if temps := tempFiles(t, dir); len(temps) > 0 {
			t.Errorf("%v: temporaries left: %v", mode, temps)
		}
		if _, err := os.Stat(filepath.Join(dir, "out", "big.txt")); err == nil {
			t.Errorf("%v: a torn out/big.txt was left", mode)
		}
	}
}

func TestUnchanged(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	mustWrite(t, p, "one")
	before, _ := os.Stat(p)
	if err := unchanged(before, before, 3); err != nil {
		t.Errorf("same file: %v", err)
	}
	mustWrite(t, p, "one two")
	after, _ := os.Stat(p)
	if err := unchanged(before, after, 3); err == nil || !strings.Contains(err.Error(), "changed while being read") {
		t.Errorf("grown file: %v", err)
	}
}

// The repository ships the hooks file the pre-commit framework reads.
func TestPreCommitHooksFile(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID       string   `yaml:"id"`
		Name     string   `yaml:"name"`
		Entry    string   `yaml:"entry"`
		Language string   `yaml:"language"`
		Types    []string `yaml:"types"`
		Files    string   `yaml:"files"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"winnow": "winnow -w", "winnow-check": "winnow -l"}
	if len(hooks) != len(want) {
		t.Fatalf("%d hooks, want %d", len(hooks), len(want))
	}
	for _, h := range hooks {
		if want[h.ID] != h.Entry || h.Language != "golang" || len(h.Types) != 1 || h.Types[0] != "text" || h.Name == "" {
			t.Errorf("hook %+v", h)
		}
		// By default a hook sees only the text files winnow rewrites: a
		// NOTES.md or a Go file of the repository is never touched.
		re, err := regexp.Compile(h.Files)
		if h.Files == "" || err != nil {
			t.Errorf("hook %s: files %q (%v): the default must name winnow's text extensions", h.ID, h.Files, err)
			continue
		}
		for _, p := range []string{"corpus/a.txt", "b.text", "sub/dir/c.txt"} {
			if !re.MatchString(p) {
				t.Errorf("hook %s does not take %s", h.ID, p)
			}
		}
		for _, p := range []string{"NOTES.md", "README", "main.go", "a.txt.bak", "page.html", "x.meta.json"} {
			if re.MatchString(p) {
				t.Errorf("hook %s takes %s", h.ID, p)
			}
		}
	}
}
