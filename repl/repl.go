// Package repl is netlua's interactive prompt.
package repl

import (
	"fmt"
	"os"

	"netlua/interp"
)

// Run runs the interactive loop on rt until end of input; it returns the
// process exit status.
func Run(rt *interp.Runtime, banner bool) int {
	if banner {
		fmt.Printf("netlua %s\n", interp.Version)
	}
	for {
		line, err := rt.ReadLine(">>> ")
		if err != nil {
			fmt.Println()
			break
		}
		if err := rt.RunString(line, "stdin"); err != nil {
			e := interp.FromLuaError(rt, err)
			if e.IsA(interp.SystemExit) {
				return e.ExitCode()
			}
			fmt.Fprintln(os.Stderr, e.Report())
		}
	}
	if !rt.WaitThreads() {
		return 130
	}
	return 0
}
