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
func checkTimeout(L *lua.LState, fname string, timeout float64) {
	switch {
	case math.IsNaN(timeout):
		interp.Raise(L, interp.ValueError, "%s(): Invalid value NaN (not a number)", fname)
	case timeout > 9.2e18:
		interp.Raise(L, interp.OverflowError, "%s(): timestamp out of range for platform time_t", fname)
	case timeout > maxTimeout:
		interp.Raise(L, interp.OverflowError, "%s(): timeout value is too large", fname)
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

// A Signal (used by queue too) wakes every thread waiting for some state guarded by the GIL
// (a semaphore's value, a barrier's state, a queue's length) to change.
// Waiters take the channel with the GIL held; broadcast closes it and the
// next waiter makes a new one. Waking all and letting each recheck its
// condition is what Python's Condition.notify_all does.
type Signal struct{ ch chan struct{} }

func (s *Signal) channel() <-chan struct{} {
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

// Broadcast wakes every waiter; call it with the GIL held after a change.
func (s *Signal) Broadcast() {
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
}

// WaitFor is the one wait for such state (threading, queue): it waits, releasing the GIL between checks, until ready() holds
// (true) or timeout seconds have passed (false; a negative timeout waits
// without limit). ready runs with the GIL held. Ctrl-C raises
// KeyboardInterrupt, as every wait here does.
func WaitFor(L *lua.LState, sig *Signal, timeout float64, ready func() bool) bool {
	var deadline time.Time
	if timeout >= 0 {
		deadline = time.Now().Add(time.Duration(math.Min(timeout, maxTimeout) * float64(time.Second)))
	}
	for !ready() {
		remaining := -1.0
		if timeout >= 0 {
			remaining = time.Until(deadline).Seconds()
			if remaining <= 0 {
				return false
			}
		}
		waitClosed(L, sig.channel(), remaining)
	}
	return true
}

// OptionalTimeout reads a timeout argument that Python spells
// timeout=None: nil is no limit (-1); a number is checked as CPython
// checks it, a negative one meaning "do not wait" (0).
func OptionalTimeout(L *lua.LState, fname string, v lua.LValue) float64 {
	if v == lua.LNil || interp.IsNone(v) {
		return -1
	}
	n, ok := v.(lua.LNumber)
	if !ok {
		interp.Raise(L, interp.TypeError, "%s() argument 'timeout' must be a number, not %s", fname, interp.TypeName(v))
	}
	t := max(float64(n), 0)
	checkTimeout(L, fname, t)
	return t
}
