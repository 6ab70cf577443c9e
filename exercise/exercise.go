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
//
// Files: exercise.go is the subcommand; set.go loads an exercise set
// (embedded exercises/ or --dir); list.go, checkcmd.go and classroom.go are
// the list, check and classroom commands; check.go runs one check;
// script.go the learner's script as a subprocess; checkapi.go and
// checkapi.lua the `check` module a checker uses; results.go the JSON,
// JUnit and TAP results; reportpage.go the class's progress page;
// state.go the learner's state file.
package exercise

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"netlua/interp"
)

const usage = `usage: netlua exercise list [--dir PATH]
       netlua exercise start NAME [--dir PATH]
       netlua exercise check NAME [FILE.lua] [--hint] [--watch] [--format FMT] [--seed N] [--dir PATH]
       netlua exercise check --all [--format FMT] [--dir PATH]
       netlua exercise classroom DIR [--set PATH] [--exercises a,b,c]
       netlua exercise report RESULT.json... --html OUT.html
       netlua exercise test [NAME...] [--repeat N] [--parallel P] [--dir PATH]

  list       the exercises, your status for each, your progress and what is next
  start      write NAME.lua, a starter with the task, into the current folder
  check      run FILE.lua (default NAME.lua) against the exercise's checker
  --all      check every exercise whose NAME.lua is in the current folder
  --format   text (default), json, junit (JUnit XML) or tap (TAP 13)
  --seed     repeat the run whose verdict printed this seed
  --hint     show the exercise's hints before checking
  --watch    check again each time FILE.lua changes, until it passes
  --dir      use the exercises in folder PATH instead of the built-in ones
  classroom  write a repository for a class into DIR: starters, a README and
             the CI set-up (GitHub Actions and Classroom, GitLab CI) that checks them
  --set      the exercises to use (a folder, as --dir); --exercises picks some
  test       test the checkers like code: each solution.lua must pass --repeat
             times (default 20, --parallel at once, default 8), and broken.lua and
             every wrong/*.lua must fail with the text of their "-- expect:" line
  report     read check --format json results, one per student, and write a
             self-contained HTML page of the class's progress
`

// options is the parsed command line of `netlua exercise`.
type options struct {
	command, name, file string
	dir                 string
	hint, watch, all    bool
	format              string
	seed                int64    // check --seed: repeat a run
	exercises           []string // classroom --exercises
	html                string   // report --html
	results             []string // report's files
	names               []string // test's exercises
	repeat, parallel    int      // test --repeat, --parallel
}

// Main runs `netlua exercise argv...` with the modules a netlua runtime
// preloads, and returns the exit status.
func Main(argv []string, modules []*interp.Module) int {
	opts, err := parseArgs(argv)
	if errors.Is(err, errHelp) {
		fmt.Print(usage)
		return 0
	}
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
	case "classroom":
		err = classroom(os.Stdout, set, opts.name, opts.dir, opts.exercises)
	case "report":
		err = report(os.Stdout, opts.results, opts.html)
	case "test":
		return selfTest(os.Stdout, set, opts.names, opts.repeat, opts.parallel, modules)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "netlua exercise: %v\n", err)
		return 1
	}
	return 0
}

// errHelp is -h or --help: the usage goes to standard output, status 0.
var errHelp = errors.New("help asked for")

// valueOf returns the value after a --flag, or an error naming what it takes.
func valueOf(argv []string, i int, what string) (string, error) {
	if i+1 >= len(argv) || strings.HasPrefix(argv[i+1], "--") {
		return "", fmt.Errorf("%s needs %s", argv[i], what)
	}
	return argv[i+1], nil
}

func parseArgs(argv []string) (*options, error) {
	opts := &options{format: "text", repeat: 20, parallel: 8}
	var words []string
	for i := 0; i < len(argv); i++ {
		var err error
		switch a := argv[i]; a {
		case "--hint":
			opts.hint = true
		case "--watch":
			opts.watch = true
		case "--all":
			opts.all = true
		case "--dir", "--set":
			opts.dir, err = valueOf(argv, i, "a folder")
			i++
		case "--format":
			opts.format, err = valueOf(argv, i, "one of "+strings.Join(Formats, ", "))
			i++
			if err == nil && !slices.Contains(Formats, opts.format) {
				err = fmt.Errorf("unknown format %q: use one of %s", opts.format, strings.Join(Formats, ", "))
			}
		case "--exercises":
			var list string
			list, err = valueOf(argv, i, "a list of exercises such as echo-server,udp-server")
			i++
			for _, name := range strings.Split(list, ",") {
				if name = strings.TrimSpace(name); name != "" {
					opts.exercises = append(opts.exercises, name)
				}
			}
		case "--seed":
			var v string
			v, err = valueOf(argv, i, "a number (a verdict prints its seed)")
			i++
			if err == nil {
				if opts.seed, err = strconv.ParseInt(v, 10, 64); err != nil || opts.seed <= 0 {
					err = fmt.Errorf("--seed needs a positive number, not %q", v)
				}
			}
		case "--repeat", "--parallel":
			var v string
			v, err = valueOf(argv, i, "a number")
			i++
			n, perr := strconv.Atoi(v)
			if err == nil && (perr != nil || n < 1) {
				err = fmt.Errorf("%s needs a positive number, not %q", argv[i-1], v)
			}
			if argv[i-1] == "--repeat" {
				opts.repeat = n
			} else {
				opts.parallel = n
			}
		case "--html":
			opts.html, err = valueOf(argv, i, "the page to write")
			i++
		case "-h", "--help":
			return nil, errHelp
		default:
			if strings.HasPrefix(a, "-") {
				return nil, fmt.Errorf("unknown option %s", a)
			}
			words = append(words, a)
		}
		if err != nil {
			return nil, err
		}
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("which command?")
	}
	opts.command, words = words[0], words[1:]
	switch opts.command {
	case "list":
		if len(words) > 0 {
			return nil, fmt.Errorf("too many arguments for list")
		}
	case "start", "classroom":
		if len(words) != 1 {
			what := map[string]string{"start": "the name of an exercise", "classroom": "the folder to write"}[opts.command]
			return nil, fmt.Errorf("%s needs %s", opts.command, what)
		}
		opts.name = words[0]
	case "check":
		switch {
		case opts.all && len(words) > 0:
			return nil, fmt.Errorf("check --all takes no exercise name")
		case opts.all && opts.watch:
			return nil, fmt.Errorf("check --all cannot --watch")
		case !opts.all && len(words) == 0:
			return nil, fmt.Errorf("check needs the name of an exercise (or --all)")
		case len(words) > 2:
			return nil, fmt.Errorf("too many arguments for check")
		}
		if opts.watch && opts.format != "text" {
			return nil, fmt.Errorf("--watch writes text only")
		}
		if len(words) > 0 {
			opts.name = words[0]
		}
		if len(words) > 1 {
			opts.file = words[1]
		}
	case "test":
		opts.names = words
	case "report":
		if len(words) == 0 {
			return nil, fmt.Errorf("report needs result files (from check --format json)")
		}
		if opts.html == "" {
			return nil, fmt.Errorf("report needs --html OUT.html")
		}
		opts.results = words
	default:
		return nil, fmt.Errorf("unknown command %q", opts.command)
	}
	return opts, nil
}
