package exercise

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// classroom writes a repository skeleton for a class into dir: the starters,
// a README in Chinese and English, and the CI set-up that checks every
// exercise on each push — a GitHub Actions workflow, GitHub Classroom's
// autograding (a workflow, and the older autograding.json, one test per
// exercise with points) and a .gitlab-ci.yml. Each student's repository is
// then graded on the CI service's machines: a class needs no server of its
// own. setDir is the --set folder ("" for the built-in set), written into
// the commands so that CI checks the teacher's exercises.
func classroom(w io.Writer, set *Set, dir, setDir string, names []string) error {
	exs, err := pickExercises(set, names)
	if err != nil {
		return err
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: classroom writes a new repository", dir)
	}
	c := &classroomFiles{exercises: exs}
	if setDir != "" {
		// The set travels with the repository, so CI can read it.
		c.setFlag = " --dir exercises"
		if err := copyDir(set, exs, filepath.Join(dir, "exercises")); err != nil {
			return err
		}
	}
	files := map[string]string{
		"README.md":                          c.readme(),
		"ci/get-netlua.sh":                   getNetlua,
		".github/workflows/netlua.yml":       c.githubWorkflow(),
		".github/workflows/classroom.yml":    c.classroomWorkflow(),
		".github/classroom/autograding.json": c.autogradingJSON(),
		".gitlab-ci.yml":                     c.gitlabCI(),
		".gitignore":                         "bin/\nnetlua-src/\nnetlua.tar.gz\nresults.*\n",
	}
	for _, ex := range exs {
		text, err := starterText(ex)
		if err != nil {
			return err
		}
		files[ex.ShortName()+".lua"] = text
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		mode := os.FileMode(0o644)
		if strings.HasSuffix(name, ".sh") {
			mode = 0o755
		}
		if err := os.WriteFile(path, []byte(text), mode); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "wrote a class repository with %d exercises into %s\n", len(exs), dir)
	fmt.Fprintf(w, "next: set the CI variable NETLUA_URL (or NETLUA_SOURCE), commit, and use it as the template of the assignment; README.md says how\n")
	return nil
}

// pickExercises is the --exercises list (names as start takes them), or
// the whole set.
func pickExercises(set *Set, names []string) ([]*Exercise, error) {
	if len(names) == 0 {
		exs, err := set.List()
		if err == nil && len(exs) == 0 {
			err = fmt.Errorf("the set has no exercises")
		}
		return exs, err
	}
	var exs []*Exercise
	for _, name := range names {
		ex, err := set.Find(name)
		if err != nil {
			return nil, err
		}
		exs = append(exs, ex)
	}
	return exs, nil
}

