package interp

import (
	"sync"
	"sync/atomic"

	lua "github.com/yuin/gopher-lua"
)

// A Thread is one Python-style thread of Lua code: the main thread, or one
// started by threading.Thread. Every Thread but the main one runs on an LState
// made with NewThread, so all threads share globals, tables and closures.
type Thread struct {
	rt     *Runtime
	L      *lua.LState
	Name   string
	Ident  int64
	Daemon bool

	// saved is gopher-lua's G.CurrentThread (which coroutine this thread is
	// running) while the thread does not hold the GIL.
	saved *lua.LState

	// Interruption (Ctrl-C) state; see Interrupt for the protocol.
	pending   atomic.Bool
	wake      chan struct{} // gets a token on each Interrupt; for sleeps and waits
	mu        sync.Mutex
	blockedOn Waker

	// OnExit, if set before Start, runs in the thread with the GIL held
	// once its function has returned or raised, before the error report.
	// It lets a module clean up after a thread without wrapping the
	// thread's function in a Go function of its own: every wrapper nests
	// another VM loop on the goroutine's stack, which then doubles to 8 KiB
	// for each thread of a thread-per-connection server.
	OnExit func()

	// resumeDepth counts coroutines resumed one inside another on this
	// thread's goroutine (see coroutineResume); only the GIL holder
	// touches it.
	resumeDepth int

	// pcalls counts, per coroutine of this thread, the pcalls and xpcalls
	// under way in it (see glua_coroutine.go's yield); only the GIL holder
	// touches it.
	pcalls map[*lua.LState]int

	done     chan struct{} // closed when the thread's function has returned
	started  bool
	finished atomic.Bool
}

// A Waker is something a thread blocks on (a socket, a poller) that can be
// made to return early, typically by moving a deadline into the past.
type Waker interface{ Wake() }

// Current returns the Thread that is running L (the GIL holder).
func Current(L *lua.LState) *Thread { return Of(L).current }

// Done is closed when the thread has finished.
func (t *Thread) Done() <-chan struct{} { return t.done }

// Alive reports whether the thread has started and not yet finished.
func (t *Thread) Alive() bool { return t.started && !t.finished.Load() }

// Woken yields a value when the thread is interrupted: blocking bindings that
// wait on channels (sleep, Event.wait, join) select on it.
func (t *Thread) Woken() <-chan struct{} { return t.wake }

// detach records the thread's coroutine and marks that it no longer holds the
// GIL; attach undoes it after the GIL is taken again. gopher-lua keeps one
// shared G.CurrentThread, so each thread must restore its own.
func (t *Thread) detach() {
	t.saved = t.L.G.CurrentThread
	t.rt.current = nil
}

func (t *Thread) attach() {
	t.rt.current = t
	t.L.G.CurrentThread = t.saved
}

func (t *Thread) acquire() {
	t.rt.gil.lock()
	t.attach()
}

func (t *Thread) release() {
	t.detach()
	t.rt.gil.unlock()
}

// Interrupt raises KeyboardInterrupt in the thread at its next checkpoint or
// blocking call. The order matters: the pending flag is set first, then the
// blocked-on object is read and woken. Block sets the blocked-on object first
// and reads the flag second, so one of the two sides always sees the other.
// The flag and the wake token are set together under t.mu, and
// ClearInterrupt clears both under it: a checkpoint that raised and cleared
// the interrupt between the two used to leave the token behind, and a later
// wait (exit's wait for threads, a sleep) took it for a new Ctrl-C.
func (t *Thread) Interrupt() {
	t.mu.Lock()
	t.pending.Store(true)
	select {
	case t.wake <- struct{}{}:
	default:
	}
	w := t.blockedOn
	t.mu.Unlock()
	if w != nil {
		w.Wake()
	}
}

// Interrupted reports (without clearing it) whether an interrupt is pending.
func (t *Thread) Interrupted() bool { return t.pending.Load() }

