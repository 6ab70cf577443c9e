package socket

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// objectFuncs are the module functions that make socket objects.
var objectFuncs = []interp.Func{
	{Name: "socket", Fn: socketNew, PyFunc: true, Sig: "socket.socket([family [, type [, proto [, fileno]]]] [, {family=, type=, proto=, fileno=}]) -> socket",
		Doc: "Makes a socket: family AF_INET (default), AF_INET6 or AF_UNIX; type SOCK_STREAM (default), SOCK_DGRAM or SOCK_RAW (root only, else PermissionError). With fileno, wraps that open descriptor instead, reading family, type and proto from it when they are not given. The new socket takes the default timeout (setdefaulttimeout).",
		Py:  "socket.socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None)"},
	{Name: "socketpair", Fn: socketPair, PyFunc: true, Sig: "socket.socketpair([family [, type [, proto]]] [, {family=, type=, proto=}]) -> socket, socket",
		Doc: "Returns two connected sockets, by default AF_UNIX SOCK_STREAM (on Windows, which has no AF_UNIX, a TCP pair on the loopback, as CPython makes it there): what one sends the other receives. Handy for tests and for waking a thread.",
		Py:  "socket.socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0)"},
	{Name: "create_connection", Fn: createConnection, PyFunc: true, Sig: "socket.create_connection(address [, timeout [, source_address]] [, {address=, timeout=, source_address=}]) -> socket",
		Doc: "Connects a TCP socket to address {host, port}, trying each address the host name resolves to (IPv4 and IPv6) until one accepts, and returns it. timeout (seconds) applies to the new socket; by default it takes getdefaulttimeout(). source_address {host, port} binds it first. Raises the last connection error if none succeeds.",
		Py:  "socket.create_connection(address, timeout=..., source_address=None)"},
	{Name: "create_server", Fn: createServer, PyFunc: true, Sig: "socket.create_server(address [, {family=, backlog=, reuse_port=, dualstack_ipv6=}]) -> socket",
		Doc: "Makes a listening TCP socket bound to address {host, port}, with SO_REUSEADDR set as CPython does (except on Windows, where it would let another socket take the port). Options (a table): family (AF_INET by default), backlog for listen, reuse_port to set SO_REUSEPORT (ValueError where there is none: Windows), dualstack_ipv6 (with AF_INET6) to accept IPv4 too.",
		Py:  "socket.create_server(address, *, family=AF_INET, backlog=None, reuse_port=False, dualstack_ipv6=False)"},
	{Name: "getdefaulttimeout", Fn: getDefaultTimeout, Sig: "socket.getdefaulttimeout() -> number or nil",
		Doc: "Returns the timeout, in seconds, that new sockets get; nil means they block."},
	{Name: "setdefaulttimeout", Fn: setDefaultTimeout, Sig: "socket.setdefaulttimeout(timeout)",
		Doc: "Sets the timeout, in seconds, that sockets made from now on get (nil: blocking). Existing sockets keep theirs."},
	{Name: "bytearray", Fn: bytearrayNew, Sig: "socket.bytearray(size or string) -> bytearray",
		Doc: "Makes a fixed-size mutable byte buffer for recv_into and recvfrom_into: size zero bytes, or a copy of string. #b is its length, b[i] a byte as a number (1-based, like string.byte), b[i] = n sets one, b:bytes([i [, j]]) returns the contents (or a slice, as string.sub) as a Lua string, tostring(b) prints like Python: bytearray(b'hi\\x00').",
		Py:  "bytearray(size) / bytearray(b'...')"},
}

// objectTypes are the object types: socket.socket and its helpers.
var objectTypes = []*interp.Type{socketType, bytearrayType, fileType}

var socketType = &interp.Type{
	Name: "socket.socket",
	Doc:  "A socket object. Fields family, type, proto and timeout read like Python's attributes; tostring gives CPython's repr, with laddr and raddr. Methods that wait (accept, connect, recv*, send*) release other threads and end with KeyboardInterrupt on Ctrl-C.",
	Repr: socketRepr,
}

// Methods are attached here because methods that make sockets (accept, dup)
// refer back to socketType.
func init() { socketType.Methods = socketMethods }

func openObjects(L *lua.LState, mod *lua.LTable) {
	rt := interp.Of(L)
	mod.RawSetString("SocketType", rt.TypeMethods(socketType))
}

// newObject is interp.NewObject for a type whose metatable needs more than
// its declaration gives: complete adds that (an __index function that reads
// fields and falls back to methods, operators) once per runtime.
func newObject(L *lua.LState, t *interp.Type, v any, complete func(L *lua.LState, meta, methods *lua.LTable)) *lua.LUserData {
	rt := interp.Of(L)
	if meta := rt.TypeMeta(t); meta.RawGetString("__index").Type() != lua.LTFunction {
		complete(L, meta, rt.TypeMethods(t))
	}
	return interp.NewObject(L, t, v)
}

// push makes the Lua value of a socket.
func push(L *lua.LState, s *sock) *lua.LUserData {
	return newObject(L, socketType, s, socketFields)
}

// socketFields completes socketType's metatable: fields are read by an
// __index function that falls back to the methods.
func socketFields(L *lua.LState, meta, methods *lua.LTable) {
	meta.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		s := L.CheckUserData(1).Value.(*sock)
		switch L.Get(2) {
		case lua.LString("family"):
			L.Push(lua.LNumber(s.family))
		case lua.LString("type"):
			L.Push(lua.LNumber(s.typ))
		case lua.LString("proto"):
			L.Push(lua.LNumber(s.proto))
		case lua.LString("timeout"):
			L.Push(timeoutValue(s.timeout))
		default:
			L.Push(methods.RawGet(L.Get(2)))
		}
		return 1
	}))
}

