package threading

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

var timerType = &interp.Type{
	Name: "threading.Timer",
	Repr: threadString,
	Doc:  "A thread that calls a function after a delay, unless cancelled first. It is a Thread: start, join, is_alive, name and daemon work as there. Fields: interval, and finished (an Event set once the timer has fired or been cancelled).",
	Methods: []interp.Func{
		{Name: "start", Fn: threadStart, Sig: "t:start()",
			Doc: "Starts the timer's thread: it waits interval seconds, then calls function with the values of args as its arguments, unless cancelled.",
			Py:  "Timer.start()"},
		{Name: "cancel", Fn: timerCancel, Sig: "t:cancel()",
			Doc: "Stops the timer if it is still waiting: the function is not called. Does nothing once it has fired.",
			Py:  "Timer.cancel()"},
		{Name: "run", Fn: timerRun, Sig: "t:run()",
			Doc: "What the timer's thread does: waits for interval seconds or a cancel, then calls the function if not cancelled.",
			Py:  "Timer.run()"},
		{Name: "join", Fn: threadJoin, Sig: "t:join([timeout])",
			Doc: "Waits until the timer's thread has finished, as Thread:join.",
			Py:  "Timer.join(timeout=None)"},
		{Name: "is_alive", Fn: threadIsAlive, Sig: "t:is_alive() -> boolean",
			Doc: "True from start() until the timer has fired or been cancelled.",
			Py:  "Timer.is_alive()"},
	},
}

// timerState is what a Timer adds to a thread.
type timerState struct {
	interval float64
	function lua.LValue
	finished *lua.LUserData // a threading.Event
}

func newTimer(L *lua.LState) int {
	var interval float64
	var function lua.LValue
	var args *lua.LTable
	var kwargs lua.LValue = lua.LNil
	interp.UnpackArgs(L, 1, "interval", &interval, "function", &function, "args?", &args, "kwargs?", &kwargs)
	interp.CheckTimeout(L, max(interval, 0))
	finished := interp.NewObject(L, eventType, &event{ch: make(chan struct{})})
	t := &thread{kind: "Timer", target: lua.LNil, kwargs: kwargs,
		timer: &timerState{interval: interval, function: function, finished: finished}}
	if args != nil {
		for i := 1; i <= args.MaxN(); i++ {
			t.args = append(t.args, args.RawGetInt(i))
		}
	}
	t.th = interp.Of(L).NewThread("", interp.Current(L).Daemon)
	L.Push(wrapThread(L, t))
	return 1
}

// timerOf is Self for Timer's own methods, which a plain Thread lacks.
func timerOf(L *lua.LState) *thread {
	t := interp.Self[*thread](L)
	if t.timer == nil {
		m := interp.FuncName(L)
		interp.Raise(L, interp.TypeError, "descriptor '%s' for 'threading.Timer' objects doesn't apply to a 'threading.Thread' object (call it as obj:%s(...), with a colon)", m, m)
	}
	return t
}

func timerCancel(L *lua.LState) int {
	t := timerOf(L)
	interp.UnpackArgs(L, 2)
	t.timer.finished.Value.(*event).setFlag()
	return 0
}

// timerRun is Python's Timer.run: finished.wait(interval); if not
// finished.is_set(): function(*args, **kwargs); finished.set().
func timerRun(L *lua.LState) int {
	t := timerOf(L)
	interp.UnpackArgs(L, 2)
	e := t.timer.finished.Value.(*event)
	waitClosed(L, e.ch, max(t.timer.interval, 0))
	if !e.set {
		L.Push(t.timer.function)
		for _, a := range t.args {
			L.Push(a)
		}
		n := len(t.args)
		if t.kwargs != lua.LNil {
			L.Push(t.kwargs)
			n++
		}
		L.Call(n, 0)
	}
	e.setFlag()
	return 0
}
