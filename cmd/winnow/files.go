package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"

	"github.com/winnow-text/winnow/internal/crawl"
)

// tempMarker is in the name of every temporary file winnow writes, with the
// writing process's id after it: ".NAME.winnow-PID-RANDOM".
const tempMarker = ".winnow-"

// readInput reads a file or, for "-", stdin, refusing more than max bytes,
// non-regular files, and files that changed while they were read. A
// compressed input (gzip, zstd, bzip2, by its magic number) is read
// decompressed.
func readInput(name string, stdin io.Reader, max int64) ([]byte, error) {
	if name != "-" {
		data, _, _, err := loadFile(name, max)
		return data, err
	}
	r, _, err := crawl.Decompress(stdin)
	if err != nil {
		return nil, fmt.Errorf("<stdin>: %w", err)
	}
	data, over, err := crawl.ReadAllLimit(r, max)
	if err != nil {
		return nil, fmt.Errorf("<stdin>: %w", err)
	}
	if over {
		return nil, fmt.Errorf("<stdin>: input is over --max-size (%d bytes); raise --max-size to clean it", max)
	}
	return data, nil
}

// loadFile is readFile, decompressing a compressed file in memory (up to
// max bytes): the bytes to clean, the file's info, and its compression.
func loadFile(name string, max int64) ([]byte, os.FileInfo, crawl.Compression, error) {
	data, info, err := readFile(name, max)
	if err != nil {
		return nil, nil, crawl.Uncompressed, err
	}
	c := crawl.SniffCompression(data)
	if c == crawl.Uncompressed {
		return data, info, c, nil
	}
	r, _, err := crawl.Decompress(bytes.NewReader(data))
	if err != nil {
		return nil, nil, c, fmt.Errorf("%s: %w", name, err)
	}
	defer r.Close()
	plain, over, err := crawl.ReadAllLimit(r, max)
	if err != nil {
		return nil, nil, c, fmt.Errorf("%s: %w (a truncated or corrupt compressed file?)", name, err)
	}
	if over {
		return nil, nil, c, fmt.Errorf("%s: over --max-size (%d bytes) once decompressed; raise --max-size to clean it", name, max)
	}
	return plain, info, c, nil
}

// readFile reads a file (a symlink: its target) and what it was when read,
// refusing more than max bytes, non-regular files, and files that changed
// while they were read.
func readFile(name string, max int64) ([]byte, os.FileInfo, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, pathError(name, err)
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		return nil, nil, pathError(name, err)
	}
	if before.IsDir() {
		return nil, nil, fmt.Errorf("%s: is a directory (give -o DIR, -w, -l or -d to clean a tree)", name)
	}
	if !before.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s: not a regular file", name)
	}
	if before.Size() > max {
		return nil, nil, fmt.Errorf("%s: %d bytes is over --max-size (%d); raise --max-size to clean it", name, before.Size(), max)
	}
	data, over, err := crawl.ReadAllSized(f, before.Size(), max)
	if err != nil {
		return nil, nil, pathError(name, err)
	}
	if over {
		return nil, nil, fmt.Errorf("%s: grew over --max-size (%d bytes) while being read", name, max)
	}
	after, err := f.Stat()
	if err != nil {
		return nil, nil, pathError(name, err)
	}
	if err := unchanged(before, after, len(data)); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, after, nil
}

// rewrite writes a cleaned file back in place, in an order that loses
// nothing wherever the process stops: the sidecar first, then the text,
// each atomically (a temporary file synced and renamed), and the text
// only while the file still holds what was read (an edit made meanwhile
// is left alone and reported). A symlink's target is rewritten, as gofmt
// -w does, and its sidecar goes beside the target. The sidecar gets the
// file's permission bits.
func rewrite(path string, read []byte, info os.FileInfo, body, meta []byte) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return pathError(path, err)
	}
	if err := stillAsRead(target, read, info); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	perm := info.Mode().Perm()
	side := sidecar(target)
	data, err := sidecarData(side, meta)
	if err != nil {
		return err
	}
	if data != nil {
		if err := writeFileAtomic(side, data, perm); err != nil {
			return err
		}
	}
	if err := stillAsRead(target, read, info); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return writeFileAtomic(target, body, perm)
}

