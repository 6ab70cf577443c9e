package exercise_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"netlua/exercise"
)

// writeAnswer puts a built-in exercise's solution.lua or broken.lua into dir
// under the name check looks for.
func writeAnswer(t *testing.T, dir, name, which string) {
	t.Helper()
	ex, err := exercise.BuiltinSet().Find(name)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, ex.ShortName()+".lua"), []byte(readExercise(t, ex.Name, which)), 0o644)
}

// TestCheckFormatJSON: one object with the fields CI and the report read,
// the failing step named with the checker's message, and the exit status
// still 1 for a failure and 0 for a pass.
func TestCheckFormatJSON(t *testing.T) {
	dir := t.TempDir()
	writeAnswer(t, dir, "echo-server", "broken.lua")
	out, code := run(t, dir, t.TempDir(), "exercise", "check", "echo-server", "--format", "json")
	var r exercise.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 1 {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if r.Exercise != "02-echo-server" || r.File != "echo-server.lua" || r.Passed || r.Hint != "recv-loop" ||
		!strings.HasPrefix(r.Message, "requirement 2 / 要求 2: ") || r.DurationS <= 0 || r.NetluaVersion == "" || r.Seed <= 0 {
		t.Fatalf("report: %+v", r)
	}
	if len(r.Steps) != 2 || !r.Steps[0].Passed || r.Steps[0].Name != "listens on the given address only" ||
		r.Steps[1].Passed || r.Steps[1].Name != "echoes data split into many pieces, with a long pause" || r.Steps[1].Message != r.Message {
		t.Fatalf("steps: %+v", r.Steps)
	}
	for _, field := range []string{`"seed"`, `"exercise"`, `"file"`, `"passed"`, `"message"`, `"hint"`, `"duration_s"`, `"netlua_version"`, `"steps"`} {
		if !strings.Contains(out, field) {
			t.Errorf("no %s in\n%s", field, out)
		}
	}

	writeAnswer(t, dir, "echo-server", "solution.lua")
	out, code = run(t, dir, t.TempDir(), "exercise", "check", "echo-server", "--format", "json")
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 || !r.Passed || len(r.Steps) != 6 {
		t.Fatalf("the solution: exit %d, %v: %+v", code, err, r)
	}
	for _, s := range r.Steps {
		if !s.Passed {
			t.Errorf("step %q of a passing check did not pass", s.Name)
		}
	}
}

// TestCheckAllJUnitAndTAP checks every exercise file in the folder: JUnit
// XML that parses, with one suite per exercise and the failure on the step
// that failed; TAP 13 with a plan and a YAML block under the failure.
func TestCheckAllJUnitAndTAP(t *testing.T) {
	dir, state := t.TempDir(), t.TempDir()
	writeAnswer(t, dir, "hostname", "solution.lua")
	writeAnswer(t, dir, "echo-server", "broken.lua")

	out, code := run(t, dir, state, "exercise", "check", "--all", "--format", "junit")
	if code != 1 || !strings.HasPrefix(out, "<?xml") {
		t.Fatalf("junit: exit %d\n%s", code, out)
	}
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(out), &suites); err != nil {
		t.Fatalf("junit does not parse: %v\n%s", err, out)
	}
	if len(suites.Suites) != 2 || suites.Suites[0].Name != "01-hostname" || suites.Suites[1].Name != "02-echo-server" || suites.Failures != 1 {
		t.Fatalf("junit suites: %+v", suites)
	}
	echo := suites.Suites[1].Cases
	if len(echo) != 2 || echo[0].Failure != nil || echo[1].Failure == nil || !strings.Contains(echo[1].Failure.Text, "hint: recv-loop") {
		t.Fatalf("junit echo-server cases: %+v", echo)
	}
	if c := suites.Suites[0].Cases; len(c) != 3 || c[0].Failure != nil || c[2].Failure != nil {
		t.Fatalf("junit hostname cases: %+v", c)
	}

	out, code = run(t, dir, state, "exercise", "check", "--all", "--format", "tap")
	want := regexp.MustCompile(`(?s)^TAP version 13\n1\.\.2\nok 1 - 01-hostname \(hostname\.lua\)\nnot ok 2 - 02-echo-server \(echo-server\.lua\)\n  ---\n  message: "requirement 2 / 要求 2: .*"\n  hint: "recv-loop"\n  duration_s: [0-9.]+\n  steps:\n    - name: "listens on the given address only"\n      passed: true\n    - name: "echoes data split into many pieces, with a long pause"\n      passed: false\n  \.\.\.\n$`)
	if code != 1 || !want.MatchString(out) {
		t.Fatalf("tap: exit %d\n%s", code, out)
	}

	// With only passing files, --all exits 0.
	os.Remove(filepath.Join(dir, "echo-server.lua"))
	if out, code = run(t, dir, state, "exercise", "check", "--all"); code != 0 || !regexp.MustCompile(`^PASS 01-hostname \(hostname\.lua\) seed \d+\n$`).MatchString(out) {
		t.Fatalf("check --all of a passing file: exit %d\n%s", code, out)
	}
	empty := t.TempDir()
	if out, code = run(t, empty, state, "exercise", "check", "--all"); code != 1 || !strings.Contains(out, "found no exercise file here") {
		t.Fatalf("check --all in an empty folder: exit %d\n%s", code, out)
	}
	if out, code = run(t, dir, state, "exercise", "check", "hostname", "--format", "xml"); code != 2 || !strings.Contains(out, `unknown format "xml"`) {
		t.Fatalf("--format xml: exit %d\n%s", code, out)
	}
}

