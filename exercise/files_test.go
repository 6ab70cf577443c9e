package exercise_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// These tests check that the exercise command writes its files safely on a
// shared machine: never through a link, never in place, and a damaged state
// file costs the learner a message, not the command.

// symlink makes link point at target, or skips the test where links cannot
// be made (Windows without the privilege).
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Skip("os.Symlink made no link that Lstat sees (Wine makes a Unix link Windows calls do not show)")
	}
}

// greetingSet is a teacher's set with one exercise that passes on print('hello').
func greetingSet(t *testing.T) string {
	t.Helper()
	set := t.TempDir()
	ex := filepath.Join(set, "01-greeting")
	os.MkdirAll(ex, 0o755)
	for name, text := range map[string]string{
		"task.md": "# Say hello\n", "starter.lua": "print('hello')\n", "hint.txt": "## print\n",
		"checker.lua": "local check = require(\"check\")\ncheck.start({})\ncheck.finish(5)\ncheck.expect_output(\"hello\", \"a greeting\", \"print\")\n",
	} {
		os.WriteFile(filepath.Join(ex, name), []byte(text), 0o644)
	}
	return set
}

// TestStartDoesNotWriteThroughSymlink: a link (even a dangling one) where
// `start` would write the starter is refused; its target is not created.
func TestStartDoesNotWriteThroughSymlink(t *testing.T) {
	work, elsewhere := t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "planted.lua")
	symlink(t, target, filepath.Join(work, "echo-server.lua"))
	out, code := run(t, work, t.TempDir(), "exercise", "start", "echo-server")
	if code == 0 || !strings.Contains(out, "echo-server.lua already exists") {
		t.Fatalf("start over a link: exit %d\n%s", code, out)
	}
	if _, err := os.Lstat(target); !os.IsNotExist(err) {
		t.Fatalf("start wrote through the link to %s (%v)", target, err)
	}
}

// TestStateNotWrittenThroughPlantedTemp: a link planted at the state file's
// old, fixed temporary name (exercises.json.tmp) is not followed.
func TestStateNotWrittenThroughPlantedTemp(t *testing.T) {
	set, work, state, elsewhere := greetingSet(t), t.TempDir(), t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "victim")
	os.WriteFile(target, []byte("precious\n"), 0o644)
	symlink(t, target, filepath.Join(state, "exercises.json.tmp"))
	os.WriteFile(filepath.Join(work, "greeting.lua"), []byte("print('hello')\n"), 0o644)
	if out, code := run(t, work, state, "exercise", "check", "greeting", "--dir", set); code != 0 {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	if data, _ := os.ReadFile(target); string(data) != "precious\n" {
		t.Fatalf("the state was written through the planted link: %q", data)
	}
	if out, _ := run(t, work, state, "exercise", "list", "--dir", set); !regexpLine(out, "01-greeting", "passed") {
		t.Fatalf("the progress was not saved:\n%s", out)
	}
}

// TestStateSymlinkRefused: a state file that is a link is neither read nor
// written through; the learner is told why.
func TestStateSymlinkRefused(t *testing.T) {
	set, work, state, elsewhere := greetingSet(t), t.TempDir(), t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "victim")
	os.WriteFile(target, []byte("{}\n"), 0o644)
	path := filepath.Join(state, "exercises.json")
	symlink(t, target, path)
	os.WriteFile(filepath.Join(work, "greeting.lua"), []byte("print('hello')\n"), 0o644)
	out, _ := run(t, work, state, "exercise", "check", "greeting", "--dir", set)
	if !strings.Contains(out, "PASS 01-greeting") || !strings.Contains(out, "cannot save your progress: "+path+" is a symbolic link, not a regular file") {
		t.Fatalf("check with a linked state file:\n%s", out)
	}
	if data, _ := os.ReadFile(target); string(data) != "{}\n" {
		t.Fatalf("the state was written through the link: %q", data)
	}
}

// TestCorruptStateMovedAside: `exercise list` over a damaged state file
// moves it to exercises.json.corrupt, says so, and lists.
func TestCorruptStateMovedAside(t *testing.T) {
	work, state := t.TempDir(), t.TempDir()
	path := filepath.Join(state, "exercises.json")
	os.WriteFile(path, []byte(`{"02-echo-server": "pass`), 0o644)
	out, code := run(t, work, state, "exercise", "list")
	if code != 0 || !regexpLine(out, "02-echo-server", "not started") {
		t.Fatalf("list over a damaged state file: exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "your progress file "+path+" was damaged") || !strings.Contains(out, "moved to "+path+".corrupt") {
		t.Fatalf("no message about the damaged file:\n%s", out)
	}
	if data, _ := os.ReadFile(path + ".corrupt"); string(data) != `{"02-echo-server": "pass` {
		t.Fatalf("the damaged file was not kept aside: %q", data)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the damaged file is still in place: %v", err)
	}
}
