package threading

import (
	"math"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// wait runs op with the GIL released until it returns true (it got what it
// waited for), the thread is interrupted, or timeout seconds pass (a
// negative timeout waits without limit). op is given the channels to select
// on besides its own: the interrupt and the timer. On interruption Block
// raises KeyboardInterrupt, so wait returns only on success or timeout.
func wait(L *lua.LState, timeout float64, op func(woken <-chan struct{}, timer <-chan time.Time) bool) bool {
	cur := interp.Current(L)
	ok := false
	interp.Block(L, nil, func() {
		var timer <-chan time.Time
		if timeout >= 0 {
			t := time.NewTimer(time.Duration(math.Min(timeout, interp.MaxTimeout) * float64(time.Second)))
			defer t.Stop()
			timer = t.C
		}
		ok = op(cur.Woken(), timer)
	})
	return ok
}

// waitClosed waits for ch to be closed (a finished thread, a set event).
func waitClosed(L *lua.LState, ch <-chan struct{}, timeout float64) bool {
	select {
	case <-ch:
		return true // already there: no need to let go of the GIL
	default:
	}
	if timeout == 0 {
		return false
	}
	return wait(L, timeout, func(woken <-chan struct{}, timer <-chan time.Time) bool {
		select {
		case <-ch:
			return true
		case <-woken:
		case <-timer:
		}
		return false
	})
}

// OptionalTimeout reads a timeout argument that Python spells
// timeout=None: nil is no limit (-1); a number is checked as CPython
// checks it, a negative one meaning "do not wait" (0).
func OptionalTimeout(L *lua.LState, v lua.LValue) float64 {
	if v == lua.LNil || interp.IsNone(v) {
		return -1
	}
	n, ok := v.(lua.LNumber)
	if !ok {
		interp.Raise(L, interp.TypeError, "%s() argument 'timeout' must be a number, not %s", interp.FuncName(L), interp.TypeName(v))
	}
	t := max(float64(n), 0)
	interp.CheckTimeout(L, t)
	return t
}
