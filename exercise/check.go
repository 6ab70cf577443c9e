package exercise

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// checkLimit bounds a whole check: a checker waits at most a few seconds per
// step, so this only stops a checker that loops by mistake. (A variable for
// the test that makes it fire.)
var checkLimit = 90 * time.Second

// A Result is the outcome of one check.
type Result struct {
	Passed  bool
	Message string // for a failure: what the peer did and what the script did wrong
	Hint    string // the name of a section of hint.txt, or ""
	Steps   []Step // the steps the checker named with check.step, in order
}

// Check runs ex's checker against the learner's script in a fresh runtime
// (modules plus check), then stops the script if it still runs. run holds
// the seed of the checker's random choices and the host the script gets.
func Check(ex *Exercise, script string, modules []*interp.Module, run Run) Result {
	if _, err := os.Stat(script); err != nil {
		return Result{Message: "cannot read the script: " + err.Error() + "\n(netlua exercise start " + ex.ShortName() + " writes a starter file)"}
	}
	if msg := syntaxError(script); msg != "" {
		return Result{Message: "the script does not parse, so it never ran:\n" + msg + "\n(netlua " + filepath.Base(script) + " shows the same error; fix that line first)"}
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
	steps := &stepLog{}
	task, _ := ex.File("task.md")
	certs := &checkCerts{}
	defer certs.remove()
	env := &checkEnv{learner: l, steps: steps, run: run, port: port, requirements: requirements(task), certs: certs}
	rt := interp.New(append(append([]*interp.Module{}, modules...), checkModule(env))...)
	rt.Out.SetWriters(os.Stdout, os.Stderr) // a teacher's debugging prints
	var timedOut atomic.Bool
	watchdog := time.AfterFunc(checkLimit, func() {
		timedOut.Store(true)
		rt.Interrupt()
		l.stop()
	})
	defer watchdog.Stop()
	// The checker's math.random follows the run's seed.
	if err := rt.RunString(fmt.Sprintf("math.randomseed(%d)", run.Seed), "seed"); err != nil {
		return Result{Message: err.Error()}
	}
	err = rt.RunString(src, ex.Name+"/checker.lua")
	if timedOut.Load() {
		return Result{Message: fmt.Sprintf("the check did not end within %v, so it was stopped, and the script with it (the checker, not your script, is stuck: tell whoever wrote the exercise)", checkLimit)}
	}
	if err == nil {
		return Result{Passed: true, Steps: steps.finish(true, "")}
	}
	e := interp.FromLuaError(rt, err)
	if t, ok := e.Value.(*lua.LTable); ok && t.RawGetString("check_failure") == lua.LTrue {
		hint := ""
		if h, ok := t.RawGetString("hint").(lua.LString); ok {
			hint = string(h)
		}
		msg := lua.LVAsString(t.RawGetString("message"))
		return Result{Message: msg, Hint: hint, Steps: steps.finish(false, msg)}
	}
	msg := "the checker stopped with an error (a bug in checker.lua, or a case it does not handle):\n" + strings.TrimRight(e.Report(), "\n")
	return Result{Message: msg, Steps: steps.finish(false, msg)}
}

// stepLog collects the steps a checker names with check.step: each one
// passed when the next begins, and the last one ends as the check does.
type stepLog struct {
	steps []Step
}

func (s *stepLog) begin(name string) {
	if n := len(s.steps); n > 0 {
		s.steps[n-1].Passed = true
	}
	s.steps = append(s.steps, Step{Name: name})
}

func (s *stepLog) finish(passed bool, message string) []Step {
	if n := len(s.steps); n > 0 {
		s.steps[n-1].Passed = passed
		if !passed {
			s.steps[n-1].Message = message
		}
	}
	return s.steps
}

// syntaxError compiles the script without running it: a file that does not
// parse gets a message with its line, not a network hint about a server
// that never started.
func syntaxError(script string) string {
	f, err := os.Open(script)
	if err != nil {
		return ""
	}
	defer f.Close()
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	if _, err := interp.Compile(L, f, filepath.Base(script)); err != nil {
		return err.Error()
	}
	return ""
}

// freePort asks the kernel for a port nobody uses right now on any address; the
// learner's server binds it a moment later.
func freePort() (int, error) {
	// Free on every address, not just the script's: the checker also tries
	// the port on another loopback address, which must not be someone
	// else's server. Free for UDP too where that can be asked (udpFree): a
	// UDP exercise's script binds it.
	var err error
	for range 20 {
		var ln net.Listener
		if ln, err = net.Listen("tcp", fmt.Sprintf(":%d", candidatePort())); err != nil {
			continue
		}
		port := ln.Addr().(*net.TCPAddr).Port
		uerr := udpFree(port)
		ln.Close()
		if uerr == nil {
			return port, nil
		}
		err = uerr
	}
	return 0, err
}
