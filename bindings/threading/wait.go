package threading

import (
	"math"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// maxTimeout is the longest wait in seconds, CPython's PY_TIMEOUT_MAX on
// Linux; it is also about where time.Duration overflows.
const maxTimeout = 9223372036.0

// checkTimeout applies CPython's limits to a lock timeout (-1: no limit).
func checkTimeout(L *lua.LState, timeout float64) {
	switch {
	case math.IsNaN(timeout):
		interp.Raise(L, interp.ValueError, "Invalid value NaN (not a number)")
	case timeout > 9.2e18:
		interp.Raise(L, interp.OverflowError, "timestamp out of range for platform time_t")
	case timeout > maxTimeout:
		interp.Raise(L, interp.OverflowError, "timeout value is too large")
	}
}

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
			t := time.NewTimer(time.Duration(math.Min(timeout, maxTimeout) * float64(time.Second)))
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
