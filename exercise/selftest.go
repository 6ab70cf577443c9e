package exercise

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"netlua/interp"
)

// selfTest is `exercise test`: it tests a set's checkers like code. Each
// exercise's solution.lua must PASS repeat times in a row, checked in
// parallel so that they run under load; broken.lua and every wrong/*.lua
// must FAIL with the text of their "-- expect: " line in the message. A
// teacher runs it on their own set with --dir.
func selfTest(w io.Writer, set *Set, names []string, repeat, parallel int, skips []string, modules []*interp.Module) int {
	exs, err := pickExercises(set, names)
	if err != nil {
		fmt.Fprintf(os.Stderr, "netlua exercise: %v\n", err)
		return 1
	}
	var cases []*selfCase
	for _, ex := range exs {
		cases = append(cases, &selfCase{ex: ex, file: "solution.lua", runs: repeat})
		files := []string{"broken.lua"}
		wrong, _ := fs.Glob(ex.set.FS, ex.Name+"/wrong/*.lua")
		sort.Strings(wrong)
		for _, f := range wrong {
			files = append(files, strings.TrimPrefix(f, ex.Name+"/"))
		}
		for _, f := range files {
			if _, err := ex.File(f); err == nil {
				cases = append(cases, &selfCase{ex: ex, file: f, runs: 1})
			}
		}
	}
	var kept []*selfCase
	for _, c := range cases {
		if slices.Contains(skips, c.ex.Name+"/"+c.file) {
			fmt.Fprintf(w, "skip %s %s: left out with --skip\n", c.ex.Name, c.file)
			continue
		}
		if text, _ := c.ex.File(c.file); !distinctLoopback && strings.Contains(text, "\n-- needs: distinct loopback addresses") {
			fmt.Fprintf(w, "skip %s %s: checks here give --host 127.0.0.1, so binding every address cannot be told apart\n", c.ex.Name, c.file)
			continue
		}
		kept = append(kept, c)
	}
	cases = kept
	var jobs []func()
	for _, c := range cases {
		c.results = make([]Result, c.runs)
		c.seeds = make([]int64, c.runs)
		for i := range c.runs {
			jobs = append(jobs, func() { c.results[i], c.seeds[i] = c.check(modules) })
		}
	}
	runAll(jobs, parallel)
	bad := 0
	for _, c := range cases {
		verdict := c.verdict()
		if verdict != "" {
			bad++
			fmt.Fprintf(w, "BAD  %s %s: %s\n", c.ex.Name, c.file, verdict)
		} else if c.file == "solution.lua" {
			fmt.Fprintf(w, "ok   %s %s: passed %d/%d\n", c.ex.Name, c.file, c.runs, c.runs)
		} else {
			fmt.Fprintf(w, "ok   %s %s: failed as it should (%s)\n", c.ex.Name, c.file, c.expect)
		}
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", len(cases)-bad, bad)
	if bad > 0 {
		return 1
	}
	return 0
}

// A selfCase is one file of an exercise and what it must do.
type selfCase struct {
	ex      *Exercise
	file    string // solution.lua, broken.lua or wrong/NAME.lua
	runs    int
	expect  string // a wrong file's "-- expect: " text
	results []Result
	seeds   []int64
}

// check copies the file into a folder of its own and checks it once.
func (c *selfCase) check(modules []*interp.Module) (Result, int64) {
	text, err := c.ex.File(c.file)
	if err != nil {
		return Result{Message: err.Error()}, 0
	}
	dir, err := os.MkdirTemp("", "netlua-selftest")
	if err != nil {
		return Result{Message: err.Error()}, 0
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, path.Base(c.file))
	if err := os.WriteFile(script, []byte(text), 0o644); err != nil {
		return Result{Message: err.Error()}, 0
	}
	run := NewRun(0)
	return Check(c.ex, script, modules, run), run.Seed
}

// verdict is "" when the case did what it must, else what went wrong.
func (c *selfCase) verdict() string {
	if c.file == "solution.lua" {
		for i, r := range c.results {
			if !r.Passed {
				return fmt.Sprintf("the reference solution failed run %d of %d (seed %d):\n%s", i+1, c.runs, c.seeds[i], indent(r.Message))
			}
		}
		return ""
	}
	text, _ := c.ex.File(c.file)
	for _, line := range strings.Split(text, "\n") {
		if e, ok := strings.CutPrefix(line, "-- expect: "); ok {
			c.expect = strings.TrimSpace(e)
		}
	}
	r := c.results[0]
	switch {
	case c.expect == "":
		return "has no \"-- expect: TEXT\" line naming the failure it must cause"
	case r.Passed:
		return fmt.Sprintf("PASSED (seed %d), but it is a wrong solution that must fail with %q", c.seeds[0], c.expect)
	case !strings.Contains(r.Message, c.expect):
		return fmt.Sprintf("failed (seed %d), but not with %q:\n%s", c.seeds[0], c.expect, indent(r.Message))
	}
	return ""
}

// runAll runs jobs, at most parallel at a time.
func runAll(jobs []func(), parallel int) {
	sem := make(chan struct{}, max(parallel, 1))
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			job()
		}()
	}
	wg.Wait()
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}
