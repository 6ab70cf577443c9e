package socket

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"unsafe"
	"weak"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// socket.trace: a wire trace for learners. Each traced operation prints one
// header line, plus a hex and text dump of the first bytes moved, so short
// reads and message boundaries become visible.
//
// The trace goes to standard error: a script's own output on stdout stays as
// it was (pipes and golden files are unaffected), and in the REPL stderr is
// drawn above the prompt like stdout. Header and dump are one Write, so lines
// of different threads never interleave.
//
// Hooks sit in the data and lifetime methods (io.go, conn.go, file.go). They
// must cost nothing when no one traces: a hook is an inlined load of the
// process-wide counter tracing, and only when it is non-zero does the hook
// look at the runtime's tracer.

var traceFuncs = []interp.Func{
	{Name: "trace", Fn: socketTrace, Sig: "socket.trace(true | false | sock)",
		Doc: "Prints a wire trace on standard error: true traces every socket, a socket traces that one (call again to add more; connections it accepts are traced too), false stops all tracing. Each send, sendall, sendto, recv, recvfrom, recv_into, recvfrom_into, accept, connect and close prints the thread name, the socket (fd, local->peer address), the operation and its byte count, then a hex and text dump of the first 32 bytes; makefile's reads and flushes show as 'makefile recv' and 'makefile send'. One recv that returns half a message, or one that returns two, shows up at once.",
		Py:  "no equivalent; like strace -e trace=network, or Wireshark's 'Follow TCP stream'"},
}

// tracing counts the runtimes in this process whose tracer is on.
var tracing atomic.Int32

// dumpBytes is how much of each operation's data is dumped.
const dumpBytes = 32

// A tracer is one runtime's trace settings, kept in its registry and used
// only with the GIL held.
type tracer struct {
	on    bool // counted in tracing
	all   bool
	socks map[weak.Pointer[sock]]bool // weak: tracing must not keep a socket from being collected
}

const tracerKey = "socket.tracer"

func tracerOf(L *lua.LState) *tracer {
	reg := L.G.Registry
	if ud, ok := reg.RawGetString(tracerKey).(*lua.LUserData); ok {
		return ud.Value.(*tracer)
	}
	t := &tracer{socks: make(map[weak.Pointer[sock]]bool)}
	ud := L.NewUserData()
	ud.Value = t
	reg.RawSetString(tracerKey, ud)
	return t
}

// update keeps the process-wide count in step with whether t traces anything.
func (t *tracer) update() {
	on := t.all || len(t.socks) > 0
	if on != t.on {
		t.on = on
		if on {
			tracing.Add(1)
		} else {
			tracing.Add(-1)
		}
	}
}

func (t *tracer) traces(s *sock) bool {
	return t.all || t.socks[weak.Make(s)]
}

func socketTrace(L *lua.LState) int {
	var what lua.LValue
	interp.UnpackArgs(L, 1, "what", &what)
	t := tracerOf(L)
	switch v := what.(type) {
	case lua.LBool:
		t.all = bool(v)
		if !t.all {
			clear(t.socks)
		}
	case *lua.LUserData:
		s, ok := v.Value.(*sock)
		if !ok {
			interp.Raise(L, interp.TypeError, "%s() argument 'what' must be a boolean or a socket, not %s", interp.FuncName(L), interp.TypeName(what))
		}
		t.socks[weak.Make(s)] = true
	default:
		interp.Raise(L, interp.TypeError, "%s() argument 'what' must be a boolean or a socket, not %s", interp.FuncName(L), interp.TypeName(what))
	}
	t.update()
	return 0
}

// traceData reports data sent or received by the running method, named
// by its entry (send, recvfrom...): data[:n] moved (n may be -1 or garbage
// when err is set), to or from peer for datagrams.
func traceData(L *lua.LState, s *sock, data string, n int, peer sockos.Sockaddr, err error) {
	if tracing.Load() != 0 {
		traceDataSlow(L, s, interp.FuncName(L), data, n, peer, err)
	}
}

// traceBuf is traceData for a buffer (recv_into, recvfrom_into).
func traceBuf(L *lua.LState, s *sock, p []byte, n int, peer sockos.Sockaddr, err error) {
	if tracing.Load() != 0 {
		traceDataSlow(L, s, interp.FuncName(L), unsafe.String(unsafe.SliceData(p), len(p)), n, peer, err)
	}
}

// traceBufAs is traceBuf for a transfer that is not the running method's
// own, named op ("makefile recv", "TLS send").
func traceBufAs(L *lua.LState, s *sock, op string, p []byte, n int, peer sockos.Sockaddr, err error) {
	if tracing.Load() != 0 {
		traceDataSlow(L, s, op, unsafe.String(unsafe.SliceData(p), len(p)), n, peer, err)
	}
}

func traceDataSlow(L *lua.LState, s *sock, op, data string, n int, peer sockos.Sockaddr, err error) {
	if !tracerOf(L).traces(s) {
		return
	}
	var b strings.Builder
	header(&b, L, s)
	b.WriteString(op)
	if err != nil {
		fmt.Fprintf(&b, " failed: %s\n", errorText(err))
		interp.Of(L).Out.WriteErr(b.String())
		return
	}
	n = max(0, min(n, len(data)))
	if strings.HasPrefix(op, "send") && n < len(data) {
		fmt.Fprintf(&b, " %d of %d bytes", n, len(data))
	} else {
		fmt.Fprintf(&b, " %d bytes", n)
	}
	if peer != nil {
		dir := " from "
		if strings.HasPrefix(op, "send") {
			dir = " to "
		}
		b.WriteString(dir + addrText(peer))
	}
	if n == 0 && !strings.HasPrefix(op, "send") && s.typ == sockos.SOCK_STREAM {
		b.WriteString(" (end of stream: the peer closed its side)")
	}
	b.WriteByte('\n')
	dump(&b, data[:n])
	interp.Of(L).Out.WriteErr(b.String())
}

