package exercise

import (
	"net"
	"os"
	"strings"
	"time"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// checkLimit bounds a whole check: a checker waits at most a few seconds per
// step, so this only stops a checker that loops by mistake.
const checkLimit = 90 * time.Second

// A Result is the outcome of one check.
type Result struct {
	Passed  bool
	Message string // for a failure: what the peer did and what the script did wrong
	Hint    string // the name of a section of hint.txt, or ""
}

// Check runs ex's checker against the learner's script in a fresh runtime
// (modules plus check), then stops the script if it still runs.
func Check(ex *Exercise, script string, modules []*interp.Module) Result {
	if _, err := os.Stat(script); err != nil {
		return Result{Message: "cannot read the script: " + err.Error() + "\n(netlua exercise start " + ex.ShortName() + " writes a starter file)"}
	}
	src, err := ex.File("checker.lua")
	if err != nil {
		return Result{Message: "the exercise has no checker: " + err.Error()}
	}
	port, err := freePort()
	if err != nil {
		return Result{Message: "no free loopback port: " + err.Error()}
	}
	l := &learner{path: script}
	defer l.stop()
	rt := interp.New(append(append([]*interp.Module{}, modules...), checkModule(l, port))...)
	rt.Out.SetWriters(os.Stdout, os.Stderr) // a teacher's debugging prints
	watchdog := time.AfterFunc(checkLimit, func() {
		rt.Interrupt()
		l.stop()
	})
	defer watchdog.Stop()
	err = rt.RunString(src, ex.Name+"/checker.lua")
	if err == nil {
		return Result{Passed: true}
	}
	e := interp.FromLuaError(rt, err)
	if t, ok := e.Value.(*lua.LTable); ok && t.RawGetString("check_failure") == lua.LTrue {
		hint := ""
		if h, ok := t.RawGetString("hint").(lua.LString); ok {
			hint = string(h)
		}
		return Result{Message: lua.LVAsString(t.RawGetString("message")), Hint: hint}
	}
	return Result{Message: "the checker stopped with an error (a bug in checker.lua, or a case it does not handle):\n" + strings.TrimRight(e.Report(), "\n")}
}

// freePort asks the kernel for a loopback port nobody uses right now; the
// learner's server binds it a moment later.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
