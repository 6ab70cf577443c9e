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
	state, err := loadState(os.Stderr)
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
	text, err := starterText(ex)
	if err != nil {
		return err
	}
	// O_EXCL: a file, or a link (even one to nowhere), already at the name
	// is never written or followed.
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if os.IsExist(err) {
		return fmt.Errorf("%s already exists; remove it to start over", file)
	}
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s: %s\n", file, ex.Title)
	return nil
}
