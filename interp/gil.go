package interp

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// gil is the global interpreter lock: whoever holds it may touch Lua state.
//
// A plain sync.Mutex is used because it is cheap uncontended (~25 ns for a
// release and re-acquire around a blocking call). Fairness for busy Lua code is
// added on top by yield: the busy thread steps aside until a waiter has actually
// taken the lock, instead of re-taking it at once as a mutex would let it.
type gil struct {
	mu       sync.Mutex
	waiting  atomic.Int32  // goroutines blocked in lock
	acquired atomic.Uint64 // counts acquisitions, so yield can see a hand-over happen
}

func (g *gil) lock() {
	g.waiting.Add(1)
	g.mu.Lock()
	g.waiting.Add(-1)
	g.acquired.Add(1)
}

func (g *gil) unlock() { g.mu.Unlock() }

// yield hands the lock to a waiting goroutine, if any, and takes it back
// after. With gosched it first lets the goroutines that are ready to run
// (a thread just started or woken, not yet waiting for the lock) get to it.
func (g *gil) yield(gosched bool) {
	n := g.acquired.Load()
	g.mu.Unlock()
	if gosched {
		runtime.Gosched()
	}
	for g.acquired.Load() == n && g.waiting.Load() > 0 {
		runtime.Gosched()
	}
	g.lock()
}

// checkEvery is how many VM instructions run between two checkpoints. The
// checkpoint is where busy Lua code hands the GIL over and notices Ctrl-C.
const checkEvery = 1024

// luaContext is installed with SetContext on every LState of a runtime (main
// state, threads and coroutines). gopher-lua polls Done before each VM
// instruction; we use that hook as a cheap counter and, every checkEvery
// instructions, run the checkpoint. Done always returns nil (a channel that
// is never ready), so the VM never raises the context's own error.
type luaContext struct {
	rt    *Runtime
	ticks uint32 // only touched by the GIL holder
}

func (c *luaContext) Done() <-chan struct{} {
	c.ticks++
	if c.ticks%checkEvery == 0 {
		c.rt.checkpoint()
	}
	return nil
}

func (c *luaContext) Err() error { return nil }

func (c *luaContext) Deadline() (deadline time.Time, ok bool) { return }

func (c *luaContext) Value(key any) any {
	if key == runtimeKey {
		return c.rt
	}
	return nil
}

type ctxKey struct{}

var runtimeKey ctxKey

// checkpoint runs in the thread holding the GIL, between two VM instructions.
func (rt *Runtime) checkpoint() {
	t := rt.current
	if t == nil {
		return
	}
	if t.pending.Load() {
		t.raiseInterrupt(rt.L.G.CurrentThread)
	}
	if rt.gil.waiting.Load() > 0 {
		t.detach()
		rt.gil.yield(false)
		t.attach()
	}
}

// Of returns the runtime that owns L.
func Of(L *lua.LState) *Runtime {
	if ctx := L.Context(); ctx != nil {
		if rt, ok := ctx.Value(runtimeKey).(*Runtime); ok {
			return rt
		}
	}
	panic("interp: LState does not belong to a netlua runtime")
}
