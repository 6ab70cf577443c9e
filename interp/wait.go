package interp

import (
	"math"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// MaxTimeout is the longest wait in seconds, CPython's PY_TIMEOUT_MAX on
// Linux; it is also about where time.Duration overflows.
const MaxTimeout = 9223372036.0

// CheckTimeout applies CPython's limits to a lock or condition timeout
// (-1: no limit): NaN is a ValueError, too large an OverflowError.
func CheckTimeout(L *lua.LState, timeout float64) {
	switch {
	case math.IsNaN(timeout):
		Raise(L, ValueError, "Invalid value NaN (not a number)")
	case timeout > 9.2e18:
		Raise(L, OverflowError, "timestamp out of range for platform time_t")
	case timeout > MaxTimeout:
		Raise(L, OverflowError, "timeout value is too large")
	}
}

// A Signal wakes every thread waiting for some state guarded by the GIL
// (a semaphore's value, a barrier's state, a queue's length) to change.
// Waiters take its channel with the GIL held; Broadcast closes it and the
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

// WaitFor is the one wait for such state (threading's semaphores, barriers
// and conditions, queue's queues): it waits, releasing the GIL through
// Block between checks, until ready() holds (true) or timeout seconds have
// passed (false; a negative timeout waits without limit). ready runs with
// the GIL held. Ctrl-C raises KeyboardInterrupt, as Block does.
func WaitFor(L *lua.LState, sig *Signal, timeout float64, ready func() bool) bool {
	var deadline time.Time
	if timeout >= 0 {
		deadline = time.Now().Add(time.Duration(math.Min(timeout, MaxTimeout) * float64(time.Second)))
	}
	t := Current(L)
	for !ready() {
		var timer *time.Timer
		if timeout >= 0 {
			remaining := time.Until(deadline)
			if remaining <= 0 {
				return false
			}
			timer = time.NewTimer(remaining)
		}
		changed := sig.channel()
		Block(L, nil, func() {
			var expired <-chan time.Time
			if timer != nil {
				defer timer.Stop()
				expired = timer.C
			}
			select {
			case <-changed:
			case <-t.Woken():
			case <-expired:
			}
		})
	}
	return true
}
