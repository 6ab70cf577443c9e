package socket

import (
	"sync"
	"time"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// sock is the state behind one socket object: a non-blocking descriptor
// registered for readiness waits through a sockos.Conn (Go's poller on
// Unix, sockos's reactor on Windows), so that a blocked call parks a
// goroutine rather than an OS thread, and timeouts and Ctrl-C are deadlines
// (see DESIGN.md, "Sockets").
//
// Fields other than those under mu are touched only with the GIL held.
type sock struct {
	family, typ, proto int

	// timeout is Python's: negative means blocking (gettimeout() is nil),
	// 0 non-blocking, otherwise seconds per operation.
	timeout float64

	// closed is Python's _closed: close() was called. The descriptor itself
	// stays open while makefile objects use it (ioRefs > 0), as in CPython.
	closed bool
	ioRefs int

	mu sync.Mutex  // orders deadline changes against Wake, from any goroutine
	rc sockos.Conn // nil once the descriptor is closed or detached
	fd int         // the descriptor's number, for fileno and repr; -1 when closed
	// dirty means the file may have a deadline set (by a timeout or by
	// Wake), which the next blocking operation without timeout must clear.
	dirty bool

	// recvErr is an error a MSG_WAITALL receive met after some data
	// arrived: it returned the data, and the next receive raises the
	// error, as the kernel's own MSG_WAITALL does (see recvAll).
	recvErr error
}

// newSock takes ownership of fd, which must be non-blocking and close-on-exec.
func newSock(fd, family, typ, proto int, timeout float64) (*sock, error) {
	rc, err := sockos.NewConn(fd)
	if err != nil {
		return nil, err
	}
	return &sock{family: family, typ: typ, proto: proto, timeout: timeout, rc: rc, fd: fd}, nil
}

// conn returns the connection, raising the platform's error for a closed
// socket ([Errno 9] Bad file descriptor, [WinError 10038] on Windows).
func (s *sock) conn(L *lua.LState) sockos.Conn {
	if s.rc == nil {
		interp.RaiseErrno(L, sockos.EClosed)
	}
	return s.rc
}

// control runs fn on the descriptor with the GIL held: for calls that never
// block (setsockopt, getsockname, bind, listen).
func (s *sock) control(L *lua.LState, fn func(fd int) error) {
	var err error
	if cerr := s.conn(L).Control(func(fd uintptr) { err = fn(int(fd)) }); cerr != nil {
		err = cerr
	}
	if err != nil {
		raise(L, err)
	}
}

// Wake makes a blocked operation on the socket return at once: it is how
// Ctrl-C reaches a thread blocked in accept or recv (interp.Block calls it
// after setting the thread's pending flag).
func (s *sock) Wake() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rc != nil {
		s.rc.SetDeadline(time.Unix(1, 0))
		s.dirty = true
	}
}

type direction int

const (
	reading direction = iota
	writing
)

// deadline is when an operation starting now must end: zero for a blocking
// socket.
func (s *sock) deadline() time.Time {
	if s.timeout <= 0 {
		return time.Time{}
	}
	return time.Now().Add(seconds(s.timeout))
}

// seconds converts a timeout, capping it where time.Duration ends (292 years).
func seconds(t float64) time.Duration {
	if t >= float64(1<<63-1)/1e9 {
		return 1<<63 - 1
	}
	return time.Duration(t * 1e9)
}

// arm sets the deadline for dir before an operation. It runs before
// interp.Block publishes the socket as the thread's Waker, so a Wake that
// follows can only move the deadline into the past, never be overwritten.
func (s *sock) arm(dir direction, d time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.rc == nil:
	case !d.IsZero():
		s.setDeadline(dir, d)
		s.dirty = true
	case s.dirty:
		s.rc.SetDeadline(time.Time{})
		s.dirty = false
	}
}

// rearm restores the deadline d after a Wake meant for another thread (one
// that shares this socket) expired it, unless th itself has been interrupted.
// The lock orders it against Wake: Interrupt sets the pending flag before it
// calls Wake, so either rearm sees the flag or Wake comes after it.
func (s *sock) rearm(th *interp.Thread, dir direction, d time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if th.Interrupted() || s.rc == nil {
		return false
	}
	s.setDeadline(dir, d)
	return true
}

func (s *sock) setDeadline(dir direction, d time.Time) {
	if dir == reading {
		s.rc.SetReadDeadline(d)
	} else {
		s.rc.SetWriteDeadline(d)
	}
}

// close closes the descriptor through its *os.File, which wakes operations
// blocked on it in other threads (they fail with [Errno 9]).
func (s *sock) close(L *lua.LState) error {
	s.mu.Lock()
	f := s.rc
	s.rc, s.fd = nil, -1
	s.mu.Unlock()
	if f == nil {
		return nil
	}
	var err error
	interp.Unlocked(L, func() { err = f.Close() })
	return err
}

// drop closes a socket made by a call that then raised (Ctrl-C during its
// wait, a bad argument) before it could hand the socket to Lua. Lua has no
// reference counting, so otherwise it would stay open, its peer waiting,
// until the garbage collector found it. It runs during the raise with the
// GIL held: a socket that never reached Lua has no SO_LINGER set, so close
// does not block.
func (s *sock) drop() {
	s.mu.Lock()
	f := s.rc
	s.rc, s.fd = nil, -1
	s.mu.Unlock()
	if f != nil {
		f.Close()
	}
}

// raise raises err as Python would. A descriptor closed under a blocked
// call is the platform's error for a closed socket.
func raise(L *lua.LState, err error) {
	if sockos.IsClosed(err) {
		interp.RaiseErrno(L, sockos.EClosed)
	}
	interp.RaiseOSError(L, err)
}
