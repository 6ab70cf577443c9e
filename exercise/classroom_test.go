package exercise_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// yamlToJSON parses a YAML file with python3's yaml module (PyYAML), the
// same parser family CI services use, and returns it as JSON.
func yamlToJSON(t *testing.T, path string) any {
	t.Helper()
	cmd := exec.Command("python3", "-c", "import sys, json, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout)", path)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s is not valid YAML: %v", path, err)
	}
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func needPythonYAML(t *testing.T) {
	if exec.Command("python3", "-c", "import yaml").Run() != nil {
		t.Skip("python3 with its yaml module (PyYAML) is not installed: the generated YAML can't be linted")
	}
}

// shellCommands collects the shell commands of a GitHub workflow (each
// step's run, and the command-grader's command) or a GitLab job (script).
func shellCommands(v any) []string {
	var cmds []string
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(x, k)
			}
		case []any:
			for _, x := range v {
				walk(x, key)
			}
		case string:
			if key == "run" || key == "command" || key == "script" {
				for _, line := range strings.Split(v, "\n") {
					if line = strings.TrimSpace(line); line != "" {
						cmds = append(cmds, line)
					}
				}
			}
		}
	}
	walk(v, "")
	return cmds
}

// TestClassroom writes a class repository, parses every generated YAML and
// JSON file, and runs every netlua command its CI steps name, with the
// reference solutions in place: each must exit 0. get-netlua.sh is run
// against a release archive served from a file:// URL.
func TestClassroom(t *testing.T) {
	needPythonYAML(t)
	if runtime.GOOS == "windows" {
		t.Skip("the generated CI runs on Linux runners; its shell steps are tested on Linux")
	}
	repo := filepath.Join(t.TempDir(), "class")
	out, code := run(t, t.TempDir(), t.TempDir(), "exercise", "classroom", repo, "--exercises", "hostname,echo-server")
	if code != 0 || !strings.Contains(out, "wrote a class repository with 2 exercises") {
		t.Fatalf("classroom: exit %d\n%s", code, out)
	}
	for _, f := range []string{"hostname.lua", "echo-server.lua", "README.md", "ci/get-netlua.sh"} {
		if _, err := os.Stat(filepath.Join(repo, f)); err != nil {
			t.Errorf("no %s: %v", f, err)
		}
	}
	readme, _ := os.ReadFile(filepath.Join(repo, "README.md"))
	if !strings.Contains(string(readme), "## 中文") || !strings.Contains(string(readme), "## English") {
		t.Errorf("README is not in Chinese and English:\n%s", readme)
	}

	var grading struct {
		Tests []struct {
			Name, Setup, Run string
			Timeout, Points  int
		}
	}
	b, _ := os.ReadFile(filepath.Join(repo, ".github/classroom/autograding.json"))
	if err := json.Unmarshal(b, &grading); err != nil || len(grading.Tests) != 2 {
		t.Fatalf("autograding.json: %v\n%s", err, b)
	}
	total := 0
	cmds := []string{}
	for _, tc := range grading.Tests {
		total += tc.Points
		if tc.Points <= 0 || tc.Timeout <= 0 || tc.Setup != "sh ci/get-netlua.sh" {
			t.Errorf("autograding test %+v", tc)
		}
		cmds = append(cmds, tc.Run)
	}
	if total != 100 {
		t.Errorf("points add up to %d, not 100", total)
	}

	workflows := map[string]int{".github/workflows/netlua.yml": 0, ".github/workflows/classroom.yml": 0, ".gitlab-ci.yml": 0}
	for f := range workflows {
		found := shellCommands(yamlToJSON(t, filepath.Join(repo, f)))
		for _, c := range found {
			if strings.Contains(c, "netlua ") {
				workflows[f]++
				cmds = append(cmds, c)
			}
		}
	}
	for f, n := range workflows {
		if n == 0 {
			t.Errorf("%s runs no netlua command", f)
		}
	}
	for _, f := range []string{".github/workflows/netlua.yml", ".gitlab-ci.yml"} {
		text, _ := os.ReadFile(filepath.Join(repo, f))
		if !strings.Contains(string(text), "check --all --format junit") {
			t.Errorf("%s does not run check --all --format junit", f)
		}
	}

	// The release archive, as get-netlua.sh downloads it.
	archive := filepath.Join(t.TempDir(), "netlua-linux-amd64.tar.gz")
	writeTarGz(t, archive, netlua)
	setup := exec.Command("sh", "ci/get-netlua.sh")
	setup.Dir = repo
	setup.Env = append(os.Environ(), "NETLUA_URL=file://"+archive)
	if out, err := setup.CombinedOutput(); err != nil || !strings.Contains(string(out), "netlua ") {
		t.Fatalf("get-netlua.sh: %v\n%s", err, out)
	}

	writeAnswer(t, repo, "hostname", "solution.lua")
	writeAnswer(t, repo, "echo-server", "solution.lua")
	state := t.TempDir()
	for _, c := range cmds {
		sh := exec.Command("sh", "-c", c)
		sh.Dir = repo
		sh.Env = append(os.Environ(), "PATH="+filepath.Join(repo, "bin")+string(os.PathListSeparator)+os.Getenv("PATH"), "NETLUA_STATE_DIR="+state)
		if out, err := sh.CombinedOutput(); err != nil {
			t.Errorf("%q: %v\n%s", c, err, out)
		}
	}
	junit, err := os.ReadFile(filepath.Join(repo, "results.xml"))
	if err != nil || !regexp.MustCompile(`<testsuites name="netlua exercises" tests="9" failures="0"`).Match(junit) {
		t.Errorf("results.xml after the CI commands: %v\n%s", err, junit)
	}

	if out, code := run(t, t.TempDir(), t.TempDir(), "exercise", "classroom", repo); code != 1 || !strings.Contains(out, "is not empty") {
		t.Errorf("classroom into a folder that is not empty: exit %d\n%s", code, out)
	}
}

