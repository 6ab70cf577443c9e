// Command netlua runs Lua with a Python-flavoured network library, as a
// script runner and an interactive REPL. Its command line follows lua(1):
//
//	netlua [options] [script [args]]
//
//	-e chunk   run chunk
//	-l name    require library name into a global of the same name
//	-i         enter the interactive prompt after running script
//	-v         print version information
//	-h         print this help
//	--         stop handling options
//	-          run standard input as the script and stop handling options
//
// With no script and no -e, netlua starts the REPL when standard input is a
// terminal and otherwise runs standard input as a script.
//
// Files: main.go is the command line (parseArgs, run) and Ctrl-C; modules.go
// the list of modules every runtime preloads; profile.go the CPU profile
// NETLUA_CPUPROFILE asks for.
package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"

	"netlua/exercise"
	_ "netlua/internal/prefault" // maps in the memory start-up will touch
	"netlua/interp"
	"netlua/repl"

	"golang.org/x/term"
)

const usage = `usage: netlua [options] [script [args]]
Available options are:
  -e chunk  execute string 'chunk'
  -l name   require library 'name' into global 'name'
  -i        enter interactive mode after executing 'script'
  -v        show version information
  -h        show this help
  --        stop handling options
  -         stop handling options and execute stdin
Commands:
  netlua exercise ...  socket-programming exercises with checkers
                       (netlua exercise --help lists them)
`

// gcPercent is netlua's default GOGC. A Lua server makes a new string of
// every message it receives, so its garbage is mostly received data that
// dies at once. At 200 instead of Go's 100, the 64 KiB echo of bench/ used
// ~12% less CPU per round trip and ran ~15% faster, 64-byte messages did not
// change, and idle connections took ~1 KiB more RSS each (12.5 -> 13.0-14.3
// KiB; at 400 it was 17.2, over issue 6's 16). BENCHMARKS.md has the runs.
// GOGC in the environment still decides, as for any Go program.
const gcPercent = 200

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	stopProfile := startProfile()
	code := run(os.Args[1:])
	stopProfile()
	os.Exit(code)
}

// action is one -e or -l option, run in command-line order as lua(1) does.
type action struct{ flag, value string }

// options is a parsed command line.
type options struct {
	actions     []action // -e and -l, in order
	interactive bool     // -i
	version     bool     // -v, or -i
	script      string   // the script's path, "-" for standard input
	hasScript   bool
	scriptArgs  []string
}

// parseArgs reads the options as lua(1) does. A non-negative exit code
// means the command line is done with (-h, or an error it reported).
func parseArgs(argv []string) (opts options, exit int) {
	i := 0
loop:
	for ; i < len(argv); i++ {
		a := argv[i]
		switch {
		case a == "--":
			i++
			break loop
		case a == "-":
			break loop
		case a == "-i":
			opts.interactive, opts.version = true, true
		case a == "-v":
			opts.version = true
		case a == "-h" || a == "--help":
			fmt.Print(usage)
			return opts, 0
		case a == "-e" || a == "-l":
			if i+1 >= len(argv) {
				fmt.Fprintf(os.Stderr, "netlua: '%s' needs argument\n%s", a, usage)
				return opts, 2
			}
			opts.actions = append(opts.actions, action{a, argv[i+1]})
			i++
		case len(a) > 2 && (a[:2] == "-e" || a[:2] == "-l"):
			opts.actions = append(opts.actions, action{a[:2], a[2:]})
		case len(a) > 1 && a[0] == '-':
			fmt.Fprintf(os.Stderr, "netlua: unrecognized option '%s'\n%s", a, usage)
			return opts, 2
		default:
			break loop
		}
	}
	if i < len(argv) {
		opts.script, opts.hasScript = argv[i], true
		opts.scriptArgs = argv[i+1:]
	}
	return opts, -1
}

