package threading

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

var threadType = &interp.Type{
	Name: "threading.Thread",
	Doc:  "A thread of Lua code. Fields: name (a string, settable), ident (a number once started, nil before), daemon (settable before start; daemon threads do not keep the program alive at exit). Any other field can be set too: t.run = function(self) ... end replaces what the thread runs, as overriding run() in a Python subclass does.",
	Repr: threadString,
	Methods: []interp.Func{
		{Name: "start", Fn: threadStart, Sig: "t:start()",
			Doc: "Starts the thread: it calls t:run() on its own, sharing globals with the others. A thread can be started only once (RuntimeError otherwise). An error that escapes run is reported as \"Exception in thread NAME:\" with its traceback and ends only that thread."},
		{Name: "run", Fn: threadRun, Sig: "t:run()",
			Doc: "What the thread does: calls target(unpack(args)) (and kwargs as an extra last argument when given). start() calls it in the new thread; replace it with t.run = function(self) ... end for a subclass-style thread."},
		{Name: "join", Fn: threadJoin, Sig: "t:join([timeout] [, {timeout=}])", PyFunc: true,
			Doc: "Waits until the thread has finished, or for at most timeout seconds; other threads run meanwhile and Ctrl-C interrupts it. Returns nothing: call t:is_alive() to know whether it timed out.",
			Py:  "Thread.join(timeout=None)"},
		{Name: "is_alive", Fn: threadIsAlive, Sig: "t:is_alive() -> boolean",
			Doc: "True from start() until run returns."},
	},
}

// A thread is the Go side of a Thread object.
type thread struct {
	th      *interp.Thread
	kind    string // Python's class name, for tostring: Thread, _MainThread, _DummyThread
	target  lua.LValue
	args    []lua.LValue
	kwargs  lua.LValue
	attrs   *lua.LTable // fields set from Lua (run, or anything a user keeps there)
	started bool
	timer   *timerState // for a threading.Timer
}

func newThread(L *lua.LState) int {
	cur := interp.Current(L)
	var (
		target, kwargs lua.LValue = lua.LNil, lua.LNil
		name           string
		args           *lua.LTable
		daemon         = cur.Daemon // Python: inherited from the creating thread
	)
	// Python's keyword arguments, declared by the Sig's table.
	interp.UnpackArgs(L, 1, "target?", &target, "name?", &name, "args?", &args, "kwargs?", &kwargs, "daemon?", &daemon)
	t := &thread{kind: "Thread", target: target, kwargs: kwargs}
	if args != nil {
		// MaxN, not Len: args may hold nils, as Python's (None, 5) may.
		for i := 1; i <= args.MaxN(); i++ {
			t.args = append(t.args, args.RawGetInt(i))
		}
	}
	t.th = interp.Of(L).NewThread(name, daemon)
	L.Push(wrapThread(L, t))
	return 1
}

// wrapThread makes the Lua object for t. Its metatable resolves the fields
// name, ident and daemon from the Go thread, then fields set from Lua, then
// the methods, so that t.run can be overridden per object.
func wrapThread(L *lua.LState, t *thread) *lua.LUserData {
	rt := interp.Of(L)
	typ := threadType
	if t.timer != nil {
		typ = timerType
	}
	meta := rt.TypeMeta(typ)
	if meta.RawGetString("__newindex") == lua.LNil { // first use in this runtime
		methods := rt.TypeMethods(typ)
		if typ == threadType {
			stateOf(L).defaultRun = methods.RawGetString("run")
		}
		meta.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
			L.Push(threadIndex(L, methods))
			return 1
		}))
		meta.RawSetString("__newindex", L.NewFunction(threadNewIndex))
	}
	return interp.NewObject(L, typ, t)
}

func threadIndex(L *lua.LState, methods *lua.LTable) lua.LValue {
	t := L.CheckUserData(1).Value.(*thread)
	key := L.Get(2)
	switch key {
	case lua.LString("name"):
		return lua.LString(t.th.Name)
	case lua.LString("daemon"):
		return lua.LBool(t.th.Daemon)
	case lua.LString("ident"):
		if !t.started {
			return lua.LNil
		}
		return lua.LNumber(t.th.Ident)
	}
	if t.timer != nil {
		switch key {
		case lua.LString("interval"):
			return lua.LNumber(t.timer.interval)
		case lua.LString("function"):
			return t.timer.function
		case lua.LString("finished"):
			return t.timer.finished
		}
	}
	if t.attrs != nil {
		if v := t.attrs.RawGet(key); v != lua.LNil {
			return v
		}
	}
	return methods.RawGet(key)
}