// traceAccept reports an accepted connection; the accepted socket of a
// traced listening socket is traced too, which is what a learner tracing a
// server wants to see.
func traceAccept(L *lua.LState, s, conn *sock, err error) {
	if tracing.Load() != 0 {
		traceAcceptSlow(L, s, conn, err)
	}
}

func traceAcceptSlow(L *lua.LState, s, conn *sock, err error) {
	t := tracerOf(L)
	if !t.traces(s) {
		return
	}
	var b strings.Builder
	header(&b, L, s)
	if err != nil {
		fmt.Fprintf(&b, "accept failed: %s\n", errorText(err))
	} else {
		if !t.all {
			t.socks[weak.Make(conn)] = true
		}
		b.WriteString("accept -> ")
		shortRepr(&b, conn)
		b.WriteByte('\n')
	}
	interp.Of(L).Out.WriteErr(b.String())
}

// traceConnect reports a connection attempt to sa.
func traceConnect(L *lua.LState, s *sock, sa sockos.Sockaddr, err error) {
	if tracing.Load() != 0 && tracerOf(L).traces(s) {
		var b strings.Builder
		header(&b, L, s)
		b.WriteString("connect")
		if err != nil {
			fmt.Fprintf(&b, " to %s failed: %s", addrText(sa), errorText(err))
		}
		b.WriteByte('\n')
		interp.Of(L).Out.WriteErr(b.String())
	}
}

// traceClose reports close(), before the descriptor goes, so that the
// header still shows its addresses; the socket leaves the traced set.
func traceClose(L *lua.LState, s *sock) {
	if tracing.Load() != 0 && tracerOf(L).traces(s) {
		var b strings.Builder
		header(&b, L, s)
		b.WriteString("close\n")
		interp.Of(L).Out.WriteErr(b.String())
		t := tracerOf(L)
		delete(t.socks, weak.Make(s))
		t.update()
	}
}

// header writes "[trace THREAD] fd=N LOCAL->PEER ".
func header(b *strings.Builder, L *lua.LState, s *sock) {
	fmt.Fprintf(b, "[trace %s] ", interp.Current(L).Name)
	shortRepr(b, s)
	b.WriteByte(' ')
}

// shortRepr writes "fd=5 127.0.0.1:9999->127.0.0.1:51234": the peer only
// when connected, the local address only when bound.
func shortRepr(b *strings.Builder, s *sock) {
	fmt.Fprintf(b, "fd=%d", s.fd)
	if s.rc == nil {
		return
	}
	var local, peer sockos.Sockaddr
	s.rc.Control(func(fd uintptr) {
		local, _ = sockos.Getsockname(int(fd))
		peer, _ = sockos.Getpeername(int(fd))
	})
	if local != nil && !unbound(local) {
		b.WriteString(" " + addrText(local))
	}
	if peer != nil && !unbound(peer) {
		b.WriteString("->" + addrText(peer))
	}
}

// unbound reports an address getsockname gives a socket not yet bound.
func unbound(sa sockos.Sockaddr) bool {
	switch sa := sa.(type) {
	case *sockos.SockaddrInet4:
		return sa.Port == 0
	case *sockos.SockaddrInet6:
		return sa.Port == 0
	case *sockos.SockaddrUnix:
		return sa.Name == "" || sa.Name == "@"
	}
	return true
}

// addrText is an address as host:port ([host]:port for IPv6) or a path.
func addrText(sa sockos.Sockaddr) string {
	switch sa := sa.(type) {
	case *sockos.SockaddrInet4:
		return netip.AddrPortFrom(addrOf(sa), uint16(sa.Port)).String()
	case *sockos.SockaddrInet6:
		return netip.AddrPortFrom(addrOf(sa), uint16(sa.Port)).String()
	case *sockos.SockaddrUnix:
		if sa.Name == "" || sa.Name == "@" {
			return "(unnamed)"
		}
		return sa.Name
	}
	return "?"
}

// errorText is the error as Python's str() of the exception would say it.
func errorText(err error) string {
	var errno syscall.Errno
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return "timed out"
	case sockos.IsClosed(err):
		return interp.OSErrorText(sockos.EClosed)
	case errors.As(err, &errno):
		return interp.OSErrorText(errno)
	}
	return err.Error()
}

// dump writes the first dumpBytes of data, 16 a line, as hex and as text
// (printable ASCII; '.' for other bytes), and how many bytes it left out.
func dump(b *strings.Builder, data string) {
	shown := data[:min(len(data), dumpBytes)]
	for i := 0; i < len(shown); i += 16 {
		line := shown[i:min(i+16, len(shown))]
		b.WriteString("    ")
		for j := 0; j < 16; j++ {
			if j < len(line) {
				fmt.Fprintf(b, "%02x ", line[j])
			} else {
				b.WriteString("   ")
			}
		}
		b.WriteByte(' ')
		for j := 0; j < len(line); j++ {
			if c := line[j]; c >= 0x20 && c < 0x7f {
				b.WriteByte(c)
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteByte('\n')
	}
	if len(data) > len(shown) {
		fmt.Fprintf(b, "    ... %d more bytes\n", len(data)-len(shown))
	}
}
