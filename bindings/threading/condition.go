package threading

import (
	"fmt"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

var conditionType = &interp.Type{
	Name: "threading.Condition",
	Repr: condString,
	Doc:  "A condition variable: a lock plus a way to wait until another thread says something changed. Hold the lock (c:acquire()), check your condition, c:wait() while it is false; the other thread changes the state under the lock and calls c:notify() or c:notify_all().",
	Methods: []interp.Func{
		{Name: "acquire", Fn: condAcquire, Sig: "c:acquire([blocking=true [, timeout=-1]]) -> boolean",
			Doc: "Acquires the underlying lock, as its acquire does.",
			Py:  "Condition.acquire(blocking=True, timeout=-1)"},
		{Name: "release", Fn: condRelease, Sig: "c:release()",
			Doc: "Releases the underlying lock.",
			Py:  "Condition.release()"},
		{Name: "wait", Fn: condWait, PyFunc: true, Sig: "c:wait([timeout] [, {timeout=}]) -> boolean",
			Doc: "Releases the lock, waits until notified (or for at most timeout seconds), and acquires the lock again before returning; other threads run meanwhile and Ctrl-C interrupts the wait (the lock is still re-acquired). Returns false on timeout. The calling thread must hold the lock (RuntimeError otherwise).",
			Py:  "Condition.wait(timeout=None)"},
		{Name: "wait_for", Fn: condWaitFor, PyFunc: true, Sig: "c:wait_for(predicate [, timeout] [, {predicate=, timeout=}]) -> value",
			Doc: "Waits as c:wait() does until predicate() returns a true value, calling it first and after each wake-up with the lock held; returns the predicate's last result (false or nil on timeout).",
			Py:  "Condition.wait_for(predicate, timeout=None)"},
		{Name: "notify", Fn: condNotify, PyFunc: true, Sig: "c:notify([n=1] [, {n=}])",
			Doc: "Wakes up to n of the threads waiting on the condition, the longest-waiting first. The calling thread must hold the lock.",
			Py:  "Condition.notify(n=1)"},
		{Name: "notify_all", Fn: condNotifyAll, Sig: "c:notify_all()",
			Doc: "Wakes every thread waiting on the condition. The calling thread must hold the lock.",
			Py:  "Condition.notify_all()"},
	},
}

// A condLock is a lock a Condition can be built on: Lock or RLock.
type condLock interface {
	// owned is Python's Condition._is_owned: for a Lock, held by anyone;
	// for an RLock, held by the calling thread.
	owned(L *lua.LState) bool
	// releaseAll frees the lock completely and returns what restore needs
	// to take it back as it was (an RLock's count).
	releaseAll(L *lua.LState) int
	restore(L *lua.LState, saved int)
}

func (l *lock) owned(*lua.LState) bool       { return len(l.sem) > 0 }
func (l *lock) releaseAll(*lua.LState) int   { <-l.sem; return 0 }
func (l *lock) restore(L *lua.LState, _ int) { l.sem.acquire(L, true, -1) }

func (r *rlock) owned(L *lua.LState) bool { return r.owner == interp.Current(L) }
func (r *rlock) releaseAll(*lua.LState) int {
	n := r.count
	r.owner, r.count = nil, 0
	<-r.sem
	return n
}
func (r *rlock) restore(L *lua.LState, saved int) {
	r.sem.acquire(L, true, -1)
	r.owner, r.count = interp.Current(L), saved
}

// A condition keeps its waiters in order: each has a channel that notify
// closes, so notify(n) wakes exactly the n longest-waiting threads.
type condition struct {
	lockUD  *lua.LUserData
	lock    condLock
	waiters []chan struct{}
}

func newCondition(L *lua.LState) int {
	var lv lua.LValue = lua.LNil
	interp.UnpackArgs(L, 1, "lock?", &lv)
	if lv == lua.LNil || interp.IsNone(lv) {
		lv = newRLockObject(L)
	}
	ud, _ := lv.(*lua.LUserData)
	var cl condLock
	if ud != nil {
		cl, _ = ud.Value.(condLock)
	}
	if cl == nil {
		interp.Raise(L, interp.TypeError, "%s() argument 'lock' must be a Lock or RLock, not %s", interp.FuncName(L), interp.TypeName(lv))
	}
	L.Push(interp.NewObject(L, conditionType, &condition{lockUD: ud, lock: cl}))
	return 1
}

// condString is CPython's repr: <Condition(<unlocked _thread.RLock ...>, 0)>.
func condString(L *lua.LState) int {
	c := L.CheckUserData(1).Value.(*condition)
	L.Push(lua.LString(fmt.Sprintf("<Condition(%s, %d)>", L.ToStringMeta(c.lockUD).String(), len(c.waiters))))
	return 1
}

// condAcquire and condRelease call the lock's own method with the lock as
// receiver, so arguments and errors are exactly the lock's.
func condAcquire(L *lua.LState) int {
	c := interp.Self[*condition](L)
	L.Replace(1, c.lockUD)
	if _, ok := c.lock.(*rlock); ok {
		return rlockAcquire(L)
	}
	return lockAcquire(L)
}

func condRelease(L *lua.LState) int {
	c := interp.Self[*condition](L)
	L.Replace(1, c.lockUD)
	if _, ok := c.lock.(*rlock); ok {
		return rlockRelease(L)
	}
	return lockRelease(L)
}

func condWait(L *lua.LState) int {
	c := interp.Self[*condition](L)
	var tv lua.LValue = lua.LNil
	interp.UnpackArgs(L, 2, "timeout?", &tv)
	timeout := OptionalTimeout(L, tv)
	L.Push(lua.LBool(c.wait(L, timeout)))
	return 1
}

// wait is Condition.wait: it must be called holding the lock, and returns
// holding it again, also when Ctrl-C ends the wait.
func (c *condition) wait(L *lua.LState, timeout float64) bool {
	if !c.lock.owned(L) {
		interp.Raise(L, interp.RuntimeError, "cannot wait on un-acquired lock")
	}
	w := make(chan struct{})
	c.waiters = append(c.waiters, w)
	saved := c.lock.releaseAll(L)
	notified := false
	defer func() {
		if !notified {
			c.remove(w)
		}
		c.lock.restore(L, saved)
	}()
	notified = waitClosed(L, w, timeout)
	return notified
}

func (c *condition) remove(w chan struct{}) {
	for i, x := range c.waiters {
		if x == w {
			c.waiters = append(c.waiters[:i], c.waiters[i+1:]...)
			return
		}
	}
}

func condWaitFor(L *lua.LState) int {
	c := interp.Self[*condition](L)
	var pred *lua.LFunction
	var tv lua.LValue = lua.LNil
	interp.UnpackArgs(L, 2, "predicate", &pred, "timeout?", &tv)
	timeout := OptionalTimeout(L, tv)
	call := func() lua.LValue {
		L.Push(pred)
		L.Call(0, 1)
		v := L.Get(-1)
		L.Pop(1)
		return v
	}
	// Python's loop: the predicate first; then wait for the time left.
	result := call()
	if timeout < 0 {
		for !lua.LVAsBool(result) {
			c.wait(L, -1)
			result = call()
		}
	} else {
		deadline := time.Now().Add(time.Duration(timeout * float64(time.Second)))
		for !lua.LVAsBool(result) {
			left := time.Until(deadline).Seconds()
			if left <= 0 {
				break
			}
			c.wait(L, left)
			result = call()
		}
	}
	L.Push(result)
	return 1
}

func condNotify(L *lua.LState) int {
	c := interp.Self[*condition](L)
	var n int64 = 1
	interp.UnpackArgs(L, 2, "n?", &n)
	c.notify(L, n)
	return 0
}

func condNotifyAll(L *lua.LState) int {
	c := interp.Self[*condition](L)
	interp.UnpackArgs(L, 2)
	c.notify(L, int64(len(c.waiters)))
	return 0
}

func (c *condition) notify(L *lua.LState, n int64) {
	if !c.lock.owned(L) {
		interp.Raise(L, interp.RuntimeError, "cannot notify on un-acquired lock")
	}
	for ; n > 0 && len(c.waiters) > 0; n-- {
		close(c.waiters[0])
		c.waiters = c.waiters[1:]
	}
}
