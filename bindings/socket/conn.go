package socket

import (
	"errors"
	"math"
	"os"
	"syscall"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// Methods about addresses, connections and the socket's lifetime.

// addressArg reads a method's address argument: a table, a path, or the
// two-argument form s:bind(host, port) that Lua users write naturally.
func addressArg(L *lua.LState, first int) lua.LValue {
	var addr, port lua.LValue = lua.LNil, lua.LNil
	interp.UnpackArgs(L, first, "address", &addr, "port?", &port)
	if port != lua.LNil {
		return interp.NewTuple(L, addr, port)
	}
	return addr
}

func sockBind(L *lua.LState) int {
	s := interp.Self[*sock](L)
	sa := toSockaddr(L, s.family, addressArg(L, 2))
	s.control(L, func(fd int) error { return sockos.Bind(fd, sa) })
	return 0
}

func sockListen(L *lua.LState) int {
	s := interp.Self[*sock](L)
	backlog := 128
	interp.UnpackArgs(L, 2, "backlog?", &backlog)
	// CPython turns a negative backlog into 0; the kernel caps large ones.
	backlog = max(0, min(backlog, math.MaxInt32))
	s.control(L, func(fd int) error { return sockos.Listen(fd, backlog) })
	return 0
}

func sockAccept(L *lua.LState) int {
	s := interp.Self[*sock](L)
	interp.UnpackArgs(L, 2)
	timeout := defaultTimeout(L)
	conn, peer, err := s.accept(L, timeout)
	traceAccept(L, s, conn, err)
	if err != nil {
		raise(L, err)
	}
	L.Push(push(L, conn))
	L.Push(fromSockaddr(L, unnamed(peer)))
	return 2
}

// connect starts a connection and waits for it; it returns the system error
// (a syscall.Errno, or a timeout) instead of raising it, for connect_ex.
func (s *sock) connect(L *lua.LState, sa sockos.Sockaddr) error {
	rc := s.conn(L)
	var err error
	if cerr := rc.Control(func(fd uintptr) { err = sockos.Connect(int(fd), sa) }); cerr != nil {
		return cerr
	}
	// EINTR leaves the connection going on in the background, as
	// EINPROGRESS does: wait for it the same way.
	if !sockos.ConnectPending(err) || s.timeout == 0 {
		return err
	}
	o := s.begin(opConnect, writing, s.deadline())
	defer o.end()
	err = o.wait(L)
	if s.timeout < 0 && o.werr == nil {
		// CPython's connect on a blocking socket ends in the system call;
		// this descriptor is non-blocking, so the kernel is told the
		// outcome was seen, and a second connect raises EISCONN as in
		// CPython (with a timeout, CPython's does not: neither does this).
		rc.Control(func(fd uintptr) { sockos.SettleConnect(int(fd), sa) })
	}
	return err
}

// accept waits for a connection and wraps it with the given timeout.
func (s *sock) accept(L *lua.LState, timeout float64) (*sock, sockos.Sockaddr, error) {
	o := s.begin(opAccept, reading, s.deadline())
	defer o.end()
	o.timeout = timeout
	// A Ctrl-C that comes once accept4 has taken the connection makes
	// o.wait raise instead of returning it: close it then, or its client
	// would wait for the garbage collector.
	returned := false
	defer func() {
		if !returned && o.conn != nil {
			o.conn.drop()
		}
	}()
	err := o.wait(L)
	returned = true
	return o.conn, o.from, err
}

func sockConnect(L *lua.LState) int {
	s := interp.Self[*sock](L)
	sa := toSockaddr(L, s.family, addressArg(L, 2))
	err := s.connect(L, sa)
	traceConnect(L, s, sa, err)
	if err != nil {
		raise(L, err)
	}
	return 0
}

func sockConnectEx(L *lua.LState) int {
	s := interp.Self[*sock](L)
	sa := toSockaddr(L, s.family, addressArg(L, 2))
	if s.rc == nil {
		L.Push(lua.LNumber(sockos.EClosed))
		return 1
	}
	err := s.connect(L, sa)
	traceConnect(L, s, sa, err)
	var errno syscall.Errno
	switch {
	case err == nil:
		L.Push(lua.LNumber(0))
	case errors.Is(err, os.ErrDeadlineExceeded):
		L.Push(lua.LNumber(sockos.EWOULDBLOCK)) // CPython's SOCK_TIMEOUT_ERR
	case errors.As(err, &errno):
		L.Push(lua.LNumber(errno))
	default:
		raise(L, err)
	}
	return 1
}

func sockShutdown(L *lua.LState) int {
	s := interp.Self[*sock](L)
	var how int
	interp.UnpackArgs(L, 2, "how", &how)
	if how < math.MinInt32 || how > math.MaxInt32 {
		interp.Raise(L, interp.OverflowError, "how is out of range")
	}
	s.control(L, func(fd int) error { return sockos.Shutdown(fd, how) })
	return 0
}

func sockClose(L *lua.LState) int {
	s := interp.Self[*sock](L)
	interp.UnpackArgs(L, 2)
	if !s.closed {
		traceClose(L, s)
	}
	s.closed = true
	if s.ioRefs <= 0 {
		// CPython ignores ECONNRESET from close; nothing else is expected
		// from closing a socket.
		if err := s.close(L); err != nil && !errors.Is(err, sockos.ECONNRESET) {
			raise(L, err)
		}
	}
	return 0
}

func sockDetach(L *lua.LState) int {
	s := interp.Self[*sock](L)
	interp.UnpackArgs(L, 2)
	s.closed = true
	if s.rc == nil {
		L.Push(lua.LNumber(-1))
		return 1
	}
	var nfd int
	s.control(L, func(fd int) (err error) {
		nfd, err = sockos.Dup(fd)
		return err
	})
	s.close(L)
	L.Push(lua.LNumber(nfd))
	return 1
}

func sockFileno(L *lua.LState) int {
	s := interp.Self[*sock](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LNumber(s.fd))
	return 1
}

func sockDup(L *lua.LState) int {
	s := interp.Self[*sock](L)
	interp.UnpackArgs(L, 2)
	var nfd int
	s.control(L, func(fd int) (err error) {
		nfd, err = sockos.Dup(fd)
		return err
	})
	L.Push(push(L, wrap(L, nfd, s.family, s.typ, s.proto, s.timeout)))
	return 1
}

func sockGetPeerName(L *lua.LState) int {
	return sockName(L, sockos.Getpeername)
}

func sockGetSockName(L *lua.LState) int {
	return sockName(L, sockos.Getsockname)
}

func sockName(L *lua.LState, get func(int) (sockos.Sockaddr, error)) int {
	s := interp.Self[*sock](L)
	interp.UnpackArgs(L, 2)
	var sa sockos.Sockaddr
	s.control(L, func(fd int) (err error) {
		sa, err = get(fd)
		return err
	})
	L.Push(fromSockaddr(L, unnamed(sa)))
	return 1
}
