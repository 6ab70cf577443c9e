// Workaround for gopher-lua 1.1.2's coroutines and contexts (no upstream
// issue: it is how NewThread is written). coroutine.create makes the
// coroutine's LState with NewThread, which wraps the parent's context in a
// context.WithCancel of its own. gopher-lua polls that context's Done, a
// plain channel, so the runtime's checkpoint (its Done counts instructions,
// hands the GIL over and delivers Ctrl-C: see gil.go) never runs inside a
// coroutine, and a busy loop there could be neither interrupted nor shared.
//
// What it changes: coroutine.create is wrapped to give each new coroutine
// the runtime's context back, and coroutine.wrap is rebuilt on the wrapped
// create (gopher-lua's wrap calls its own create directly), with Lua 5.1's
// messages. coroutine.resume (and wrap through it) also stops at Lua 5.1's
// 200 nested resumes, which gopher-lua does not count
// (TestNestedResumeIsBounded, limits_test.go).
//
// Proof: TestInterruptInsideCoroutine (runtime_test.go) interrupts a busy
// loop inside coroutine.wrap, which never ends without this; the tests in
// glua_coroutine_test.go check wrap's results, errors and messages against
// Lua 5.1's. Remove when NewThread keeps the parent's context as it is (or
// its Done), and drop wrap's rebuild with it.

package interp

import lua "github.com/yuin/gopher-lua"

// fixCoroutines installs the wrapped coroutine.create and the rebuilt
// coroutine.wrap.
func (rt *Runtime) fixCoroutines() {
	L := rt.L
	co := L.GetGlobal("coroutine").(*lua.LTable)
	create := co.RawGetString("create").(*lua.LFunction)
	co.RawSetString("create", L.NewFunction(func(L *lua.LState) int {
		L.Push(create)
		L.Push(L.Get(1))
		L.Call(1, 1)
		if th, ok := L.Get(-1).(*lua.LState); ok {
			th.SetContext(rt.ctx)
		}
		return 1
	}))
	co.RawSetString("resume", L.NewFunction(coroutineResume(co.RawGetString("resume").(*lua.LFunction))))
	co.RawSetString("yield", L.NewFunction(coroutineYield(co.RawGetString("yield").(*lua.LFunction))))
	co.RawSetString("wrap", L.NewFunction(coroutineWrap(co.RawGetString("create"), co.RawGetString("resume"))))
}

// maxResumeDepth is how many coroutines may be resumed one inside the
// other: Lua 5.1's LUAI_MAXCCALLS. Each nested resume runs another VM loop
// on the thread's goroutine, and gopher-lua does not count them, so a
// coroutine resuming a new one a million times deep exhausted the Go stack
// (a fatal error) or the memory.
const maxResumeDepth = 200

// coroutineResume is gopher-lua's coroutine.resume with Lua 5.1's limit on
// nesting: beyond it, resume returns false and "C stack overflow".
func coroutineResume(resume *lua.LFunction) lua.LGFunction {
	return func(L *lua.LState) int {
		t := Current(L)
		if t.resumeDepth >= maxResumeDepth {
			L.Push(lua.LFalse)
			L.Push(lua.LString("C stack overflow"))
			return 2
		}
		// Lua 5.1's words; gopher-lua says "can not resume a dead thread".
		if th, ok := L.Get(1).(*lua.LState); ok && L.Status(th) == "dead" {
			L.Push(lua.LFalse)
			L.Push(lua.LString("cannot resume dead coroutine"))
			return 2
		}
		t.resumeDepth++
		defer func() { t.resumeDepth-- }()
		return resume.GFunction(L)
	}
}

// coroutineYield is gopher-lua's coroutine.yield, refusing as Lua 5.1 does
// to yield from inside a pcall (a C call there, a Go one here): gopher-lua
// would yield, and the next resume crashed on a nil pointer. Lua 5.1's
// message is raised in the coroutine, where the pcall catches it.
//
// It also refuses a yield in tail position (return coroutine.yield(v)):
// gopher-lua drops the calling function's frame before it yields, and the
// next resume found none and crashed. Lua 5.1 allows it; netlua says how to
// write it instead of crashing.
func coroutineYield(yield *lua.LFunction) lua.LGFunction {
	return func(L *lua.LState) int {
		if Current(L).pcalls[L] > 0 {
			L.Error(lua.LString("attempt to yield across metamethod/C-call boundary"), 0)
		}
		if f, ok := frameAt(L, 1); ok && int(f.fn.Proto.Code[f.pc]>>26) == lua.OP_TAILCALL {
			L.RaiseError("coroutine.yield cannot be the call in a return statement here (gopher-lua cannot resume it): write local r = coroutine.yield(...) and return r")
		}
		return yield.GFunction(L)
	}
}

// coroutineWrap is coroutine.wrap rebuilt on the fixed coroutine.create, as
// Lua 5.1's auxwrap: the returned function resumes the coroutine and gives
// back what it yields; an error inside is raised in the caller unchanged.
// create and resume are taken when the runtime starts, so that a program
// assigning to the coroutine table does not change wrap. (It was Lua code,
// compiled at every start: a third of interp.New's time in a fresh process.)
func coroutineWrap(create, resume lua.LValue) lua.LGFunction {
	return func(L *lua.LState) int {
		L.CheckFunction(1)
		L.Push(create)
		L.Push(L.Get(1))
		L.Call(1, 1)
		thread := L.CheckThread(-1)
		L.Push(wrapped(L, thread, resume))
		return 1
	}
}

// wrapped is the function coroutine.wrap returns.
func wrapped(L *lua.LState, thread *lua.LState, resume lua.LValue) *lua.LFunction {
	return L.NewFunction(func(L *lua.LState) int {
		if L.Status(thread) == "dead" {
			L.Error(lua.LString(callerWhere(L)+"cannot resume dead coroutine"), 0)
		}
		n := L.GetTop()
		L.Push(resume)
		L.Push(thread)
		for i := 1; i <= n; i++ {
			L.Push(L.Get(i))
		}
		L.Call(n+1, lua.MultRet)
		if !lua.LVAsBool(L.Get(n + 1)) {
			err := L.Get(n + 2)
			// Lua 5.1 puts the caller's position in front of a message.
			if s, ok := err.(lua.LString); ok {
				err = lua.LString(callerWhere(L)) + s
			}
			L.Error(err, 0)
		}
		return L.GetTop() - n - 1
	})
}