// TestPassIsKept: a pass is kept with its date when a later check of a
// broken file fails; the list says the last check failed, shows the
// progress bar and names the next exercise.
func TestPassIsKept(t *testing.T) {
	dir, state := t.TempDir(), t.TempDir()
	writeAnswer(t, dir, "hostname", "solution.lua")
	if out, code := run(t, dir, state, "exercise", "check", "hostname"); code != 0 {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	writeAnswer(t, dir, "hostname", "broken.lua")
	if out, code := run(t, dir, state, "exercise", "check", "hostname"); code != 1 {
		t.Fatalf("check of the broken file: exit %d\n%s", code, out)
	}
	out, _ := run(t, dir, state, "exercise", "list")
	if !regexpLine(out, "01-hostname", "passed") || !regexp.MustCompile(`01-hostname .* on \d{4}-\d\d-\d\d \(the last check failed\)`).MatchString(out) {
		t.Fatalf("list after a pass and a failure:\n%s", out)
	}
	n, _ := exercise.BuiltinSet().List()
	if !strings.Contains(out, "[") || !strings.Contains(out, "] 1/"+itoa(len(n))+" done") || !strings.Contains(out, "next: 02-echo-server — netlua exercise start echo-server") {
		t.Fatalf("list has no progress bar or next exercise:\n%s", out)
	}
}

// TestOldStateFileReads: a state file written before passes were dated
// (one status string per exercise) still reads.
func TestOldStateFileReads(t *testing.T) {
	state := t.TempDir()
	os.WriteFile(filepath.Join(state, "exercises.json"), []byte(`{"01-hostname": "passed", "02-echo-server": "failing"}`), 0o644)
	out, code := run(t, t.TempDir(), state, "exercise", "list")
	if code != 0 || !regexpLine(out, "01-hostname", "passed") || !regexpLine(out, "02-echo-server", "failing") {
		t.Fatalf("list with an old state file: exit %d\n%s", code, out)
	}
}

// TestSyntaxErrorIsNamed: a file that does not parse fails with the line
// of the error, not a hint about a server that never listened.
func TestSyntaxErrorIsNamed(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "echo-server.lua"), []byte("local socket = require(\"socket\")\nlocal s = socket.socket(\nprint('x'\n"), 0o644)
	out, code := run(t, dir, t.TempDir(), "exercise", "check", "echo-server")
	if code != 1 || !strings.Contains(out, "the script does not parse") || !strings.Contains(out, "echo-server.lua:") || strings.Contains(out, "hint: listen") {
		t.Fatalf("check of a file that does not parse: exit %d\n%s", code, out)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
