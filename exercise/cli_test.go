package exercise_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readExercise returns one file of a built-in exercise, read from the source tree.
func readExercise(t *testing.T, name, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("exercises", name, file))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLearnerSession drives the CLI as a new learner would: list, start,
// check a wrong echo server, read the hint, fix it, check again, list.
func TestLearnerSession(t *testing.T) {
	dir, state := t.TempDir(), t.TempDir()

	out, code := run(t, dir, state, "exercise", "list")
	if code != 0 || !strings.Contains(out, "02-echo-server") || strings.Contains(out, "passed") || strings.Contains(out, "failing") {
		t.Fatalf("list before starting: exit %d\n%s", code, out)
	}

	out, code = run(t, dir, state, "exercise", "start", "echo-server")
	if code != 0 || !strings.Contains(out, "wrote echo-server.lua") {
		t.Fatalf("start: exit %d\n%s", code, out)
	}
	starter, err := os.ReadFile(filepath.Join(dir, "echo-server.lua"))
	if err != nil || !strings.Contains(string(starter), "-- 中文") || !strings.Contains(string(starter), "-- English") || !strings.Contains(string(starter), `require("socket")`) {
		t.Fatalf("starter:\n%s", starter)
	}
	if out, code = run(t, dir, state, "exercise", "start", "echo-server"); code == 0 || !strings.Contains(out, "already exists") {
		t.Fatalf("start over an existing file: exit %d\n%s", code, out)
	}

	// The starter only creates a socket: it never listens.
	out, code = run(t, dir, state, "exercise", "check", "echo-server")
	if code != 1 || !strings.Contains(out, "FAIL 02-echo-server (echo-server.lua)") || !strings.Contains(out, "hint: listen") {
		t.Fatalf("check of the starter: exit %d\n%s", code, out)
	}

	os.WriteFile(filepath.Join(dir, "echo-server.lua"), []byte(readExercise(t, "02-echo-server", "broken.lua")), 0o644)
	out, code = run(t, dir, state, "exercise", "check", "echo-server", "--hint")
	if code != 1 || !strings.Contains(out, "## recv-loop") || !strings.Contains(out, "requirement 2 / 要求 2") || !strings.Contains(out, "It got back only") || !strings.Contains(out, "hint: recv-loop") {
		t.Fatalf("check --hint of the wrong server: exit %d\n%s", code, out)
	}
	if out, _ = run(t, dir, state, "exercise", "list"); !regexpLine(out, "02-echo-server", "failing") {
		t.Fatalf("list after failing:\n%s", out)
	}

	os.WriteFile(filepath.Join(dir, "echo-server.lua"), []byte(readExercise(t, "02-echo-server", "solution.lua")), 0o644)
	out, code = run(t, dir, state, "exercise", "check", "echo-server")
	if code != 0 || !regexp.MustCompile(`^PASS 02-echo-server \(echo-server\.lua\) seed \d+\n$`).MatchString(out) {
		t.Fatalf("check of the fixed server: exit %d\n%s", code, out)
	}
	if out, _ = run(t, dir, state, "exercise", "list"); !regexpLine(out, "02-echo-server", "passed") || !regexpLine(out, "01-hostname", "not started") {
		t.Fatalf("list after passing:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(state, "exercises.json")); err != nil {
		t.Fatalf("no state file in NETLUA_STATE_DIR: %v", err)
	}
}

// regexpLine reports whether some line of out starts with name and has status.
func regexpLine(out, name, status string) bool {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, name+" ") && strings.Contains(line, " "+status+" ") {
			return true
		}
	}
	return false
}

// TestTeacherSet runs a teacher's own folder with --dir: an exercise that is
// only data, checked against a right and a wrong answer.
func TestTeacherSet(t *testing.T) {
	set, work, state := t.TempDir(), t.TempDir(), t.TempDir()
	ex := filepath.Join(set, "01-greeting")
	os.MkdirAll(ex, 0o755)
	files := map[string]string{
		"task.md":     "# Say hello / 打招呼\n\nPrint hello.\n",
		"starter.lua": "-- print something\n",
		"hint.txt":    "## print\nprint(\"hello\")\n",
		"checker.lua": "local check = require(\"check\")\ncheck.start({})\ncheck.finish(5)\ncheck.expect_output(\"hello\", \"a greeting\", \"print\")\n",
	}
	for name, text := range files {
		os.WriteFile(filepath.Join(ex, name), []byte(text), 0o644)
	}
	out, code := run(t, work, state, "exercise", "list", "--dir", set)
	if code != 0 || !regexpLine(out, "01-greeting", "not started") || strings.Contains(out, "echo-server") {
		t.Fatalf("list --dir: exit %d\n%s", code, out)
	}
	if out, code = run(t, work, state, "exercise", "start", "greeting", "--dir", set); code != 0 {
		t.Fatalf("start --dir: exit %d\n%s", code, out)
	}
	out, code = run(t, work, state, "exercise", "check", "greeting", "--dir", set)
	if code != 1 || !strings.Contains(out, "should print a greeting (hello), but it printed nothing") || !strings.Contains(out, "hint: print") {
		t.Fatalf("check --dir of the starter: exit %d\n%s", code, out)
	}
	os.WriteFile(filepath.Join(work, "greeting.lua"), []byte("print('hello')\n"), 0o644)
	if out, code = run(t, work, state, "exercise", "check", "greeting", "--dir", set); code != 0 || !strings.HasPrefix(out, "PASS 01-greeting") {
		t.Fatalf("check --dir of the answer: exit %d\n%s", code, out)
	}
	// The built-in set's status is kept apart from the teacher's.
	if out, _ = run(t, work, state, "exercise", "list"); strings.Contains(out, "passed") {
		t.Fatalf("the teacher's exercise shows up as passed in the built-in list:\n%s", out)
	}
}

// TestWatch starts --watch on a wrong answer, fixes the file, and expects
// the watch to check again and end with PASS by itself.
func TestWatch(t *testing.T) {
	dir, state := t.TempDir(), t.TempDir()
	file := filepath.Join(dir, "hostname.lua")
	os.WriteFile(file, []byte(readExercise(t, "01-hostname", "broken.lua")), 0o644)
	done := make(chan struct{})
	var out string
	var code int
	go func() {
		defer close(done)
		out, code = run(t, dir, state, "exercise", "check", "hostname", "--watch")
	}()
	time.Sleep(1500 * time.Millisecond) // the first, failing check
	os.WriteFile(file, []byte(readExercise(t, "01-hostname", "solution.lua")), 0o644)
	future := time.Now().Add(2 * time.Second) // a distinct mtime even on coarse clocks
	os.Chtimes(file, future, future)
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("--watch did not end after the file was fixed")
	}
	if code != 0 || !strings.Contains(out, "FAIL 01-hostname") || !strings.Contains(out, "watching hostname.lua") || !regexp.MustCompile(`PASS 01-hostname \(hostname\.lua\) seed \d+\n$`).MatchString(out) {
		t.Fatalf("--watch: exit %d\n%s", code, out)
	}
}
