package socket

import (
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"time"
	"weak"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/sockos"
	"netlua/internal/transport"
	"netlua/interp"
)

// A Transport is a stream socket's descriptor handed to another layer (the
// ssl module's TLS connection) as a Go net.Conn. Its Read and Write are the
// socket's own blocking path: they run inside Call, with the GIL released,
// wait on the socket core's poller until the socket's deadline, end at once on Ctrl-C,
// and in non-blocking mode report ErrWouldBlock instead of waiting.
//
// Detach makes one, as CPython's wrap_socket does with sock.detach(): the
// socket object it came from is closed (fileno() -1) and the Transport owns
// the descriptor until Close.
type Transport struct {
	s *sock

	// Set by Call for the Reads and Writes fn makes, on fn's goroutine.
	th *interp.Thread
	d  time.Time

	// pending is data a non-blocking Write accepted but the kernel had no
	// room for: a TLS record cannot be half written and retried later, so
	// it is kept whole and Flush sends it before anything else.
	pending []byte
}

// ErrWouldBlock is transport.ErrWouldBlock, which Read and Write return in
// non-blocking mode.
var ErrWouldBlock = transport.ErrWouldBlock

func init() {
	transport.Register(func(L *lua.LState, v lua.LValue) transport.Conn { return detach(L, v) }, raise)
}

// detach takes the descriptor of the socket object v (a stream socket) into
// a new Transport; v is left closed, with fileno() -1. A traced socket's
// Transport is traced too. It raises if v is no socket or is closed.
func detach(L *lua.LState, v lua.LValue) *Transport {
	ud, ok := v.(*lua.LUserData)
	var old *sock
	if ok {
		old, ok = ud.Value.(*sock)
	}
	if !ok {
		interp.Raise(L, interp.TypeError, "argument 'sock' must be socket.socket, not %s", interp.TypeName(v))
	}
	old.conn(L)
	if old.typ != sockos.SOCK_STREAM {
		interp.Raise(L, interp.ValueError, "only stream sockets are supported")
	}
	s := &sock{family: old.family, typ: old.typ, proto: old.proto, timeout: old.timeout}
	old.mu.Lock()
	s.rc, s.fd, s.dirty = old.rc, old.fd, old.dirty
	old.rc, old.fd = nil, -1
	old.mu.Unlock()
	old.closed = true
	if tracing.Load() != 0 {
		if t := tracerOf(L); !t.all && t.traces(old) {
			t.socks[weak.Make(s)] = true
		}
	}
	return &Transport{s: s}
}

// Call runs fn with the GIL released, as every socket wait does. The
// Reads and Writes fn makes on t share one deadline, the socket's timeout
// from now, and end with KeyboardInterrupt's wake-up on Ctrl-C. fn reports
// whether it finished its work (data was read): then a Ctrl-C that came
// meanwhile is raised at the next checkpoint instead of now, as for recv.
func (t *Transport) Call(L *lua.LState, fn func() bool) {
	s := t.s
	s.conn(L)
	t.th, t.d = interp.Current(L), s.deadline()
	// fn may read and write (a TLS handshake, a read that answers a key
	// update): both directions get the deadline, through the core's arm.
	s.arm(reading, t.d)
	s.arm(writing, t.d)
	interp.BlockDone(L, s, fn)
	t.th = nil
}

// Read receives into p once, waiting for data as recv does; 0 bytes is
// io.EOF. It must run inside Call.
func (t *Transport) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	var err error
	t.attempt(reading, func(fd int) bool {
		n, _, err = sockos.Recvfrom(fd, p, 0, false)
		return !sockos.WouldBlock(err)
	}, &err)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// Write sends all of p, after anything pending. A non-blocking socket
// sends what the kernel takes and keeps the rest pending (see Flush). It
// must run inside Call.
func (t *Transport) Write(p []byte) (int, error) {
	if err := t.flush(); err != nil && err != ErrWouldBlock {
		return 0, err
	}
	if len(t.pending) > 0 {
		t.pending = append(t.pending, p...)
		return len(p), nil
	}
	sent, err := t.send(p)
	if err == ErrWouldBlock {
		t.pending = append(t.pending, p[sent:]...)
		return len(p), nil
	}
	return sent, err
}