// copyDir copies the chosen exercises' folders, without their reference
// and broken solutions, which students should not be handed.
func copyDir(set *Set, exs []*Exercise, to string) error {
	for _, ex := range exs {
		for _, name := range []string{"task.md", "starter.lua", "checker.lua", "hint.txt"} {
			text, err := ex.File(name)
			if err != nil {
				continue
			}
			path := filepath.Join(to, ex.Name, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// classroomFiles builds the text of each generated file.
type classroomFiles struct {
	exercises []*Exercise
	setFlag   string // " --dir exercises" for a teacher's set
}

// points is what each exercise is worth in the autograder: 100 in all.
func (c *classroomFiles) points(i int) int {
	n := len(c.exercises)
	p := 100 / n
	if i < 100%n {
		p++
	}
	return p
}

func (c *classroomFiles) checkCommand(ex *Exercise) string {
	return "netlua exercise check " + ex.ShortName() + c.setFlag
}

// getNetlua puts netlua into ./bin, the same way on every CI service.
const getNetlua = `#!/bin/sh
# Puts netlua into ./bin for CI: the release archive at NETLUA_URL (netlua's
# linux-amd64 release), else a build with Go of the source at NETLUA_SOURCE
# (a git URL). Set one of them as a CI variable of the class.
set -eu
mkdir -p bin
if [ -n "${NETLUA_URL:-}" ]; then
  curl -fsSL "$NETLUA_URL" -o netlua.tar.gz
  tar -xzf netlua.tar.gz -C bin
  # The archive holds netlua, possibly in a folder: bring it to bin/.
  found=$(find bin -type f -name netlua | head -n 1)
  [ "$found" = bin/netlua ] || mv "$found" bin/netlua
elif [ -n "${NETLUA_SOURCE:-}" ]; then
  git clone --depth 1 "$NETLUA_SOURCE" netlua-src
  (cd netlua-src && CGO_ENABLED=0 go build -o ../bin/netlua .)
else
  echo "get-netlua: set NETLUA_URL (a release archive) or NETLUA_SOURCE (a git URL) in the CI variables" >&2
  exit 1
fi
chmod +x bin/netlua
bin/netlua -v
`

func (c *classroomFiles) githubWorkflow() string {
	var b strings.Builder
	b.WriteString(`# Checks every exercise with netlua on each push. The JUnit report shows in
# the run's summary; results.json is kept for the teacher's progress page
# (netlua exercise report).
name: netlua exercises
on: [push, workflow_dispatch]
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    timeout-minutes: 15
` + setupSteps + `      - name: Check the exercises
        run: |
`)
	fmt.Fprintf(&b, "          netlua exercise check --all%s --format json > results.json || true\n", c.setFlag)
	fmt.Fprintf(&b, "          netlua exercise check --all%s --format junit > results.xml\n", c.setFlag)
	b.WriteString(`      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: netlua-results
          path: |
            results.json
            results.xml
`)
	return b.String()
}

// setupSteps is the steps both workflows start with: the environment that
// says where netlua comes from, the checkout, and ci/get-netlua.sh, which
// downloads netlua from NETLUA_URL or builds it from NETLUA_SOURCE with Go.
const setupSteps = `    env:
      NETLUA_URL: ${{ vars.NETLUA_URL }}
      NETLUA_SOURCE: ${{ vars.NETLUA_SOURCE }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        if: ${{ vars.NETLUA_URL == '' }}
        with:
          go-version: stable
      - name: Get netlua
        run: sh ci/get-netlua.sh && echo "$PWD/bin" >> "$GITHUB_PATH"
`

// classroomWorkflow is GitHub Classroom's autograding: one command-grader
// step per exercise, each worth its points, and the reporter that sums them.
func (c *classroomFiles) classroomWorkflow() string {
	var b strings.Builder
	b.WriteString(`# GitHub Classroom's autograding: one test per exercise, with points.
name: Autograding Tests
on: [push, repository_dispatch]
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
` + setupSteps)
	var ids []string
	for i, ex := range c.exercises {
		id := stepID(ex)
		ids = append(ids, id)
		fmt.Fprintf(&b, "      - name: %s\n        id: %s\n        uses: classroom-resources/autograding-command-grader@v1\n", yamlString(ex.Name), id)
		fmt.Fprintf(&b, "        with:\n          test-name: %s\n          command: %s\n          timeout: 5\n          max-score: %d\n",
			yamlString(ex.Name), yamlString(c.checkCommand(ex)), c.points(i))
	}
	b.WriteString("      - name: Autograding Reporter\n        uses: classroom-resources/autograding-grading-reporter@v1\n        env:\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "          %s_RESULTS: \"${{steps.%s.outputs.result}}\"\n", strings.ToUpper(id), id)
	}
	fmt.Fprintf(&b, "        with:\n          runners: %s\n", strings.Join(ids, ","))
	return b.String()
}

// stepID is a workflow step id for an exercise: letters, digits and '-'.
func stepID(ex *Exercise) string {
	return "ex-" + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, strings.ToLower(ex.Name))
}

// autogradingJSON is GitHub Classroom's older autograding.json, read by the
// "education/autograding" action: the same tests and points.
func (c *classroomFiles) autogradingJSON() string {
	type test struct {
		Name       string `json:"name"`
		Setup      string `json:"setup"`
		Run        string `json:"run"`
		Input      string `json:"input"`
		Output     string `json:"output"`
		Comparison string `json:"comparison"`
		Timeout    int    `json:"timeout"`
		Points     int    `json:"points"`
	}
	var tests []test
	for i, ex := range c.exercises {
		tests = append(tests, test{
			Name:       ex.Name,
			Setup:      "sh ci/get-netlua.sh",
			Run:        "PATH=\"$PWD/bin:$PATH\" " + c.checkCommand(ex),
			Comparison: "included",
			Timeout:    5,
			Points:     c.points(i),
		})
	}
	b, _ := json.MarshalIndent(map[string]any{"tests": tests}, "", "  ")
	return string(b) + "\n"
}

func (c *classroomFiles) gitlabCI() string {
	var b strings.Builder
	b.WriteString(`# Checks every exercise with netlua on each push; the JUnit report shows
# in the merge request and the pipeline's Tests tab. Set NETLUA_URL (or
# NETLUA_SOURCE) in Settings > CI/CD > Variables.
netlua-exercises:
  image: golang:1.26
  timeout: 15 minutes
  script:
    - sh ci/get-netlua.sh
    - export PATH="$PWD/bin:$PATH"
`)
	fmt.Fprintf(&b, "    - netlua exercise check --all%s --format json > results.json || true\n", c.setFlag)
	fmt.Fprintf(&b, "    - netlua exercise check --all%s --format junit > results.xml\n", c.setFlag)
	b.WriteString(`  artifacts:
    when: always
    paths:
      - results.json
      - results.xml
    reports:
      junit: results.xml
`)
	return b.String()
}

func (c *classroomFiles) readme() string {
	var b strings.Builder
	b.WriteString("# Socket programming exercises / 网络编程练习\n\n")
	b.WriteString("## 中文\n\n")
	b.WriteString("每个练习是一个 `.lua` 文件，文件开头的注释就是题目。用 netlua 运行和检查：\n\n")
	b.WriteString("```sh\n" + "netlua exercise list" + c.setFlag + "            # 练习和进度\n")
	if len(c.exercises) > 0 {
		ex := c.exercises[0]
		fmt.Fprintf(&b, "netlua exercise check %s%s   # 检查 %s.lua\n", ex.ShortName(), c.setFlag, ex.ShortName())
	}
	b.WriteString("```\n\n提交（git push）后，CI 会检查所有练习并给出分数。\n\n")
	b.WriteString("| 练习 / exercise | 文件 / file | 分数 / points |\n|---|---|---|\n")
	for i, ex := range c.exercises {
		fmt.Fprintf(&b, "| %s | `%s.lua` | %d |\n", ex.Title, ex.ShortName(), c.points(i))
	}
	b.WriteString("\n## English\n\n")
	b.WriteString("Each exercise is one `.lua` file; the comment at its top is the task. Run and check it with netlua:\n\n")
	b.WriteString("```sh\nnetlua exercise list" + c.setFlag + "            # the exercises and your progress\n")
	if len(c.exercises) > 0 {
		ex := c.exercises[0]
		fmt.Fprintf(&b, "netlua exercise check %s%s   # checks %s.lua\n", ex.ShortName(), c.setFlag, ex.ShortName())
	}
	b.WriteString("```\n\nWhen you push, CI checks every exercise and gives the points in the table above.\n\n")
	b.WriteString(`## For the teacher

- Set a CI variable of the class (GitHub: Settings > Secrets and variables >
  Actions > Variables, at the organisation or the template repository; GitLab:
  Settings > CI/CD > Variables): NETLUA_URL, the address of netlua's
  linux-amd64 release archive, or NETLUA_SOURCE, a git URL of netlua's source
  (built with Go).
- .github/workflows/classroom.yml is GitHub Classroom's autograding: one test
  per exercise, with points. .github/classroom/autograding.json holds the same
  tests for the older autograding action.
- .github/workflows/netlua.yml and .gitlab-ci.yml run
  ` + "`netlua exercise check --all --format junit`" + `, so the CI service shows each
  exercise as a test, and keep results.json. Collect the students'
  results.json files and run
  ` + "`netlua exercise report results/*.json --html class.html`" + ` for a progress
  page of the whole class.
`)
	return b.String()
}

// starterText is what `start` writes: the task as a comment, then the starter.
func starterText(ex *Exercise) (string, error) {
	task, err := ex.File("task.md")
	if err != nil {
		return "", err
	}
	starter, err := ex.File("starter.lua")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(task, "\n"), "\n") {
		b.WriteString(strings.TrimRight("-- "+line, " ") + "\n")
	}
	b.WriteString("--\n-- netlua exercise check " + ex.ShortName() + "   checks this file\n\n")
	b.WriteString(starter)
	return b.String(), nil
}
