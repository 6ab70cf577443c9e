package threading

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

var eventType = &interp.Type{
	Name: "threading.Event",
	Doc:  "An event: a flag that threads wait for. e:set() wakes every waiter; e:clear() lowers the flag again.",
	Repr: eventString,
	Methods: []interp.Func{
		{Name: "set", Fn: eventSet, Sig: "e:set()",
			Doc: "Sets the flag and wakes every thread waiting in e:wait()."},
		{Name: "clear", Fn: eventClear, Sig: "e:clear()",
			Doc: "Lowers the flag: later e:wait() calls wait until the next e:set()."},
		{Name: "is_set", Fn: eventIsSet, Sig: "e:is_set() -> boolean",
			Doc: "True if the flag is set."},
		{Name: "wait", Fn: eventWait, Sig: "e:wait([timeout] [, {timeout=}]) -> boolean", PyFunc: true,
			Doc: "Waits until the flag is set, or for at most timeout seconds, letting other threads run; Ctrl-C interrupts it. Returns true if the flag was set, false on timeout.",
			Py:  "Event.wait(timeout=None)"},
	},
}

// An event is a flag and a channel that is closed when the flag is set, so
// that waiters can select on it with the GIL released. Both fields are only
// touched with the GIL held; a waiter takes the channel before letting go.
type event struct {
	set bool
	ch  chan struct{}
}

func newEvent(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	L.Push(interp.NewObject(L, eventType, &event{ch: make(chan struct{})}))
	return 1
}

// setFlag sets the flag and wakes every waiter.
func (e *event) setFlag() {
	if !e.set {
		e.set = true
		close(e.ch)
	}
}

// eventString is CPython 3.11's repr: <threading.Event at 0x...: unset>.
func eventString(L *lua.LState) int {
	e := L.CheckUserData(1).Value.(*event)
	state := "unset"
	if e.set {
		state = "set"
	}
	L.Push(lua.LString(fmt.Sprintf("<threading.Event at %p: %s>", e, state)))
	return 1
}

func eventSet(L *lua.LState) int {
	e := interp.Self[*event](L)
	interp.UnpackArgs(L, 2)
	e.setFlag()
	return 0
}

func eventClear(L *lua.LState) int {
	e := interp.Self[*event](L)
	interp.UnpackArgs(L, 2)
	if e.set {
		e.set = false
		e.ch = make(chan struct{})
	}
	return 0
}

func eventIsSet(L *lua.LState) int {
	e := interp.Self[*event](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LBool(e.set))
	return 1
}

func eventWait(L *lua.LState) int {
	e := interp.Self[*event](L)
	timeout, given := -1.0, false
	interp.UnpackArgs(L, 2, "timeout?", interp.Given(&timeout, &given))
	if given {
		// As in Python (Condition.wait: "if timeout > 0"), a negative or
		// NaN timeout does not wait at all.
		if !(timeout > 0) {
			timeout = 0
		}
		interp.CheckTimeout(L, timeout)
	}
	// Python returns whether the flag was seen set on waking, even if it
	// was cleared again since: a closed channel says exactly that.
	L.Push(lua.LBool(waitClosed(L, e.ch, timeout)))
	return 1
}
