// Package threading is netlua's `threading` module: Python's threading for
// Lua. Threads share globals, tables and closures as Python threads do, run
// one at a time under the runtime's GIL, and release it whenever they wait.
//
// Files: module.go declares the module and its functions; thread.go is the
// Thread object; lock.go is Lock and RLock; event.go is Event;
// semaphore.go, condition.go, barrier.go, timer.go and local.go the rest of
// Python's threading. Every wait releases the GIL and honours Ctrl-C
// through interp.Block: Lock, Event and join by wait.go's helpers, the
// others by interp.WaitFor, which the queue module shares.
package threading

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// Module is the threading module.
var Module = &interp.Module{
	Name: "threading",
	Doc:  "Threads, as Python's threading module: threading.Thread{target=f, args={...}} makes a thread, t:start() runs it, t:join() waits for it. Threads share globals and tables; one runs Lua at a time and any waiting call (sleep, recv, join, Lock:acquire, Event:wait) lets the others run. Lock, RLock, Event, Semaphore, Condition and Barrier synchronise them; Timer runs a function later; threading[\"local\"]() keeps per-thread fields.",
	Funcs: []interp.Func{
		{Name: "Thread", Fn: newThread, Sig: "threading.Thread{target=f, args={...}, kwargs=t, name=s, daemon=b} -> Thread", PyFunc: true,
			Doc: "Makes a thread that, once started, calls target(unpack(args)). Python's keyword arguments are the table's fields, all optional. kwargs, having no Lua equivalent, is passed to target as one extra last argument when given. name defaults to Thread-N (Lua functions have no name, so Python's \" (target)\" suffix is left out); daemon defaults to the creating thread's. For a subclass-style thread, set t.run = function(self) ... end before t:start().",
			Py:  "threading.Thread(target=f, args=(...), kwargs={...}, name=None, daemon=None)"},
		{Name: "current_thread", Fn: currentThread, Sig: "threading.current_thread() -> Thread",
			Doc: "Returns the Thread object of the calling thread: the same object each time, the main thread's named MainThread."},
		{Name: "main_thread", Fn: mainThread, Sig: "threading.main_thread() -> Thread",
			Doc: "Returns the Thread object of the main thread, the one that runs the script or the prompt."},
		{Name: "active_count", Fn: activeCount, Sig: "threading.active_count() -> integer",
			Doc: "Returns how many threads are alive, the main thread included: the length of threading.enumerate()."},
		{Name: "enumerate", Fn: enumerate, Sig: "threading.enumerate() -> {Thread, ...}",
			Doc: "Returns a list of the Thread objects alive now (started, not finished), the main thread first."},
		{Name: "get_ident", Fn: getIdent, Sig: "threading.get_ident() -> integer",
			Doc: "Returns the calling thread's identifier, the same number as current_thread().ident."},
		{Name: "Event", Fn: newEvent, Sig: "threading.Event() -> Event",
			Doc: "Makes an event: a flag, initially false, that threads can wait for with e:wait() until another calls e:set()."},
		{Name: "Lock", Fn: newLock, Sig: "threading.Lock() -> Lock",
			Doc: "Makes a lock: l:acquire() takes it, waiting while another thread holds it; l:release() frees it. Any thread may release it."},
		{Name: "RLock", Fn: newRLock, Sig: "threading.RLock() -> RLock",
			Doc: "Makes a re-entrant lock: the thread that holds it may acquire it again, and must release it as many times before others can take it."},
		{Name: "Semaphore", Fn: newSemaphore, PyFunc: true, Sig: "threading.Semaphore([value=1] [, {value=}]) -> Semaphore",
			Doc: "Makes a semaphore: a counter starting at value; s:acquire() takes one unit, waiting while there is none, s:release() gives one back. ValueError if value is negative.",
			Py:  "threading.Semaphore(value=1)"},
		{Name: "BoundedSemaphore", Fn: newBoundedSemaphore, PyFunc: true, Sig: "threading.BoundedSemaphore([value=1] [, {value=}]) -> BoundedSemaphore",
			Doc: "Makes a semaphore that may not be released above value: one release too many raises ValueError.",
			Py:  "threading.BoundedSemaphore(value=1)"},
		{Name: "Condition", Fn: newCondition, PyFunc: true, Sig: "threading.Condition([lock] [, {lock=}]) -> Condition",
			Doc: "Makes a condition variable on lock (a Lock or RLock; a new RLock by default), for threads that wait until some state changes: c:wait(), c:wait_for(f), c:notify(), c:notify_all().",
			Py:  "threading.Condition(lock=None)"},
		{Name: "Barrier", Fn: newBarrier, PyFunc: true, Sig: "threading.Barrier(parties [, action [, timeout]] [, {parties=, action=, timeout=}]) -> Barrier",
			Doc: "Makes a barrier for parties threads: each b:wait() blocks until parties threads wait, then all go on. action, if given, is called by the last thread to arrive before they are released; timeout is the default for b:wait().",
			Py:  "threading.Barrier(parties, action=None, timeout=None)"},
		{Name: "Timer", Fn: newTimer, PyFunc: true, Sig: "threading.Timer(interval, function [, args [, kwargs]] [, {interval=, function=, args=, kwargs=}]) -> Timer",
			Doc: "Makes a thread that, once started, waits interval seconds and then calls function with the values of args as its arguments (kwargs, when given, as one extra last argument), unless t:cancel() came first.",
			Py:  "threading.Timer(interval, function, args=None, kwargs=None)"},
		{Name: "local", Fn: newLocal, Sig: "threading[\"local\"]() -> local",
			Doc: "Makes an object whose fields are per thread: each thread sees only what it stored itself. local is a Lua keyword, so write threading[\"local\"]() for what Python spells threading.local.",
			Py:  "threading.local()"},
	},
	Types: []*interp.Type{threadType, eventType, lockType, rlockType, semaphoreType, boundedSemaphoreType,
		conditionType, barrierType, timerType, localType},
	Classes: []*interp.Class{BrokenBarrierError},
}

