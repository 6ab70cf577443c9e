package exercise

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// list prints each exercise with the learner's status, then a progress bar
// and the exercise to do next: the first one, in order, not yet passed.
func list(w io.Writer, set *Set) error {
	exs, err := set.List()
	if err != nil {
		return err
	}
	state, err := loadState()
	if err != nil {
		return err
	}
	passed := 0
	var next *Exercise
	for _, ex := range exs {
		r, seen := recordOf(state, ex)
		status, note := NotStarted, ""
		if seen {
			status = r.status()
		}
		switch {
		case status == Passed:
			passed++
			if day, _, ok := strings.Cut(r.PassedAt, "T"); ok {
				note = " on " + day
			}
			if r.Last == Failing {
				note += " (the last check failed)"
			}
		case next == nil:
			next = ex
		}
		fmt.Fprintf(w, "%-24s %-12s %s%s\n", ex.Name, status, ex.Title, note)
	}
	fmt.Fprintf(w, "\n%s %d/%d done\n", progressBar(passed, len(exs), 24), passed, len(exs))
	if next != nil {
		fmt.Fprintf(w, "next: %s — netlua exercise start %s\n", next.Name, next.ShortName())
	} else if len(exs) > 0 {
		fmt.Fprintln(w, "all passed: well done!")
	}
	return nil
}

// progressBar draws done out of total in width cells: [#######.........].
func progressBar(done, total, width int) string {
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	return "[" + strings.Repeat("#", filled) + strings.Repeat(".", width-filled) + "]"
}

// start writes the starter: the task as a Lua comment, then the skeleton.
func start(w io.Writer, set *Set, name string) error {
	ex, err := set.Find(name)
	if err != nil {
		return err
	}
	file := ex.ShortName() + ".lua"
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("%s already exists; remove it to start over", file)
	}
	text, err := starterText(ex)
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s: %s\n", file, ex.Title)
	return nil
}
