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
// A second, for runtime errors inside a coroutine: netlua names their
// culprit as Lua 5.1 does (culprit.go) in the error handler of each
// protected call, but an error that ends a coroutine is caught by
// gopher-lua's resume, whose state has no handler. So each coroutine's
// body starts by arming the coroutine's state: its Panic function, which
// gopher-lua calls with the error on the stack and the failing frame still
// in place, names the culprit first.
//
// A third workaround, for a yield in tail position (return
// coroutine.yield(v)): gopher-lua's tail call of a Go function drops the
// calling Lua function's frame before the call. Inside a nested function
// that is right (on resume the values return to its caller, as in Lua
// 5.1), but when the function was the coroutine's body its stack is then
// empty, and the next resume crashed on a nil frame. So yield notes such a
// coroutine, and resume finishes it as Lua 5.1 does: the values given to
// resume are the body's results, and the coroutine is dead. copas and
// other LuaSocket-era schedulers yield this way.
//
// Proof: TestInterruptInsideCoroutine (runtime_test.go) interrupts a busy
// loop inside coroutine.wrap, which never ends without this; the tests in
// glua_coroutine_test.go check wrap's results, errors and messages against
// Lua 5.1's, and coroutine_yield_test.go the tail-position yields. Remove
// when NewThread keeps the parent's context as it is (or its Done), and
// drop wrap's rebuild with it; remove the tail-yield notes when gopher-lua
// keeps a frame for them.

package interp

import (
	"runtime"
	"strings"
	"sync"
	"weak"

	lua "github.com/yuin/gopher-lua"
)

// fixCoroutines installs the wrapped coroutine.create and the rebuilt
// coroutine.wrap.
func (rt *Runtime) fixCoroutines() {
	L := rt.L
	co := L.GetGlobal("coroutine").(*lua.LTable)
	create := co.RawGetString("create").(*lua.LFunction)
	co.RawSetString("create", L.NewFunction(func(L *lua.LState) int {
		body := L.Get(1)
		if f, ok := body.(*lua.LFunction); ok && !f.IsG {
			body = rt.armedBody(L, f)
		}
		L.Push(create)
		L.Push(body)
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
		if th, ok := L.Get(1).(*lua.LState); ok && tailYielded.take(th) {
			// Its body returned what resume is given: Lua 5.1's result.
			th.Dead = true
			n := L.GetTop()
			L.Push(lua.LTrue)
			for i := 2; i <= n; i++ {
				L.Push(L.Get(i))
			}
			return n
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
// A yield in tail position from the coroutine's body (no Lua frame below
// it in the coroutine) is noted for resume to finish (see the top).
func coroutineYield(yield *lua.LFunction) lua.LGFunction {
	return func(L *lua.LState) int {
		if Current(L).pcalls[L] > 0 {
			L.Error(lua.LString("attempt to yield across metamethod/C-call boundary"), 0)
		}
		if f, ok := frameAt(L, 1); ok && int(f.fn.Proto.Code[f.pc]>>26) == lua.OP_TAILCALL {
			if calledByBottom(L) {
				tailYielded.note(L)
			}
		}
		return yield.GFunction(L)
	}
}

// tailYielded holds the coroutines whose body yielded in tail position,
// until they are resumed. Weakly: a coroutine dropped without a resume
// leaves nothing behind.
var tailYielded coroutineSet

type coroutineSet struct {
	sync.Mutex // cleanups run on their own goroutine
	set        map[weak.Pointer[lua.LState]]bool
}

// note adds th.
func (c *coroutineSet) note(th *lua.LState) {
	c.Lock()
	defer c.Unlock()
	if c.set == nil {
		c.set = make(map[weak.Pointer[lua.LState]]bool)
	}
	wp := weak.Make(th)
	c.set[wp] = true
	runtime.AddCleanup(th, func(wp weak.Pointer[lua.LState]) {
		c.Lock()
		delete(c.set, wp)
		c.Unlock()
	}, wp)
}

// take removes th, reporting whether it was there.
func (c *coroutineSet) take(th *lua.LState) bool {
	c.Lock()
	defer c.Unlock()
	wp := weak.Make(th)
	if !c.set[wp] {
		return false
	}
	delete(c.set, wp)
	return true
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

// armedBody is f wrapped to arm its coroutine's error naming first:
// function(...) arm() return f(...) end. The tail call leaves f as the
// coroutine's only frame, as it would be without the wrapper.
func (rt *Runtime) armedBody(L *lua.LState, f *lua.LFunction) lua.LValue {
	if rt.coroutineBody == nil {
		factory, err := Compile(L, strings.NewReader(
			"local arm = ... return function(f) return function(...) arm() return f(...) end end"), "=coroutine")
		if err != nil {
			panic("interp: the coroutine body wrapper does not compile: " + err.Error())
		}
		L.Push(factory)
		L.Push(L.NewFunction(armCoroutine))
		L.Call(1, 1)
		rt.coroutineBody = L.Get(-1).(*lua.LFunction)
		L.Pop(1)
	}
	L.Push(rt.coroutineBody)
	L.Push(f)
	L.Call(1, 1)
	body := L.Get(-1)
	L.Pop(1)
	return body
}

// armCoroutine runs first in a coroutine: from then on an error that ends
// it names its culprit (gopher-lua's resume has set the state's Panic to
// its own, which does not).
func armCoroutine(L *lua.LState) int {
	L.Panic = func(L *lua.LState) {
		v := L.Get(-1)
		if msg, ok := v.(lua.LString); ok {
			v = lua.LString(Of(L).nameCulprit(L, 0, string(msg)))
		}
		panic(&lua.ApiError{Type: lua.ApiErrorRun, Object: v})
	}
	return 0
}
