// Package exercise is `netlua exercise`: socket-programming exercises that a
// learner starts, writes and checks in one command, offline. Each exercise is
// a folder of data (task text, starter, a checker written in Lua, reference
// and broken solutions, hints): the built-in ones are embedded from
// exercises/, and --dir loads a teacher's own folder with the same layout.
//
// A check runs the learner's script as a subprocess of the same netlua binary
// with --host and --port on a free loopback port, and runs checker.lua in
// this process, playing the other side: the client(s) for a server exercise,
// the server for a client exercise. Checkers are adversarial on purpose
// (split writes, many clients, early closes), so the classic bugs fail with a
// message that says what the peer did and what the script did wrong.
package exercise

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"netlua/interp"
)

const usage = `usage: netlua exercise list [--dir PATH]
       netlua exercise start NAME [--dir PATH]
       netlua exercise check NAME [FILE.lua] [--hint] [--watch] [--dir PATH]

  list    the exercises and your status for each (not started, failing, passed)
  start   write NAME.lua, a starter with the task, into the current folder
  check   run FILE.lua (default NAME.lua) against the exercise's checker
  --hint  show the exercise's hints before checking
  --watch check again each time FILE.lua changes, until it passes
  --dir   use the exercises in folder PATH instead of the built-in ones
`

// options is the parsed command line of `netlua exercise`.
type options struct {
	command, name, file string
	dir                 string
	hint, watch         bool
}

// Main runs `netlua exercise argv...` with the modules a netlua runtime
// preloads, and returns the exit status.
func Main(argv []string, modules []*interp.Module) int {
	opts, err := parseArgs(argv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "netlua exercise: %v\n%s", err, usage)
		return 2
	}
	set := BuiltinSet()
	if opts.dir != "" {
		if set, err = DirSet(opts.dir); err != nil {
			fmt.Fprintf(os.Stderr, "netlua exercise: %v\n", err)
			return 2
		}
	}
	switch opts.command {
	case "list":
		err = list(os.Stdout, set)
	case "start":
		err = start(os.Stdout, set, opts.name)
	case "check":
		return check(os.Stdout, set, opts, modules)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "netlua exercise: %v\n", err)
		return 1
	}
	return 0
}

func parseArgs(argv []string) (*options, error) {
	opts := &options{}
	var words []string
	for i := 0; i < len(argv); i++ {
		switch a := argv[i]; a {
		case "--hint":
			opts.hint = true
		case "--watch":
			opts.watch = true
		case "--dir":
			if i+1 >= len(argv) {
				return nil, fmt.Errorf("--dir needs a folder")
			}
			opts.dir = argv[i+1]
			i++
		case "-h", "--help":
			return nil, fmt.Errorf("help")
		default:
			if strings.HasPrefix(a, "-") {
				return nil, fmt.Errorf("unknown option %s", a)
			}
			words = append(words, a)
		}
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("which command?")
	}
	opts.command, words = words[0], words[1:]
	max := map[string]int{"list": 0, "start": 1, "check": 2}
	n, known := max[opts.command]
	switch {
	case !known:
		return nil, fmt.Errorf("unknown command %q", opts.command)
	case len(words) > n:
		return nil, fmt.Errorf("too many arguments for %s", opts.command)
	case n > 0 && len(words) == 0:
		return nil, fmt.Errorf("%s needs the name of an exercise", opts.command)
	}
	if len(words) > 0 {
		opts.name = words[0]
	}
	if len(words) > 1 {
		opts.file = words[1]
	}
	return opts, nil
}

func list(w io.Writer, set *Set) error {
	exs, err := set.List()
	if err != nil {
		return err
	}
	state, err := loadState()
	if err != nil {
		return err
	}
	for _, ex := range exs {
		fmt.Fprintf(w, "%-24s %-12s %s\n", ex.Name, statusOf(state, ex), ex.Title)
	}
	return nil
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
	task, err := ex.File("task.md")
	if err != nil {
		return err
	}
	starter, err := ex.File("starter.lua")
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(task, "\n"), "\n") {
		b.WriteString(strings.TrimRight("-- "+line, " ") + "\n")
	}
	b.WriteString("--\n-- netlua exercise check " + ex.ShortName() + "   checks this file\n\n")
	b.WriteString(starter)
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s: %s\n", file, ex.Title)
	return nil
}

func check(w io.Writer, set *Set, opts *options, modules []*interp.Module) int {
	ex, err := set.Find(opts.name)
	if err != nil {
		fmt.Fprintf(os.Stderr, "netlua exercise: %v\n", err)
		return 1
	}
	file := opts.file
	if file == "" {
		file = ex.ShortName() + ".lua"
	}
	if opts.hint {
		hints, err := ex.File("hint.txt")
		if err != nil {
			hints = "(this exercise has no hints)\n"
		}
		fmt.Fprintf(w, "Hints for %s:\n\n%s\n", ex.Name, strings.TrimRight(hints, "\n")+"\n")
	}
	if !opts.watch {
		return checkOnce(w, ex, file, modules)
	}
	return watch(w, ex, file, modules)
}

func checkOnce(w io.Writer, ex *Exercise, file string, modules []*interp.Module) int {
	r := Check(ex, file, modules)
	status := Failing
	if r.Passed {
		status = Passed
		fmt.Fprintf(w, "PASS %s (%s)\n", ex.Name, file)
	} else {
		fmt.Fprintf(w, "FAIL %s (%s)\n%s\n", ex.Name, file, r.Message)
		if r.Hint != "" {
			fmt.Fprintf(w, "hint: %s (netlua exercise check %s --hint shows the hints)\n", r.Hint, ex.ShortName())
		}
	}
	if err := setStatus(ex, status); err != nil {
		fmt.Fprintf(os.Stderr, "netlua exercise: cannot save your progress: %v\n", err)
	}
	if r.Passed {
		return 0
	}
	return 1
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
func watch(w io.Writer, ex *Exercise, file string, modules []*interp.Module) int {
	end := time.Now().Add(watchLimit)
	var last time.Time
	code := 1
	for n := 0; n < watchChecks && time.Now().Before(end); {
		st, err := os.Stat(file)
		if err == nil && !st.ModTime().Equal(last) {
			last = st.ModTime()
			n++
			if code = checkOnce(w, ex, file, modules); code == 0 {
				return 0
			}
			fmt.Fprintf(w, "watching %s: save it to check again (Ctrl-C stops)\n", file)
		}
		time.Sleep(watchPoll)
	}
	return code
}