// Flush sends what non-blocking Writes left pending; ErrWouldBlock if some
// is still left. It must run inside Call.
func (t *Transport) Flush() error { return t.flush() }

// Pending is how many bytes Writes accepted and the kernel has not taken.
func (t *Transport) Pending() int { return len(t.pending) }

func (t *Transport) flush() error {
	if len(t.pending) == 0 {
		return nil
	}
	n, err := t.send(t.pending)
	t.pending = t.pending[n:]
	if len(t.pending) == 0 {
		t.pending = nil
	}
	return err
}

// send sends p until done, an error, or (non-blocking) a full buffer.
func (t *Transport) send(p []byte) (int, error) {
	sent := 0
	for sent < len(p) {
		var n int
		var err error
		t.attempt(writing, func(fd int) bool {
			n, err = sockos.Send(fd, p[sent:], nil, 0)
			return !sockos.WouldBlock(err)
		}, &err)
		if err != nil {
			return sent, err
		}
		sent += n
	}
	return sent, nil
}

// attempt runs try on the descriptor until it reports done, waiting for
// readiness in dir between attempts, as op.run does; in non-blocking mode
// once, EAGAIN becoming ErrWouldBlock. A wait's error (deadline, Ctrl-C,
// closed) is stored in *err.
func (t *Transport) attempt(dir direction, try func(fd int) bool, err *error) {
	s := t.s
	rc := s.rc
	if rc == nil {
		*err = sockos.EClosed
		return
	}
	if s.timeout == 0 {
		done := true
		if cerr := rc.Control(func(fd uintptr) { done = try(int(fd)) }); cerr != nil {
			*err = cerr
		} else if !done {
			*err = ErrWouldBlock
		}
		return
	}
	raw := func(fd uintptr) bool { return try(int(fd)) }
	for {
		var werr error
		if dir == reading {
			werr = rc.Read(raw)
		} else {
			werr = rc.Write(raw)
		}
		if werr == nil {
			return
		}
		if !errors.Is(werr, os.ErrDeadlineExceeded) || !t.d.IsZero() && !time.Now().Before(t.d) ||
			t.th == nil || !s.rearm(t.th, dir, t.d) {
			*err = werr
			return
		}
	}
}

// Close closes the descriptor (once; later calls do nothing).
func (t *Transport) Close(L *lua.LState) error {
	traceClose(L, t.s)
	t.s.closed = true
	return t.s.close(L)
}

// Closed reports whether Close was called.
func (t *Transport) Closed() bool { return t.s.rc == nil }

// Fileno is the descriptor's number, -1 once closed.
func (t *Transport) Fileno() int { return t.s.fd }

// Timeout is the socket's timeout as Python's gettimeout() returns it.
func (t *Transport) Timeout() lua.LValue { return timeoutValue(t.s.timeout) }

// Blocking reports whether operations wait (with or without a timeout).
func (t *Transport) Blocking() bool { return t.s.timeout != 0 }

// SetTimeout reads settimeout's argument (at stack index 2) with
// socket.settimeout's checks and applies it.
func (t *Transport) SetTimeout(L *lua.LState) { t.s.timeout = timeoutArg(L, 2) }

// SetBlocking is setblocking(flag).
func (t *Transport) SetBlocking(flag bool) {
	if flag {
		t.s.timeout = -1
	} else {
		t.s.timeout = 0
	}
}

// Connect connects to the address argument at stack index 2 (a table, or
// host and port), waiting as socket.connect does; it raises on failure.
func (t *Transport) Connect(L *lua.LState) {
	sa := toSockaddr(L, t.s.family, addressArg(L, 2))
	err := t.s.connect(L, sa)
	traceConnect(L, t.s, sa, err)
	if err != nil {
		raise(L, err)
	}
}

// Connected reports whether the socket has a peer.
func (t *Transport) Connected() bool {
	if t.s.rc == nil {
		return false
	}
	var err error
	t.s.rc.Control(func(fd uintptr) { _, err = sockos.Getpeername(int(fd)) })
	return err == nil
}

