package socket

import (
	"fmt"
	"syscall"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// create_connection and create_server: socket.py's helpers, rebuilt on the
// socket object with the same steps and messages.

// hostPort reads a {host, port} address for the helpers, which resolve the
// host themselves.
func hostPort(L *lua.LState, addr lua.LValue) (string, int) {
	t, ok := addr.(*lua.LTable)
	if ok {
		host, hok := t.RawGetInt(1).(lua.LString)
		port, msg := interp.ToInt(t.RawGetInt(2))
		if hok && msg == "" && port >= 0 && port <= 65535 {
			return string(host), int(port)
		}
	}
	interp.Raise(L, interp.TypeError, "%s(): address must be a {host, port} table with a port in 0-65535, not %s",
		interp.FuncName(L), interp.ReprValue(L, addr)) // named here: the repr may hold any text
	return "", 0
}

func createConnection(L *lua.LState) int {
	var addr, timeout, source lua.LValue = lua.LNil, lua.LNil, lua.LNil
	interp.UnpackArgs(L, 1, "address", &addr, "timeout?", &timeout, "source_address?", &source)
	host, port := hostPort(L, addr)
	t := defaultTimeout(L)
	if timeout != lua.LNil {
		t = timeoutOf(L, timeout)
	}
	var infos []addrInfo
	var err error
	interp.Unlocked(L, func() { infos, err = lookupAddrs(host, port, sockos.AF_UNSPEC, sockos.SOCK_STREAM, 0, 0) })
	if err != nil {
		raiseLookupError(L, err)
	}
	// Like socket.py: try each address in turn, raise the first error if
	// none connects.
	var first error
	for _, ai := range infos {
		s, err := openConnection(L, ai, t, source)
		if err == nil {
			L.Push(push(L, s))
			return 1
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		interp.Raise(L, interp.OSError, "getaddrinfo returns an empty list")
	}
	raise(L, first)
	return 0
}

// openConnection makes one socket for ai and connects it; on failure the
// socket is closed and the error returned.
func openConnection(L *lua.LState, ai addrInfo, timeout float64, source lua.LValue) (*sock, error) {
	fd, err := sockos.Socket(ai.Family, ai.Type, ai.Proto)
	if err != nil {
		return nil, err
	}
	s, err := newSock(fd, ai.Family, ai.Type, ai.Proto, timeout)
	if err != nil {
		return nil, err
	}
	// A bad source address or a Ctrl-C during connect raises: the socket
	// never reaches Lua, so close it here.
	returned := false
	defer func() {
		if !returned {
			s.drop()
		}
	}()
	if source != lua.LNil {
		sa := toSockaddr(L, ai.Family, source)
		s.rc.Control(func(fd uintptr) { err = sockos.Bind(int(fd), sa) })
	}
	if err == nil {
		err = s.connect(L, ai.Addr)
		traceConnect(L, s, ai.Addr, err)
	}
	if err != nil {
		s.close(L)
		return nil, err
	}
	returned = true
	return s, nil
}

func createServer(L *lua.LState) int {
	var addr lua.LValue
	var opts struct {
		family               int
		backlog              lua.LValue
		reusePort, dualstack bool
	}
	opts.family, opts.backlog = sockos.AF_INET, lua.LNil
	interp.UnpackArgs(L, 1, "address", &addr, "family?", &opts.family, "backlog?", &opts.backlog,
		"reuse_port?", &opts.reusePort, "dualstack_ipv6?", &opts.dualstack)
	if _, msg := interp.ToInt(opts.backlog); opts.backlog != lua.LNil && msg != "" {
		interp.Raise(L, interp.TypeError, "%s() argument 'backlog' %s", interp.FuncName(L), msg)
	}
	if opts.reusePort && sockos.SO_REUSEPORT < 0 {
		interp.Raise(L, interp.ValueError, "SO_REUSEPORT not supported on this platform")
	}
	if opts.dualstack && opts.family != sockos.AF_INET6 {
		interp.Raise(L, interp.ValueError, "dualstack_ipv6 requires AF_INET6 family")
	}
	sa := toSockaddr(L, opts.family, addr)
	fd, err := sockos.Socket(opts.family, sockos.SOCK_STREAM, 0)
	if err != nil {
		raise(L, err)
	}
	s := wrap(L, fd, opts.family, sockos.SOCK_STREAM, 0, defaultTimeout(L))
	ud := push(L, s)
	fail := func(err error) {
		s.close(L)
		raise(L, err)
	}
	setopt := func(level, opt, v int) {
		s.rc.Control(func(fd uintptr) { err = sockos.SetsockoptInt(int(fd), level, opt, v) })
		if err != nil {
			fail(err)
		}
	}
	if sockos.ServerReuseAddr {
		setopt(sockos.SOL_SOCKET, sockos.SO_REUSEADDR, 1)
	}
	if opts.reusePort {
		setopt(sockos.SOL_SOCKET, sockos.SO_REUSEPORT, 1)
	}
	if opts.family == sockos.AF_INET6 {
		v6only := 1
		if opts.dualstack {
			v6only = 0
		}
		setopt(sockos.IPPROTO_IPV6, sockos.IPV6_V6ONLY, v6only)
	}
	s.rc.Control(func(fd uintptr) { err = sockos.Bind(int(fd), sa) })
	if errno, ok := err.(syscall.Errno); ok {
		s.close(L)
		msg := fmt.Sprintf("%s (while attempting to bind on address %s)", interp.Strerror(errno), interp.ReprValue(L, asTuple(L, addr)))
		interp.RaiseValue(L, interp.NewErrnoException(L, interp.OSError, int(errno), msg))
	}
	backlog := 128
	if opts.backlog != lua.LNil {
		n, _ := interp.ToInt(opts.backlog)
		backlog = int(max(0, min(n, 1<<31-1)))
	}
	s.rc.Control(func(fd uintptr) { err = sockos.Listen(int(fd), backlog) })
	if err != nil {
		fail(err)
	}
	L.Push(ud)
	return 1
}

// asTuple shows a plain {host, port} table as the tuple Python would print.
func asTuple(L *lua.LState, v lua.LValue) lua.LValue {
	t, ok := v.(*lua.LTable)
	if !ok || interp.IsTuple(L, v) {
		return v
	}
	vals := make([]lua.LValue, 0, t.Len())
	for i := 1; i <= t.Len(); i++ {
		vals = append(vals, t.RawGetInt(i))
	}
	return interp.NewTuple(L, vals...)
}