// socketRepr is CPython 3.11's socket.__repr__, which prints addresses with
// str(): a tuple for IP families, a bare path or b'\x00...' for AF_UNIX.
func socketRepr(L *lua.LState) int {
	s := L.CheckUserData(1).Value.(*sock)
	L.Push(lua.LString(s.repr(L, "socket.socket", s.closed)))
	return 1
}

// repr is socketRepr's text for s as an object of class (ssl.SSLSocket for
// a Transport); a closed socket shows no addresses.
func (s *sock) repr(L *lua.LState, class string, closed bool) string {
	var b strings.Builder
	mark := ""
	if closed {
		mark = " [closed]"
	}
	fmt.Fprintf(&b, "<%s%s fd=%d, family=%d, type=%d, proto=%d", class, mark, s.fd, s.family, s.typ, s.proto)
	if !closed && s.rc != nil {
		for _, end := range []struct {
			name string
			get  func(int) (sockos.Sockaddr, error)
		}{{"laddr", sockos.Getsockname}, {"raddr", sockos.Getpeername}} {
			var sa sockos.Sockaddr
			var err error
			s.rc.Control(func(fd uintptr) { sa, err = end.get(int(fd)) })
			if err != nil {
				continue
			}
			if text := addrStr(L, sa); text != "" {
				fmt.Fprintf(&b, ", %s=%s", end.name, text)
			}
		}
	}
	b.WriteString(">")
	return b.String()
}

// addrStr is Python's str() of an address, "" for an unnamed AF_UNIX one.
func addrStr(L *lua.LState, sa sockos.Sockaddr) string {
	v := fromSockaddr(L, unnamed(sa))
	if s, ok := v.(lua.LString); ok {
		if strings.HasPrefix(string(s), "\x00") {
			return interp.QuoteBytes(string(s)) // Python returns abstract names as bytes
		}
		return string(s)
	}
	return interp.ReprValue(L, v)
}

// unnamed fixes x/sys/unix's reading of an unnamed AF_UNIX address (an
// unbound client): it shows the empty name as "@", its notation for a leading
// NUL. Python returns the empty string.
func unnamed(sa sockos.Sockaddr) sockos.Sockaddr {
	if u, ok := sa.(*sockos.SockaddrUnix); ok && u.Name == "@" {
		return &sockos.SockaddrUnix{}
	}
	return sa
}

func socketNew(L *lua.LState) int {
	family, typ, proto := -1, -1, -1
	var fileno lua.LValue = lua.LNil
	interp.UnpackArgs(L, 1, "family?", &family, "type?", &typ, "proto?", &proto, "fileno?", &fileno)
	if fileno != lua.LNil {
		n, msg := interp.ToInt(fileno)
		if msg != "" {
			interp.Raise(L, interp.TypeError, "%s() argument 'fileno' %s", interp.FuncName(L), msg)
		}
		if n < 0 || n > 1<<31-1 {
			interp.Raise(L, interp.ValueError, "negative file descriptor")
		}
		L.Push(push(L, adopt(L, int(n), family, typ, proto)))
		return 1
	}
	if family == -1 {
		family = sockos.AF_INET
	}
	if typ == -1 {
		typ = sockos.SOCK_STREAM
	}
	if proto == -1 {
		proto = 0
	}
	flags := typ & (sockNonblock | sockCloexec)
	fd, err := sockos.Socket(family, typ&^flags, proto)
	if err != nil {
		raise(L, err)
	}
	timeout := defaultTimeout(L)
	if flags&sockNonblock != 0 {
		timeout = 0
	}
	L.Push(push(L, wrap(L, fd, family, typ&^flags, proto, timeout)))
	return 1
}

// wrap makes the sock for a fresh non-blocking descriptor, raising on error.
func wrap(L *lua.LState, fd, family, typ, proto int, timeout float64) *sock {
	s, err := newSock(fd, family, typ, proto, timeout)
	if err != nil {
		raise(L, err)
	}
	return s
}

// adopt wraps a descriptor the program got elsewhere (socket(fileno=)):
// family, type and proto not given are read from it, as CPython does. A
// descriptor that another socket object of ours owns shares that one's
// registration with the poller (sockos.Adopt), so timeouts, accept and
// close work on both, as on two CPython objects over one descriptor.
func adopt(L *lua.LState, fd, family, typ, proto int) *sock {
	f, t, p, err := sockos.Identify(fd)
	if err != nil {
		raise(L, err) // ENOTSOCK, EBADF: not a socket we can use
	}
	if family == -1 {
		family = f
	}
	if typ == -1 {
		typ = t
	}
	if proto == -1 {
		proto = p
	}
	rc, err := sockos.Adopt(fd)
	if err != nil {
		raise(L, err)
	}
	return &sock{family: family, typ: typ, proto: proto, timeout: defaultTimeout(L), rc: rc, fd: fd}
}

func socketPair(L *lua.LState) int {
	family, typ, proto := pairFamily, sockos.SOCK_STREAM, 0
	interp.UnpackArgs(L, 1, "family?", &family, "type?", &typ, "proto?", &proto)
	flags := typ & (sockNonblock | sockCloexec)
	fds, err := sockos.Socketpair(family, typ&^flags, proto)
	if err != nil {
		raise(L, err)
	}
	timeout := defaultTimeout(L)
	if flags&sockNonblock != 0 {
		timeout = 0
	}
	a, aerr := newSock(fds[0], family, typ&^flags, proto, timeout)
	b, berr := newSock(fds[1], family, typ&^flags, proto, timeout)
	for _, err := range []error{aerr, berr} {
		if err != nil {
			raise(L, err)
		}
	}
	L.Push(push(L, a))
	L.Push(push(L, b))
	return 2
}
