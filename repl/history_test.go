package repl_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runPrompt runs `netlua -i` (the prompt, on piped input) with history at
// path, and returns what it wrote to standard error.
func runPrompt(t *testing.T, path, input string) string {
	t.Helper()
	cmd := exec.Command(binary, "-i")
	cmd.Env = append(os.Environ(), "NETLUA_HISTORY="+path)
	cmd.Stdin = strings.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	return stderr.String()
}

// TestHistoryRefusesSymlink: a history path that is a symbolic link (to
// /dev/null, to someone's file) is refused with a message; the file it
// points to is neither written nor chmod-ed.
func TestHistoryRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "target"), filepath.Join(dir, "history")
	if err := os.WriteFile(target, []byte("not history\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Skip("os.Symlink made no link that Lstat sees (Wine makes a Unix link Windows calls do not show)")
	}
	before, err := os.Stat(target)
	if err != nil {
		t.Fatal(err)
	}
	errs := runPrompt(t, link, "x = 1\n")
	if !strings.Contains(errs, "netlua: history is not kept: "+link+" is a symbolic link, not a regular file") {
		t.Errorf("no message about the link; stderr: %q", errs)
	}
	st, err := os.Stat(target)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(target); string(data) != "not history\n" || st.Mode() != before.Mode() {
		t.Errorf("the link's target was changed: %q, mode %v", data, st.Mode().Perm())
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link itself was replaced: %v %v", st, err)
	}
}

// TestHistoryRefusesFolder: a history path that is a folder is refused
// with a message, and the prompt works on.
func TestHistoryRefusesFolder(t *testing.T) {
	dir := t.TempDir()
	errs := runPrompt(t, dir, "print('still here')\n")
	if !strings.Contains(errs, "netlua: history is not kept: "+dir+" is a folder, not a regular file") {
		t.Errorf("no message about the folder; stderr: %q", errs)
	}
}

// TestHistoryWritesThroughNewFile: the history is replaced by a new file,
// not rewritten in place: a planted file at the old temporary name
// (history.tmp) is left alone, and no temporary file stays behind.
func TestHistoryWritesThroughNewFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "history")
	os.WriteFile(path, []byte("old = 1\n"), 0o644)
	planted := filepath.Join(dir, "history.tmp")
	os.WriteFile(planted, []byte("planted\n"), 0o644)
	// A second name for the old file: writing in place would show there.
	other := filepath.Join(dir, "other")
	if err := os.Link(path, other); err != nil {
		t.Skipf("cannot make a hard link here: %v", err)
	}
	runPrompt(t, path, "x = 1\nx = 2\n")
	if data, _ := os.ReadFile(path); string(data) != "old = 1\nx = 1\nx = 2\n" {
		t.Errorf("history holds %q", data)
	}
	if st, _ := os.Stat(path); !isPrivate(st) {
		t.Errorf("history mode %v, want 0600", st.Mode().Perm())
	}
	if data, _ := os.ReadFile(other); string(data) != "old = 1\n" {
		t.Errorf("the old file was written in place: %q", data)
	}
	if data, _ := os.ReadFile(planted); string(data) != "planted\n" {
		t.Errorf("the planted file was written: %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("files left in the folder: %v", entries)
	}
}
