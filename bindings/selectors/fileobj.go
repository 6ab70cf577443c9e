package selectors

import (
	"errors"
	"os"
	"sync"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/sockos"
	"netlua/interp"
)

// fileno returns the descriptor of v: v itself if it is an integer, or what
// v:fileno() returns (a socket's method, looked up in Lua so that this
// package needs no Go dependency on the socket module). ok is false when v
// is neither; a fileno method that raises propagates its error.
func fileno(L *lua.LState, v lua.LValue) (fd int64, ok bool) {
	if n, isNum := v.(lua.LNumber); isNum {
		fd, msg := interp.ToInt(n)
		return fd, msg == ""
	}
	switch v.(type) {
	case *lua.LTable:
	case *lua.LUserData:
		if L.GetMetatable(v) == lua.LNil {
			return 0, false // indexing it would raise Lua's own error
		}
	default:
		return 0, false
	}
	method := L.GetField(v, "fileno")
	if method.Type() != lua.LTFunction {
		return 0, false
	}
	L.Push(method)
	L.Push(v)
	L.Call(1, 1)
	ret := L.Get(-1)
	L.Pop(1)
	n, isNum := ret.(lua.LNumber)
	if !isNum {
		return 0, false
	}
	fd, msg := interp.ToInt(n)
	return fd, msg == ""
}

// A setWait makes waits on a sockos.Set interruptible. The Set's descriptor
// (epoll, kqueue, the Windows reactor) is waited on through the poller like
// a socket, so a waiting thread holds no OS thread; its read deadline is the
// wait's timeout, and Wake (Ctrl-C, through interp.Block) moves it into the
// past. The mutex orders deadline changes against Wake and close, as
// socket's sock.arm and sock.rearm do.
type setWait struct {
	mu     sync.Mutex
	set    *sockos.Set
	closed bool
}

func newSetWait() (*setWait, error) {
	set, err := sockos.NewSet()
	if err != nil {
		return nil, err
	}
	return &setWait{set: set}, nil
}

func (w *setWait) Wake() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		w.set.SetReadDeadline(time.Unix(1, 0))
	}
}

func (w *setWait) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		w.closed = true
		w.set.Close()
	}
}

// wait fills out with ready descriptors. It looks once without waiting;
// then, unless timeout is 0, it waits with the GIL released until one is
// ready, the deadline d (zero: none) passes, the set is closed, or Ctrl-C
// comes (interp.Block then raises KeyboardInterrupt). n is 0 for all but
// the first.
func (w *setWait) wait(L *lua.LState, out []sockos.Event, d time.Time, poll bool) (n int, err error) {
	try := func(fd uintptr) bool {
		n, err = w.set.Collect(fd, out)
		return n > 0 || err != nil
	}
	if cerr := w.set.Control(func(fd uintptr) { try(fd) }); cerr != nil || n > 0 || err != nil || poll {
		if sockos.IsClosed(cerr) {
			return 0, nil
		}
		if cerr != nil {
			return 0, cerr
		}
		return n, err
	}
	th := interp.Current(L)
	// Armed before Block publishes w as the thread's Waker, so that a
	// Ctrl-C that follows can only move the deadline into the past.
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return 0, nil
	}
	w.set.SetReadDeadline(d)
	w.mu.Unlock()
	interp.Block(L, w, func() {
		for {
			werr := w.set.Read(try)
			if !errors.Is(werr, os.ErrDeadlineExceeded) {
				if werr != nil && !sockos.IsClosed(werr) {
					err = werr
				}
				return
			}
			if !d.IsZero() && !time.Now().Before(d) {
				return // the timeout
			}
			// A Wake meant for another thread waiting on the same
			// selector: wait on, unless this one was interrupted too.
			w.mu.Lock()
			stop := th.Interrupted() || w.closed
			if !stop {
				w.set.SetReadDeadline(d)
			}
			w.mu.Unlock()
			if stop {
				return
			}
		}
	})
	return n, err
}

// deadline is when a wait of timeout seconds (negative: none) starting now
// ends; timeouts beyond a century are none.
func deadline(timeout float64) time.Time {
	if timeout < 0 || timeout > 3e9 {
		return time.Time{}
	}
	return time.Now().Add(time.Duration(timeout * float64(time.Second)))
}
