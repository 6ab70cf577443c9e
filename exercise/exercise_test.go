package exercise_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"netlua/exercise"

	"netlua/interp/interptest"
)

var netlua string // the binary, built once

func TestMain(m *testing.M) { interptest.Main(m, &netlua) }

// run runs netlua with args in dir, with the learner's state in stateDir.
func run(t *testing.T, dir, stateDir string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(netlua, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NETLUA_STATE_DIR="+stateDir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	code := interptest.ExitCode(t, cmd.Run())
	return out.String(), code
}

// expectedFailure is the `-- expect:` line of a broken solution: the text its
// failure message must contain.
func expectedFailure(t *testing.T, broken string) string {
	for _, line := range strings.Split(broken, "\n") {
		if text, ok := strings.CutPrefix(line, "-- expect: "); ok {
			return text
		}
	}
	t.Fatal("broken.lua has no '-- expect: ' line")
	return ""
}

// TestBuiltinExercises checks every built-in exercise: its folder is
// complete, its reference solution passes and its broken solution fails with
// the message its `-- expect:` line names.
func TestBuiltinExercises(t *testing.T) {
	set := exercise.BuiltinSet()
	list, err := set.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 8 {
		t.Fatalf("only %d exercises", len(list))
	}
	for _, ex := range list {
		t.Run(ex.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for _, f := range []string{"task.md", "starter.lua", "checker.lua", "solution.lua", "broken.lua", "hint.txt"} {
				text, err := fs.ReadFile(set.FS, ex.Name+"/"+f)
				if err != nil {
					t.Fatalf("missing %s", f)
				}
				os.WriteFile(filepath.Join(dir, f), text, 0o644)
			}
			out, code := run(t, dir, t.TempDir(), "exercise", "check", ex.Name, "solution.lua")
			if code != 0 || !strings.HasPrefix(out, "PASS "+ex.Name) {
				t.Errorf("solution.lua: exit %d, want PASS:\n%s", code, out)
			}
			broken, _ := os.ReadFile(filepath.Join(dir, "broken.lua"))
			want := expectedFailure(t, string(broken))
			out, code = run(t, dir, t.TempDir(), "exercise", "check", ex.Name, "broken.lua")
			if code != 1 || !strings.HasPrefix(out, "FAIL "+ex.Name) || !strings.Contains(out, want) || !strings.Contains(out, "hint: ") {
				t.Errorf("broken.lua: exit %d, want FAIL with %q and a hint:\n%s", code, want, out)
			}
		})
	}
}