// run is the command: the exercise subcommand, or lua(1)'s options, then
// the script, standard input or the prompt. It returns the exit status.
func run(argv []string) int {
	if len(argv) > 0 && argv[0] == "exercise" {
		return exercise.Main(argv[1:], Modules)
	}
	opts, exit := parseArgs(argv)
	if exit >= 0 {
		return exit
	}
	if opts.version {
		fmt.Printf("netlua %s (Lua 5.1, gopher-lua)\n", interp.Version)
		if !opts.interactive && !opts.hasScript && len(opts.actions) == 0 {
			return 0
		}
	}

	attachSignals, stopSignals := handleInterrupts()
	defer stopSignals()
	rt := interp.New(Modules...)
	attachSignals(rt)
	rt.SetArgs(opts.script, opts.scriptArgs)

	var err error
	for _, a := range opts.actions {
		if a.flag == "-e" {
			err = rt.RunString(a.value, "(command line)")
		} else {
			err = rt.RunString(fmt.Sprintf("%s = require(%q)", a.value, a.value), "(command line)")
		}
		if err != nil {
			break
		}
	}
	if err == nil {
		switch {
		case opts.hasScript && opts.script == "-":
			err = runStdin(rt, opts.scriptArgs)
		case opts.hasScript:
			err = rt.RunFile(opts.script, opts.scriptArgs)
		case len(opts.actions) == 0 && !opts.interactive:
			if term.IsTerminal(int(os.Stdin.Fd())) {
				return repl.Run(rt, !opts.version)
			}
			err = runStdin(rt, nil)
		}
	}
	if err == nil && opts.interactive {
		return repl.Run(rt, false)
	}
	return finish(rt, err)
}

// finish reports the error that ended the main chunk, if any, then waits for
// non-daemon threads as Python does, and gives the exit status.
func finish(rt *interp.Runtime, err error) int {
	code := 0
	if err != nil {
		e := interp.FromLuaError(rt, err)
		rt.Out.WriteErr(e.ExitMessage())
		code = e.ExitCode()
	}
	if !rt.WaitThreads() {
		rt.Out.WriteErr("KeyboardInterrupt\n")
		return 130
	}
	return code
}

func runStdin(rt *interp.Runtime, args []string) error {
	src, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	rt.SetArgs("-", args)
	return rt.RunString(string(src), "stdin")
}

// handleInterrupts turns Ctrl-C into KeyboardInterrupt in the foreground
// thread: SIGINT on Unix; on Windows the console's Ctrl-C and Ctrl-Break,
// which Go delivers as os.Interrupt too. A second one while the first is
// still pending exits at once, so a program that ignores the exception can
// still be stopped.
//
// It is called before the runtime exists and attach hands the runtime over:
// os/signal's set-up starts two OS threads (0.4 ms of a 10 ms start on the
// benchmark machine), and this way it overlaps interp.New. attach waits for
// the set-up, so no Lua runs before Ctrl-C is caught (on a loaded machine
// the goroutine could otherwise still be starting when a script printed
// its first line); a SIGINT that comes in between waits in the channel.
func handleInterrupts() (attach func(*interp.Runtime), stop func()) {
	runtimes := make(chan *interp.Runtime, 1)
	done := make(chan struct{})
	stopped := make(chan struct{})
	listening := make(chan struct{})
	go func() {
		defer close(stopped)
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		close(listening)
		defer signal.Stop(sig)
		var rt *interp.Runtime
		select {
		case rt = <-runtimes:
		case <-done:
			return
		}
		for {
			select {
			case <-sig:
				if rt.Main.Interrupted() {
					os.Stderr.WriteString("\nKeyboardInterrupt\n")
					os.Exit(130)
				}
				rt.Interrupt()
			case <-done:
				return
			}
		}
	}()
	attach = func(rt *interp.Runtime) {
		<-listening
		runtimes <- rt
	}
	stop = func() { close(done); <-stopped }
	return attach, stop
}
