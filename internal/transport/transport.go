// Package transport is the seam between the socket module and the layers
// that run a protocol over its sockets (the ssl module's TLS): bindings do
// not import one another, so the socket package registers here how to take
// a socket object's descriptor, and ssl asks for it here.
package transport

import (
	"net"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// A Conn is a stream socket's descriptor handed to another layer. Read and
// Write are the socket's own blocking path and must run inside Call: they
// wait with the GIL released, until the socket's deadline, end at once on
// Ctrl-C, and in non-blocking mode return ErrWouldBlock instead of waiting.
// A non-blocking Write keeps what the kernel did not take pending (a TLS
// record cannot be half written and retried), and Flush sends it first.
type Conn interface {
	Call(L *lua.LState, fn func() bool)
	Read(p []byte) (int, error)
	Write(p []byte) (int, error)
	Flush() error
	Pending() int

	Close(L *lua.LState) error
	// Drop closes the descriptor during a raise, taking no Lua state.
	Drop()
	Closed() bool
	// Attach gives the descriptor back as a new socket object.
	Attach(L *lua.LState) *lua.LUserData

	Fileno() int
	Timeout() lua.LValue
	Blocking() bool
	// SetTimeout reads settimeout's argument at stack index 2.
	SetTimeout(L *lua.LState)
	SetBlocking(flag bool)
	// Connect connects to the address argument at stack index 2, raising
	// on failure as socket.connect does.
	Connect(L *lua.LState)
	Connected() bool
	PeerName(L *lua.LState) lua.LValue
	SockName(L *lua.LState) lua.LValue
	Shutdown(L *lua.LState, how int)
	// Repr is CPython's repr of a socket subclass named class.
	Repr(L *lua.LState, class string) string

	// Trace reports data moved over the connection on a traced socket,
	// marked as TLS; TraceNote one line about it (the handshake).
	Trace(L *lua.LState, op string, p []byte, n int, err error)
	TraceNote(L *lua.LState, text string)

	LocalAddr() net.Addr
	RemoteAddr() net.Addr
	SetDeadline(time.Time) error
	SetReadDeadline(time.Time) error
	SetWriteDeadline(time.Time) error
}

// ErrWouldBlock is what Read and Write return in non-blocking mode when
// they would have to wait. It is a temporary net.Error, so crypto/tls keeps
// a half-received record and the connection stays usable.
var ErrWouldBlock error = wouldBlock{}

type wouldBlock struct{}

func (wouldBlock) Error() string   { return "operation would block" }
func (wouldBlock) Timeout() bool   { return false }
func (wouldBlock) Temporary() bool { return true }

// The socket module's side, registered by its init.
var (
	detach func(L *lua.LState, v lua.LValue) Conn
	raise  func(L *lua.LState, err error)
)

// Register is called once by the socket package: d takes a socket object's
// descriptor (the object is left closed, as after detach), r raises an
// error from Read, Write or Connect as the socket module does.
func Register(d func(L *lua.LState, v lua.LValue) Conn, r func(L *lua.LState, err error)) {
	detach, raise = d, r
}

// Detach takes the descriptor of the socket object v into a Conn; v is
// left closed, with fileno() -1. It raises if v is no open stream socket.
func Detach(L *lua.LState, v lua.LValue) Conn { return detach(L, v) }

// Raise raises err as the socket module would ("[Errno 104] ...",
// TimeoutError, [Errno 9] for a closed descriptor).
func Raise(L *lua.LState, err error) { raise(L, err) }
