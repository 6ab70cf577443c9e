package threading

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

var semaphoreMethods = []interp.Func{
	{Name: "acquire", Fn: semAcquire, PyFunc: true, Sig: "s:acquire([blocking=true [, timeout]] [, {blocking=, timeout=}]) -> boolean",
		Doc: "Takes one unit of the counter and returns true. At zero it waits (letting other threads run; Ctrl-C interrupts it) until a release, for at most timeout seconds when given; with blocking false it does not wait. Returns false if nothing was taken. Keywords: s:acquire{timeout=1}.",
		Py:  "Semaphore.acquire(blocking=True, timeout=None)"},
	{Name: "release", Fn: semRelease, PyFunc: true, Sig: "s:release([n=1] [, {n=}])",
		Doc: "Adds n to the counter, waking as many waiting threads.",
		Py:  "Semaphore.release(n=1)"},
}

var semaphoreType = &interp.Type{
	Name:    "threading.Semaphore",
	Repr:    semString,
	Doc:     "A counter of free units: s:acquire() takes one, waiting while there are none; s:release() gives one back. Use it to let at most N threads into a section (a pool of N connections).",
	Methods: semaphoreMethods,
}

var boundedSemaphoreType = &interp.Type{
	Name:    "threading.BoundedSemaphore",
	Repr:    semString,
	Doc:     "A Semaphore that refuses to be released above its initial value (ValueError: Semaphore released too many times), which catches a release without an acquire.",
	Methods: semaphoreMethods,
}

// A semaphore is a counter guarded by the GIL; waiters wait on changed.
type semaphore struct {
	value   int64
	bound   int64 // the initial value for a BoundedSemaphore, else -1
	changed interp.Signal
}

func newSemaphore(L *lua.LState) int { return makeSemaphore(L, semaphoreType, false) }

func newBoundedSemaphore(L *lua.LState) int {
	return makeSemaphore(L, boundedSemaphoreType, true)
}

func makeSemaphore(L *lua.LState, typ *interp.Type, bounded bool) int {
	var value int64 = 1
	interp.UnpackArgs(L, 1, "value?", &value)
	if value < 0 {
		interp.Raise(L, interp.ValueError, "semaphore initial value must be >= 0")
	}
	s := &semaphore{value: value, bound: -1}
	if bounded {
		s.bound = value
	}
	L.Push(interp.NewObject(L, typ, s))
	return 1
}

// semString is CPython's repr: <threading.Semaphore at 0x...: value=1>,
// <threading.BoundedSemaphore at 0x...: value=1/2>.
func semString(L *lua.LState) int {
	s := L.CheckUserData(1).Value.(*semaphore)
	if s.bound >= 0 {
		L.Push(lua.LString(fmt.Sprintf("<threading.BoundedSemaphore at %p: value=%d/%d>", s, s.value, s.bound)))
	} else {
		L.Push(lua.LString(fmt.Sprintf("<threading.Semaphore at %p: value=%d>", s, s.value)))
	}
	return 1
}

func semAcquire(L *lua.LState) int {
	s := interp.Self[*semaphore](L)
	blocking := true
	var tv lua.LValue = lua.LNil
	interp.UnpackArgs(L, 2, "blocking?", &blocking, "timeout?", &tv)
	if !blocking && tv != lua.LNil {
		interp.Raise(L, interp.ValueError, "can't specify timeout for non-blocking acquire")
	}
	timeout := OptionalTimeout(L, tv)
	if !blocking {
		timeout = 0
	}
	ok := interp.WaitFor(L, &s.changed, timeout, func() bool { return s.value > 0 })
	if ok {
		s.value--
	}
	L.Push(lua.LBool(ok))
	return 1
}

func semRelease(L *lua.LState) int {
	s := interp.Self[*semaphore](L)
	var n int64 = 1
	interp.UnpackArgs(L, 2, "n?", &n)
	if n < 1 {
		interp.Raise(L, interp.ValueError, "n must be one or more")
	}
	if s.bound >= 0 && s.value+n > s.bound {
		interp.Raise(L, interp.ValueError, "Semaphore released too many times")
	}
	s.value += n
	s.changed.Broadcast()
	return 0
}