// TestClassroomTeacherSet: with --set the teacher's exercises travel in the
// repository (without their solutions) and every command names --dir.
func TestClassroomTeacherSet(t *testing.T) {
	set := t.TempDir()
	ex := filepath.Join(set, "01-greeting")
	os.MkdirAll(ex, 0o755)
	for name, text := range map[string]string{
		"task.md":      "# Say hello / 打招呼\n\nPrint hello.\n",
		"starter.lua":  "-- print something\n",
		"checker.lua":  "local check = require(\"check\")\ncheck.start({})\ncheck.finish(5)\ncheck.expect_output(\"hello\", \"a greeting\")\n",
		"solution.lua": "print('hello')\n",
	} {
		os.WriteFile(filepath.Join(ex, name), []byte(text), 0o644)
	}
	repo := filepath.Join(t.TempDir(), "class")
	if out, code := run(t, t.TempDir(), t.TempDir(), "exercise", "classroom", repo, "--set", set); code != 0 {
		t.Fatalf("classroom --set: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(repo, "exercises/01-greeting/checker.lua")); err != nil {
		t.Fatalf("the set is not in the repository: %v", err)
	}
	if _, err := os.Stat(filepath.Join(repo, "exercises/01-greeting/solution.lua")); err == nil {
		t.Fatal("the repository hands students the reference solution")
	}
	os.WriteFile(filepath.Join(repo, "greeting.lua"), []byte("print('hello')\n"), 0o644)
	out, code := run(t, repo, t.TempDir(), "exercise", "check", "--all", "--dir", "exercises")
	if code != 0 || !strings.Contains(out, "PASS 01-greeting") {
		t.Fatalf("check --all --dir exercises in the class repository: exit %d\n%s", code, out)
	}
	wf, _ := os.ReadFile(filepath.Join(repo, ".github/workflows/classroom.yml"))
	if !strings.Contains(string(wf), `command: "netlua exercise check greeting --dir exercises"`) {
		t.Fatalf("classroom.yml does not check the teacher's set:\n%s", wf)
	}
}

func writeTarGz(t *testing.T, path, exe string) {
	t.Helper()
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	tw.WriteHeader(&tar.Header{Name: "netlua-linux-amd64/netlua", Mode: 0o755, Size: int64(len(data))})
	tw.Write(data)
	tw.Close()
	gz.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
