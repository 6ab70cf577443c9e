package threading

import (
	"fmt"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

var lockType = &interp.Type{
	Name: "threading.Lock",
	Doc:  "A lock (mutex). l:acquire() takes it, waiting while another thread holds it; l:release() frees it. Python's `with lock:` becomes l:acquire() ... l:release() (use pcall in between if the code may raise).",
	Repr: lockString,
	Methods: []interp.Func{
		{Name: "acquire", Fn: lockAcquire, Sig: "l:acquire([blocking=true [, timeout=-1]] [, {blocking=, timeout=}]) -> boolean",
			Doc: "Takes the lock and returns true. If another thread holds it: waits (letting other threads run, interruptible by Ctrl-C) for at most timeout seconds, or without limit when timeout is -1; with blocking false, does not wait. Returns false if the lock was not taken.",
			Py:  "Lock.acquire(blocking=True, timeout=-1)"},
		{Name: "release", Fn: lockRelease, Sig: "l:release()",
			Doc: "Frees the lock, letting one waiting thread take it. Any thread may release it; releasing an unlocked lock raises RuntimeError."},
		{Name: "locked", Fn: lockLocked, Sig: "l:locked() -> boolean",
			Doc: "True if some thread holds the lock."},
	},
}

var rlockType = &interp.Type{
	Name: "threading.RLock",
	Doc:  "A re-entrant lock: the thread holding it may acquire it again without waiting, and must release it once per acquire before another thread can take it.",
	Repr: rlockString,
	Methods: []interp.Func{
		{Name: "acquire", Fn: rlockAcquire, Sig: "r:acquire([blocking=true [, timeout=-1]] [, {blocking=, timeout=}]) -> boolean",
			Doc: "Takes the lock, or counts one more hold if this thread has it already, and returns true. Otherwise waits as Lock:acquire does; returns false if the lock was not taken.",
			Py:  "RLock.acquire(blocking=True, timeout=-1)"},
		{Name: "release", Fn: rlockRelease, Sig: "r:release()",
			Doc: "Undoes one acquire; the lock is free when every acquire has been undone. Only the owning thread may release it (RuntimeError otherwise)."},
		{Name: "locked", Fn: rlockLocked, Sig: "r:locked() -> boolean",
			Doc: "True if some thread holds the lock.",
			Py:  "RLock.locked() (Python 3.14)"},
	},
}

// A sem is a channel with room for one token: holding the token is holding
// the lock. Taking it uncontended is one non-blocking send with the GIL
// kept; waiting for it is a select with the GIL released.
type sem chan struct{}

// acquire takes the token, waiting as acquire's arguments say. If the wait
// is interrupted after the token was taken, the token is given back before
// KeyboardInterrupt propagates, so an interrupted acquire never holds the lock.
func (s sem) acquire(L *lua.LState, blocking bool, timeout float64) bool {
	select {
	case s <- struct{}{}:
		return true
	default:
	}
	if !blocking || timeout == 0 {
		return false
	}
	got, returned := false, false
	defer func() {
		if got && !returned {
			<-s
		}
	}()
	wait(L, timeout, func(woken <-chan struct{}, timer <-chan time.Time) bool {
		select {
		case s <- struct{}{}:
			got = true
		case <-woken:
		case <-timer:
		}
		return got
	})
	returned = true
	return got
}

// acquireArgs checks acquire's arguments as CPython does.
func acquireArgs(L *lua.LState) (blocking bool, timeout float64) {
	var b int64 = 1
	timeout = -1
	// blocking is an int in CPython, which true and false satisfy: Python
	// ports pass 0 or 1 as often as False or True.
	interp.UnpackArgs(L, 2, "blocking?", &b, "timeout?", &timeout)
	blocking = b != 0
	switch {
	case !blocking && timeout != -1:
		interp.Raise(L, interp.ValueError, "can't specify a timeout for a non-blocking call")
	case timeout < 0 && timeout != -1:
		interp.Raise(L, interp.ValueError, "timeout value must be positive")
	}
	interp.CheckTimeout(L, timeout)
	return blocking, timeout
}

type lock struct{ sem sem }

func newLock(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	L.Push(interp.NewObject(L, lockType, &lock{sem: make(sem, 1)}))
	return 1
}

func lockedWord(held bool) string {
	if held {
		return "locked"
	}
	return "unlocked"
}

// lockString is CPython's repr: <unlocked _thread.lock object at 0x...>.
func lockString(L *lua.LState) int {
	l := L.CheckUserData(1).Value.(*lock)
	L.Push(lua.LString(fmt.Sprintf("<%s _thread.lock object at %p>", lockedWord(len(l.sem) > 0), l)))
	return 1
}

func lockAcquire(L *lua.LState) int {
	l := interp.Self[*lock](L)
	blocking, timeout := acquireArgs(L)
	L.Push(lua.LBool(l.sem.acquire(L, blocking, timeout)))
	return 1
}

func lockRelease(L *lua.LState) int {
	l := interp.Self[*lock](L)
	interp.UnpackArgs(L, 2)
	select {
	case <-l.sem:
	default:
		interp.Raise(L, interp.RuntimeError, "release unlocked lock")
	}
	return 0
}

func lockLocked(L *lua.LState) int {
	l := interp.Self[*lock](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LBool(len(l.sem) > 0))
	return 1
}

// An rlock is a sem plus its owner and hold count, both only touched with
// the GIL held.
type rlock struct {
	sem   sem
	owner *interp.Thread
	count int
}

func newRLock(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	L.Push(newRLockObject(L))
	return 1
}

// newRLockObject makes an RLock (also the default lock of a Condition).
func newRLockObject(L *lua.LState) *lua.LUserData {
	return interp.NewObject(L, rlockType, &rlock{sem: make(sem, 1)})
}

// rlockString is CPython's repr:
// <locked _thread.RLock object owner=1398... count=2 at 0x...>.
func rlockString(L *lua.LState) int {
	r := L.CheckUserData(1).Value.(*rlock)
	var owner int64
	if r.owner != nil {
		owner = r.owner.Ident
	}
	L.Push(lua.LString(fmt.Sprintf("<%s _thread.RLock object owner=%d count=%d at %p>", lockedWord(r.count > 0), owner, r.count, r)))
	return 1
}

func rlockAcquire(L *lua.LState) int {
	r := interp.Self[*rlock](L)
	blocking, timeout := acquireArgs(L)
	cur := interp.Current(L)
	if r.owner == cur {
		r.count++
		L.Push(lua.LTrue)
		return 1
	}
	ok := r.sem.acquire(L, blocking, timeout)
	if ok {
		r.owner, r.count = cur, 1
	}
	L.Push(lua.LBool(ok))
	return 1
}

func rlockRelease(L *lua.LState) int {
	r := interp.Self[*rlock](L)
	interp.UnpackArgs(L, 2)
	if r.owner != interp.Current(L) {
		interp.Raise(L, interp.RuntimeError, "cannot release un-acquired lock")
	}
	r.count--
	if r.count == 0 {
		r.owner = nil
		<-r.sem
	}
	return 0
}

func rlockLocked(L *lua.LState) int {
	r := interp.Self[*rlock](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LBool(r.count > 0))
	return 1
}
