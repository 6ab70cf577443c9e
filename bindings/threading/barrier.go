package threading

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// BrokenBarrierError is threading.BrokenBarrierError, a RuntimeError as in
// Python: raised by Barrier:wait() when the barrier is or becomes broken.
var BrokenBarrierError = interp.NewClass("threading.BrokenBarrierError", interp.RuntimeError)

var barrierType = &interp.Type{
	Name: "threading.Barrier",
	Repr: barrierString,
	Doc:  "A meeting point for a fixed number of threads: each calls b:wait(), and all go on together once parties threads are waiting. Fields: parties, n_waiting, broken.",
	Methods: []interp.Func{
		{Name: "wait", Fn: barrierWait, PyFunc: true, Sig: "b:wait([timeout] [, {timeout=}]) -> integer",
			Doc: "Waits until parties threads have called wait (letting others run; Ctrl-C interrupts it), then returns this thread's arrival index, 0 to parties-1. The last to arrive first runs the barrier's action. A timeout (this call's, else the barrier's) breaks the barrier: this and every other waiter raise BrokenBarrierError.",
			Py:  "Barrier.wait(timeout=None)"},
		{Name: "reset", Fn: barrierReset, Sig: "b:reset()",
			Doc: "Returns the barrier to its empty state; threads waiting in it raise BrokenBarrierError.",
			Py:  "Barrier.reset()"},
		{Name: "abort", Fn: barrierAbort, Sig: "b:abort()",
			Doc: "Breaks the barrier: current and later wait calls raise BrokenBarrierError until b:reset().",
			Py:  "Barrier.abort()"},
	},
}

// Barrier states, as CPython's threading.Barrier numbers them.
const (
	barrierFilling   = 0
	barrierDraining  = 1
	barrierResetting = -1
	barrierBroken    = -2
)

// A barrier follows CPython's implementation step for step, with the GIL
// as its lock and changed as its condition.
type barrier struct {
	parties int64
	action  lua.LValue
	timeout float64 // -1: none
	state   int
	count   int64
	changed interp.Signal
}

func newBarrier(L *lua.LState) int {
	var parties int64
	var action, tv lua.LValue = lua.LNil, lua.LNil
	interp.UnpackArgs(L, 1, "parties", &parties, "action?", &action, "timeout?", &tv)
	if action != lua.LNil && !interp.IsNone(action) {
		if _, ok := action.(*lua.LFunction); !ok {
			interp.Raise(L, interp.TypeError, "%s() argument 'action' must be a function, not %s", interp.FuncName(L), interp.TypeName(action))
		}
	} else {
		action = lua.LNil
	}
	b := &barrier{parties: parties, action: action, timeout: OptionalTimeout(L, tv)}
	ud := interp.NewObject(L, barrierType, b)
	L.Push(ud)
	meta := ud.Metatable.(*lua.LTable)
	if _, ok := meta.RawGetString("__index").(*lua.LTable); ok {
		methods := interp.Of(L).TypeMethods(barrierType)
		meta.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
			L.Push(barrierIndex(L, methods))
			return 1
		}))
	}
	return 1
}

// barrierIndex resolves the read-only fields, then the methods.
func barrierIndex(L *lua.LState, methods *lua.LTable) lua.LValue {
	b := L.CheckUserData(1).Value.(*barrier)
	switch L.Get(2) {
	case lua.LString("parties"):
		return lua.LNumber(b.parties)
	case lua.LString("n_waiting"):
		if b.state == barrierFilling {
			return lua.LNumber(b.count)
		}
		return lua.LNumber(0)
	case lua.LString("broken"):
		return lua.LBool(b.state == barrierBroken)
	}
	return methods.RawGet(L.Get(2))
}

// barrierString is CPython's repr: <threading.Barrier at 0x...: waiters=0/2>.
func barrierString(L *lua.LState) int {
	b := L.CheckUserData(1).Value.(*barrier)
	if b.state == barrierBroken {
		L.Push(lua.LString(fmt.Sprintf("<threading.Barrier at %p: broken>", b)))
	} else {
		n := int64(0)
		if b.state == barrierFilling {
			n = b.count
		}
		L.Push(lua.LString(fmt.Sprintf("<threading.Barrier at %p: waiters=%d/%d>", b, n, b.parties)))
	}
	return 1
}

func broken(L *lua.LState) {
	interp.RaiseValue(L, interp.NewException(L, BrokenBarrierError))
}

func barrierWait(L *lua.LState) int {
	b := interp.Self[*barrier](L)
	var tv lua.LValue = lua.LNil
	interp.UnpackArgs(L, 2, "timeout?", &tv)
	timeout := b.timeout
	if tv != lua.LNil && !interp.IsNone(tv) {
		timeout = OptionalTimeout(L, tv)
	}
	// Wait for the previous cycle to drain or a reset to finish.
	interp.WaitFor(L, &b.changed, -1, func() bool {
		return b.state != barrierDraining && b.state != barrierResetting
	})
	if b.state == barrierBroken {
		broken(L)
	}
	index := b.count
	b.count++
	defer func() {
		b.count--
		if b.count == 0 && (b.state == barrierResetting || b.state == barrierDraining) {
			b.state = barrierFilling
			b.changed.Broadcast()
		}
	}()
	if index+1 == b.parties {
		if b.action != lua.LNil {
			b.runAction(L)
		}
		b.state = barrierDraining
		b.changed.Broadcast()
	} else {
		if !interp.WaitFor(L, &b.changed, timeout, func() bool { return b.state != barrierFilling }) {
			b.breakBarrier()
			broken(L)
		}
		if b.state < 0 {
			broken(L)
		}
	}
	L.Push(lua.LNumber(index))
	return 1
}

// runAction calls the barrier's action; an error in it breaks the barrier
// for everyone and goes on to the last thread's caller, as in Python.
func (b *barrier) runAction(L *lua.LState) {
	ok := false
	defer func() {
		if !ok {
			b.breakBarrier()
		}
	}()
	L.Push(b.action)
	L.Call(0, 0)
	ok = true
}

func (b *barrier) breakBarrier() {
	b.state = barrierBroken
	b.changed.Broadcast()
}

func barrierReset(L *lua.LState) int {
	b := interp.Self[*barrier](L)
	interp.UnpackArgs(L, 2)
	if b.count > 0 {
		if b.state == barrierFilling || b.state == barrierBroken {
			b.state = barrierResetting
		}
	} else {
		b.state = barrierFilling
	}
	b.changed.Broadcast()
	return 0
}

func barrierAbort(L *lua.LState) int {
	b := interp.Self[*barrier](L)
	interp.UnpackArgs(L, 2)
	b.breakBarrier()
	return 0
}