// errEdited is the error for a file edited while winnow cleaned it.
var errEdited = errors.New("changed while winnow cleaned it; left as it is (run winnow again)")

// stillAsRead reports errEdited when the file at path no longer holds what
// was read (its size, modification time or bytes differ).
func stillAsRead(path string, read []byte, info os.FileInfo) error {
	now, err := os.Stat(path)
	if err != nil {
		return err
	}
	if now.Size() != info.Size() || !now.ModTime().Equal(info.ModTime()) {
		return errEdited
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(data, read) {
		return errEdited
	}
	return nil
}

// sidecarData is what to write to the sidecar at path for metadata meta:
// nil when the sidecar already holds it (a run killed between the sidecar
// and the text left it); meta itself when there is none; and when there
// is one from an earlier cleaning, meta with that one kept whole under
// "previous", so that nothing an earlier run took out is ever lost.
func sidecarData(path string, meta []byte) ([]byte, error) {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return meta, nil
	case err != nil:
		return nil, pathError(path, err)
	case st.IsDir():
		return nil, fmt.Errorf("%s: is a directory, where winnow writes the metadata; move it away", path)
	}
	prev, err := os.ReadFile(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	var was, now map[string]any
	if json.Unmarshal(prev, &was) == nil && json.Unmarshal(meta, &now) == nil {
		delete(was, "previous")
		if reflect.DeepEqual(was, now) {
			return nil, nil
		}
	}
	if !json.Valid(prev) {
		// Not winnow's: kept as a string.
		prev, _ = json.Marshal(string(prev))
	}
	var b bytes.Buffer
	b.Write(bytes.TrimRight(bytes.TrimSuffix(bytes.TrimRight(meta, "\n"), []byte("}")), " \n"))
	b.WriteString(",\n  \"previous\": ")
	if err := json.Indent(&b, bytes.TrimSpace(prev), "  ", "  "); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b.WriteString("\n}\n")
	return b.Bytes(), nil
}

// unchanged reports an error when a file's size or modification time
// moved while it was read, or the bytes read do not match its size.
func unchanged(before, after os.FileInfo, read int) error {
	if before.Size() != after.Size() || !before.ModTime().Equal(after.ModTime()) || int64(read) != after.Size() {
		return errors.New("changed while being read; run winnow again when it is stable")
	}
	return nil
}

// pathError words an *os.PathError as "NAME: reason".
func pathError(name string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", name, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// writeFileAtomic writes data to a temporary file in path's directory,
// syncs it and renames it over path, so that readers see the old file or
// the new one, never part of either. On failure (a full disk) the
// temporary is removed and path is untouched.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	return writeFile(path, data, mode, true)
}

// writeFileFast is writeFileAtomic without the sync: the rename still
// means no reader sees a torn file if winnow dies, but the data may not be
// on disk yet when the power goes. For -o copies, whose inputs stay.
func writeFileFast(path string, data []byte, mode os.FileMode) error {
	return writeFile(path, data, mode, false)
}

func writeFile(path string, data []byte, mode os.FileMode, sync bool) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+tempMarker+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot write in %s: %w", strings.TrimSuffix(dir, "/"), err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fail(err)
	}
	if sync {
		if err := tmp.Sync(); err != nil {
			return fail(err)
		}
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// isTemp reports whether a file name is one of winnow's temporaries.
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tempMarker)
}

// staleTemp reports whether a winnow temporary was left by a process that
// no longer runs (a run that was killed), so that it is safe to remove.
func staleTemp(name string) bool {
	i := strings.LastIndex(name, tempMarker)
	if i < 0 {
		return false
	}
	rest := name[i+len(tempMarker):]
	pidText, _, ok := strings.Cut(rest, "-")
	if !ok {
		return false
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return false
	}
	err = syscall.Kill(pid, 0)
	return errors.Is(err, syscall.ESRCH)
}

// sidecar is the metadata file beside a cleaned file: the name with its
// extension replaced by .meta.json.
func sidecar(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".meta.json"
}