// state is the module's per-runtime data, kept in the Lua registry.
type state struct {
	// objects maps each thread to its Thread object, so current_thread()
	// returns the same object every time. Entries for threads started here
	// are removed when the thread ends; the main thread's stays.
	objects map[*interp.Thread]*lua.LUserData
	// defaultRun is Thread.run as the module defines it: start calls the
	// target directly unless an object overrides run.
	defaultRun lua.LValue
}

const stateKey = "threading.state"

// stateOf returns the module state of L's runtime. Called with the GIL held,
// which is also what guards the state.
func stateOf(L *lua.LState) *state {
	reg := interp.Of(L).L.G.Registry
	if ud, ok := reg.RawGetString(stateKey).(*lua.LUserData); ok {
		return ud.Value.(*state)
	}
	st := &state{objects: make(map[*interp.Thread]*lua.LUserData)}
	ud := L.NewUserData()
	ud.Value = st
	reg.RawSetString(stateKey, ud)
	return st
}

// objectOf returns th's Thread object, making one for threads that were not
// made by threading.Thread (the main thread, or one a Go binding started).
func objectOf(L *lua.LState, th *interp.Thread) *lua.LUserData {
	st := stateOf(L)
	if ud, ok := st.objects[th]; ok {
		return ud
	}
	rt := interp.Of(L)
	kind := "_DummyThread"
	if th == rt.Main {
		kind = "_MainThread"
	} else {
		// Dummy objects have no end-of-thread hook: drop finished ones here.
		for t := range st.objects {
			if t != rt.Main && !t.Alive() {
				delete(st.objects, t)
			}
		}
	}
	ud := wrapThread(L, &thread{th: th, kind: kind, started: true})
	st.objects[th] = ud
	return ud
}

func currentThread(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	L.Push(objectOf(L, interp.Current(L)))
	return 1
}

func mainThread(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	L.Push(objectOf(L, interp.Of(L).Main))
	return 1
}

func alive(L *lua.LState) *lua.LTable {
	list := L.NewTable()
	for _, th := range interp.Of(L).Threads() {
		list.Append(objectOf(L, th))
	}
	return list
}

func enumerate(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	L.Push(alive(L))
	return 1
}

func activeCount(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	L.Push(lua.LNumber(len(interp.Of(L).Threads())))
	return 1
}

func getIdent(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	L.Push(lua.LNumber(interp.Current(L).Ident))
	return 1
}