// ClearInterrupt drops a pending interrupt that nobody will raise: the REPL
// calls it when Ctrl-C arrives just after a chunk finished.
func (t *Thread) ClearInterrupt() {
	t.mu.Lock()
	t.pending.Store(false)
	select {
	case <-t.wake:
	default:
	}
	t.mu.Unlock()
}

func (t *Thread) setBlockedOn(w Waker) {
	t.mu.Lock()
	t.blockedOn = w
	t.mu.Unlock()
}

// raiseInterrupt clears the pending interrupt and raises KeyboardInterrupt in
// co, the LState (thread or coroutine) that is executing.
func (t *Thread) raiseInterrupt(co *lua.LState) {
	t.ClearInterrupt()
	Raise(co, KeyboardInterrupt, "")
}

// Block runs fn with the GIL released, for a binding that waits (accept,
// recv, sleep, join...). fn must not touch Lua state. w, if not nil, is woken
// when the thread is interrupted during fn. When Block returns the GIL is held
// again; if the thread was interrupted, Block raises KeyboardInterrupt instead
// of returning, so the binding never sees a half-finished interrupted call.
func Block(L *lua.LState, w Waker, fn func()) {
	t := enterBlock(L, w)
	func() {
		defer t.acquire()
		fn()
	}()
	leaveBlock(L, t, false)
}

// BlockDone is Block for a call that can finish its work even though Ctrl-C
// came during it: fn reports whether it did (recv got its data). Then
// BlockDone returns normally and leaves the interrupt pending, to be raised
// at the thread's next checkpoint or blocking call. CPython behaves so: its
// recv returns the data and KeyboardInterrupt comes at a later bytecode, so
// data = conn.recv(n) still holds what arrived.
func BlockDone(L *lua.LState, w Waker, fn func() bool) {
	t := enterBlock(L, w)
	done := false
	func() {
		defer t.acquire()
		done = fn()
	}()
	leaveBlock(L, t, done)
}

// enterBlock raises a Ctrl-C that is already pending, or releases the GIL
// with w registered to be woken by one.
func enterBlock(L *lua.LState, w Waker) *Thread {
	t := Of(L).current
	t.setBlockedOn(w)
	if t.pending.Load() {
		t.setBlockedOn(nil)
		t.raiseInterrupt(L)
	}
	t.release()
	return t
}

// leaveBlock runs with the GIL held again; it raises a Ctrl-C that came
// meanwhile unless the call was done.
func leaveBlock(L *lua.LState, t *Thread, done bool) {
	t.setBlockedOn(nil)
	if !done && t.pending.Load() {
		t.raiseInterrupt(L)
	}
}

// Checkpoint raises a pending Ctrl-C as KeyboardInterrupt: a Go loop whose
// length a script chooses (repr of a huge table, pickle of a big one)
// calls it every few thousand steps, as the VM's own checkpoint runs every
// checkEvery instructions, so Ctrl-C stops it. The GIL is kept: the loop
// is in the middle of reading Lua state.
func Checkpoint(L *lua.LState) {
	if t := Of(L).current; t != nil && t.pending.Load() {
		t.raiseInterrupt(L)
	}
}

// Yield lets another thread that is ready run before L's thread goes on, and
// raises a pending Ctrl-C: it is time.sleep(0), Python's idiom for letting
// other threads run. Releasing the GIL around nothing would not do it: the
// thread would take the mutex back before a woken waiter could (sync.Mutex
// lets the running goroutine barge in), and threads just started or woken
// may not even have reached the mutex yet, so a loop of sleep(0) could run
// on with the others never getting a turn.
func Yield(L *lua.LState) {
	rt := Of(L)
	t := rt.current
	if t.pending.Load() {
		t.raiseInterrupt(L)
	}
	t.detach()
	rt.gil.yield(true)
	t.attach()
	if t.pending.Load() {
		t.raiseInterrupt(L)
	}
}

// Unlocked runs fn with the GIL released but without interruption: for short
// system calls that may block briefly (DNS lookups, close).
func Unlocked(L *lua.LState, fn func()) {
	t := Of(L).current
	t.release()
	defer t.acquire()
	fn()
}