// PeerName and SockName are getpeername() and getsockname().
func (t *Transport) PeerName(L *lua.LState) lua.LValue { return t.name(L, sockos.Getpeername) }
func (t *Transport) SockName(L *lua.LState) lua.LValue { return t.name(L, sockos.Getsockname) }

func (t *Transport) name(L *lua.LState, get func(int) (sockos.Sockaddr, error)) lua.LValue {
	var sa sockos.Sockaddr
	t.s.control(L, func(fd int) (err error) {
		sa, err = get(fd)
		return err
	})
	return fromSockaddr(L, unnamed(sa))
}

// Shutdown is shutdown(how) on the descriptor.
func (t *Transport) Shutdown(L *lua.LState, how int) {
	t.s.control(L, func(fd int) error { return sockos.Shutdown(fd, how) })
}

// Repr is CPython's repr of a socket subclass named class ("ssl.SSLSocket"):
// "<ssl.SSLSocket fd=5, family=2, type=1, proto=0, laddr=(...), raddr=(...)>".
func (t *Transport) Repr(L *lua.LState, class string) string {
	return t.s.repr(L, class, t.s.rc == nil)
}

// Trace reports plaintext moved through TLS on a traced socket, as the
// socket's own operations are reported, with op marked as TLS ("TLS recv").
func (t *Transport) Trace(L *lua.LState, op string, p []byte, n int, err error) {
	traceBufAs(L, t.s, "TLS "+op, p, n, nil, err)
}

// TraceNote reports one line about the connection (the handshake's outcome)
// on a traced socket.
func (t *Transport) TraceNote(L *lua.LState, text string) {
	if tracing.Load() != 0 && tracerOf(L).traces(t.s) {
		var b strings.Builder
		header(&b, L, t.s)
		b.WriteString(text)
		b.WriteByte('\n')
		interp.Of(L).Out.WriteErr(b.String())
	}
}

// The rest of net.Conn, for crypto/tls; it uses none of them but the
// addresses in its error texts.

func (t *Transport) LocalAddr() net.Addr  { return t.addr(sockos.Getsockname) }
func (t *Transport) RemoteAddr() net.Addr { return t.addr(sockos.Getpeername) }

func (t *Transport) addr(get func(int) (sockos.Sockaddr, error)) net.Addr {
	var sa sockos.Sockaddr
	if t.s.rc != nil {
		t.s.rc.Control(func(fd uintptr) { sa, _ = get(int(fd)) })
	}
	switch sa := sa.(type) {
	case *sockos.SockaddrInet4:
		return &net.TCPAddr{IP: sa.Addr[:], Port: sa.Port}
	case *sockos.SockaddrInet6:
		return &net.TCPAddr{IP: sa.Addr[:], Port: sa.Port}
	case *sockos.SockaddrUnix:
		return &net.UnixAddr{Name: sa.Name, Net: "unix"}
	}
	return &net.TCPAddr{}
}

// Deadlines come from the socket's timeout in Call; these are no-ops.
func (t *Transport) SetDeadline(time.Time) error      { return nil }
func (t *Transport) SetReadDeadline(time.Time) error  { return nil }
func (t *Transport) SetWriteDeadline(time.Time) error { return nil }

// Attach gives the descriptor back as a new socket object (what unwrap
// returns); the Transport is left closed.
func (t *Transport) Attach(L *lua.LState) *lua.LUserData {
	s := &sock{family: t.s.family, typ: t.s.typ, proto: t.s.proto, timeout: t.s.timeout}
	t.s.mu.Lock()
	s.rc, s.fd, s.dirty = t.s.rc, t.s.fd, t.s.dirty
	t.s.rc, t.s.fd = nil, -1
	t.s.mu.Unlock()
	t.s.closed = true
	return push(L, s)
}

// Drop closes the descriptor at once, for a call that raises after Detach
// (a failed handshake in wrap_socket closes the socket, as CPython's does).
// It is safe during a raise: it takes no Lua state.
func (t *Transport) Drop() {
	t.s.closed = true
	t.s.drop()
}
