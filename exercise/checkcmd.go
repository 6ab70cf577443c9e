package exercise

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"netlua/interp"
)

// check runs `exercise check`: one exercise, or with --all every exercise
// whose starter file is in the current folder, reported in opts.format.
func check(w io.Writer, set *Set, opts *options, modules []*interp.Module) int {
	var todo []*Exercise
	var files []string
	if opts.all {
		exs, err := set.List()
		if err != nil {
			fmt.Fprintf(os.Stderr, "netlua exercise: %v\n", err)
			return 1
		}
		for _, ex := range exs {
			if _, err := os.Stat(ex.ShortName() + ".lua"); err == nil {
				todo, files = append(todo, ex), append(files, ex.ShortName()+".lua")
			}
		}
		if len(todo) == 0 {
			fmt.Fprintf(os.Stderr, "netlua exercise: check --all found no exercise file here (such as %s.lua)\n", firstShortName(exs))
			return 1
		}
	} else {
		ex, err := set.Find(opts.name)
		if err != nil {
			fmt.Fprintf(os.Stderr, "netlua exercise: %v\n", err)
			return 1
		}
		file := opts.file
		if file == "" {
			file = ex.ShortName() + ".lua"
		}
		todo, files = []*Exercise{ex}, []string{file}
	}
	if opts.hint {
		for _, ex := range todo {
			hints, err := ex.File("hint.txt")
			if err != nil {
				hints = "(this exercise has no hints)\n"
			}
			fmt.Fprintf(w, "Hints for %s:\n\n%s\n", ex.Name, strings.TrimRight(hints, "\n")+"\n")
		}
	}
	defer stopOnSignals()()
	if opts.watch {
		return watch(w, todo[0], files[0], modules, opts.seed)
	}
	var reports []Report
	code := 0
	for i, ex := range todo {
		r := checkAndRecord(ex, files[i], modules, opts.seed)
		if opts.format == "text" {
			writeText(w, r)
		}
		reports = append(reports, r)
		if !r.Passed {
			code = 1
		}
	}
	if opts.format != "text" {
		if err := writeReports(w, opts.format, reports, opts.all); err != nil {
			fmt.Fprintf(os.Stderr, "netlua exercise: %v\n", err)
			return 1
		}
	}
	return code
}

// checkAndRecord checks one file and saves the result in the learner's state.
func checkAndRecord(ex *Exercise, file string, modules []*interp.Module, seed int64) Report {
	began := time.Now()
	run := NewRun(seed)
	r := newReport(ex, file, Check(ex, file, modules, run), time.Since(began))
	r.Seed = run.Seed
	if err := recordCheck(os.Stderr, ex, r.Passed, time.Now()); err != nil {
		fmt.Fprintf(os.Stderr, "netlua exercise: cannot save your progress: %v\n", err)
	}
	return r
}

// writeText is the learner's format: PASS, or FAIL with what went wrong.
func writeText(w io.Writer, r Report) {
	if r.Passed {
		fmt.Fprintf(w, "PASS %s (%s) seed %d\n", r.Exercise, r.File, r.Seed)
		return
	}
	fmt.Fprintf(w, "FAIL %s (%s) seed %d\n%s\n", r.Exercise, r.File, r.Seed, r.Message)
	if r.Hint != "" {
		fmt.Fprintf(w, "hint: %s (netlua exercise check %s --hint shows the hints)\n", r.Hint, shortName(r.Exercise))
	}
	fmt.Fprintf(w, "(--seed %d repeats this run)\n", r.Seed)
}

func firstShortName(exs []*Exercise) string {
	if len(exs) == 0 {
		return "NAME"
	}
	return exs[0].ShortName()
}

// Watch bounds: the file is polled, and watching ends by itself after an hour
// or a few hundred checks, whichever comes first.
const (
	watchPoll   = 300 * time.Millisecond
	watchLimit  = time.Hour
	watchChecks = 300
)

// watch checks, then checks again each time the file's modification time
// changes, until a check passes.
func watch(w io.Writer, ex *Exercise, file string, modules []*interp.Module, seed int64) int {
	end := time.Now().Add(watchLimit)
	var last time.Time
	for n := 0; n < watchChecks && time.Now().Before(end); {
		st, err := os.Stat(file)
		if err == nil && !st.ModTime().Equal(last) {
			last = st.ModTime()
			n++
			r := checkAndRecord(ex, file, modules, seed)
			writeText(w, r)
			if r.Passed {
				return 0
			}
			fmt.Fprintf(w, "watching %s: save it to check again (Ctrl-C stops)\n", file)
		}
		time.Sleep(watchPoll)
	}
	return 1
}
