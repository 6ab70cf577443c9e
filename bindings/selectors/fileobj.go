package selectors

import (
	"sync"

	lua "github.com/yuin/gopher-lua"
	"golang.org/x/sys/unix"

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

// A waker is an eventfd that a waiting poll or epoll_wait watches beside the
// caller's descriptors: Ctrl-C writes to it (through interp.Block's Waker)
// and the wait returns. The mutex keeps a late Wake from writing to a
// descriptor number that was closed and reused meanwhile.
type waker struct {
	mu     sync.Mutex
	fd     int
	closed bool
}

func newWaker() (*waker, error) {
	fd, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		return nil, err
	}
	return &waker{fd: fd}, nil
}

var one = []byte{1, 0, 0, 0, 0, 0, 0, 0} // an eventfd counter increment of 1

func (w *waker) Wake() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		unix.Write(w.fd, one)
	}
}

// drain resets the counter after a wake-up, so the next wait blocks again.
func (w *waker) drain() {
	var buf [8]byte
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		unix.Read(w.fd, buf[:])
	}
}

func (w *waker) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		w.closed = true
		unix.Close(w.fd)
	}
}