func threadNewIndex(L *lua.LState) int {
	t := L.CheckUserData(1).Value.(*thread)
	key, v := L.Get(2), L.Get(3)
	switch key {
	case lua.LString("name"):
		s, ok := v.(lua.LString)
		if !ok {
			interp.Raise(L, interp.TypeError, "Thread.name must be a string, not %s", interp.TypeName(v))
		}
		t.th.Name = string(s)
	case lua.LString("daemon"):
		if t.started {
			interp.Raise(L, interp.RuntimeError, "cannot set daemon status of active thread")
		}
		t.th.Daemon = lua.LVAsBool(v)
	case lua.LString("ident"):
		interp.Raise(L, interp.AttributeError, "property 'ident' of 'Thread' object has no setter")
	default:
		if key == lua.LNil {
			interp.Raise(L, interp.TypeError, "Thread object field name must not be nil")
		}
		if t.attrs == nil {
			t.attrs = L.NewTable()
		}
		t.attrs.RawSet(key, v)
	}
	return 0
}

// threadString is CPython's repr: <Thread(Thread-1, started daemon 1398...)>.
func threadString(L *lua.LState) int {
	t := L.CheckUserData(1).Value.(*thread)
	status := "initial"
	if t.started {
		status = "started"
		if !t.th.Alive() {
			status = "stopped"
		}
	}
	if t.th.Daemon {
		status += " daemon"
	}
	if t.started {
		status += fmt.Sprintf(" %d", t.th.Ident)
	}
	L.Push(lua.LString(fmt.Sprintf("<%s(%s, %s)>", t.kind, t.th.Name, status)))
	return 1
}

func threadStart(L *lua.LState) int {
	t := interp.Self[*thread](L)
	interp.UnpackArgs(L, 2)
	if t.started {
		interp.Raise(L, interp.RuntimeError, "threads can only be started once")
	}
	ud := L.Get(1).(*lua.LUserData)
	t.started = true
	st := stateOf(L)
	// Registered before the thread runs, so current_thread() inside it and
	// enumerate() anywhere see the object from the start.
	st.objects[t.th] = ud
	// Runs in the new thread with the GIL held, also when run raises,
	// before the runtime reports the error.
	t.th.OnExit = func() { delete(st.objects, t.th) }
	run := L.GetField(ud, "run")
	if run != st.defaultRun || t.target == lua.LNil {
		t.th.Start(run, ud)
		return 0
	}
	// run is not overridden: the thread calls the target itself, with no
	// Go function in between, so its goroutine's stack stays at 4 KiB
	// (see interp.Thread.OnExit).
	args := t.args
	if t.kwargs != lua.LNil {
		args = append(args[:len(args):len(args)], t.kwargs)
	}
	t.th.Start(t.target, args...)
	return 0
}

func threadRun(L *lua.LState) int {
	t := interp.Self[*thread](L)
	interp.UnpackArgs(L, 2)
	if t.target == lua.LNil {
		return 0
	}
	L.Push(t.target)
	for _, a := range t.args {
		L.Push(a)
	}
	n := len(t.args)
	if t.kwargs != lua.LNil {
		L.Push(t.kwargs)
		n++
	}
	L.Call(n, 0)
	return 0
}

func threadJoin(L *lua.LState) int {
	t := interp.Self[*thread](L)
	timeout, given := -1.0, false
	interp.UnpackArgs(L, 2, "timeout?", interp.Given(&timeout, &given))
	if given {
		// Python waits max(timeout, 0): a negative timeout only polls.
		timeout = max(timeout, 0)
		interp.CheckTimeout(L, timeout)
	}
	if !t.started {
		interp.Raise(L, interp.RuntimeError, "cannot join thread before it is started")
	}
	if t.th == interp.Current(L) {
		interp.Raise(L, interp.RuntimeError, "cannot join current thread")
	}
	waitClosed(L, t.th.Done(), timeout)
	return 0
}

func threadIsAlive(L *lua.LState) int {
	t := interp.Self[*thread](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LBool(t.th.Alive()))
	return 1
}
