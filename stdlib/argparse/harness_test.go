package argparse_test

import (
	"testing"

	"netlua/interp"
	"netlua/interp/interptest"
	"netlua/stdlib/argparse"
)

// run runs a Lua script as `netlua prog args...` would (arg[0] = prog),
// and returns its stdout, stderr and exit status (SystemExit's code).
func run(t *testing.T, src, prog string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	rt := interptest.New(t, argparse.Module)
	rt.SetArgs(prog, args)
	err := rt.RunString(src, "="+prog)
	if err != nil {
		e := interp.FromLuaError(rt.Runtime, err)
		if !e.IsA(interp.SystemExit) {
			t.Fatalf("lua error: %s", e.Report())
		}
		status = e.ExitCode()
	}
	return rt.Stdout.String(), rt.Stderr.String(), status
}
