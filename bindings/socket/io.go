package socket

import (
	"sync"
	"time"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// Sending and receiving. A Lua string is passed to send as a byte slice over
// its memory, without a copy (the kernel only reads it). recv reads into a
// pooled buffer and copies out what arrived (see recvString); only sizes
// above 64 KiB read into a buffer that becomes the returned string.

// maxRecv bounds the buffer recv allocates: a stream may always return less
// than asked, so recv(2^40) returns what is there instead of allocating it.
const maxRecv = 1 << 20

// maxWaitAll bounds recv with MSG_WAITALL, which must fill what it allocates.
const maxWaitAll = 64 << 20

func stringBytes(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// bufString turns a received buffer into a Lua string; a small answer in a
// big buffer is copied so as not to pin the buffer.
func bufString(buf []byte, n int) lua.LString {
	if n <= 0 { // nothing, or -1 from a failed recvfrom
		return ""
	}
	if n < len(buf)/2 && len(buf) > 4096 {
		return lua.LString(buf[:n])
	}
	return lua.LString(unsafe.String(&buf[0], n))
}

// send sends p once, waiting for room until d; to is nil on a connected
// socket.
func (s *sock) send(L *lua.LState, p []byte, to sockos.Sockaddr, flags int, d time.Time) (int, error) {
	o := s.begin(opSend, writing, d)
	defer o.end()
	o.p, o.to, o.flags = p, to, flags
	err := o.wait(L)
	return o.n, err
}

// recv receives into p once, waiting for data until the socket's deadline;
// the sender's address only if wantFrom.
func (s *sock) recv(L *lua.LState, p []byte, flags int, wantFrom bool) (int, sockos.Sockaddr, error) {
	if err := s.recvErr; err != nil {
		s.recvErr = nil
		if s.rc != nil { // closed since: [Errno 9] instead
			return 0, nil, err
		}
	}
	if len(p) > 0 && s.waitAll(flags) {
		n, err := s.recvAll(L, p, flags)
		return n, nil, err
	}
	o := s.begin(opRecv, reading, s.deadline())
	defer o.end()
	o.p, o.flags, o.wantFrom = p, flags, wantFrom
	err := o.wait(L)
	return o.n, o.from, err
}

// waitAll reports whether a receive with flags is MSG_WAITALL on a blocking
// stream socket, which recvAll carries out. CPython's blocking socket is a
// blocking descriptor, so there the kernel waits until the buffer is full,
// the stream ends, or the connection fails. netlua's descriptors are always
// non-blocking (DESIGN.md, "Sockets"), where the flag does not wait: on
// Linux it returns what is there, real Windows refuses it (WSAEOPNOTSUPP),
// and the BSDs' kernels may block the poller's thread. With a timeout or
// non-blocking, CPython's descriptor is non-blocking too, so the flag goes
// to the system as it is and the answer is the platform's, as in CPython:
// on Linux whatever has arrived, without waiting for the rest. Datagram
// sockets pass it through as well (one datagram is one receive), and so do
// MSG_PEEK, which would look at the same bytes again on each round, and
// MSG_OOB, whose one byte is not a stream (Windows refuses both with
// MSG_WAITALL, Linux ignores MSG_WAITALL with MSG_OOB).
func (s *sock) waitAll(flags int) bool {
	return flags&sockos.MSG_WAITALL != 0 && flags&(sockos.MSG_PEEK|sockos.MSG_OOB) == 0 &&
		s.timeout < 0 && s.typ == sockos.SOCK_STREAM
}

// recvAll is MSG_WAITALL on a blocking stream socket: it receives into p
// until p is full or the stream ends, waiting for data between receives as
// a blocking recv does. As the kernel's, it returns what arrived when
// something stops it early: a Ctrl-C (KeyboardInterrupt follows), or a
// failed connection, whose error the next receive raises.
func (s *sock) recvAll(L *lua.LState, p []byte, flags int) (int, error) {
	o := s.begin(opRecvAll, reading, s.deadline())
	defer o.end()
	o.p, o.flags = p, flags
	err := o.wait(L)
	if o.n > 0 && err != nil {
		if o.werr == nil {
			s.recvErr = err
		}
		err = nil
	}
	return o.n, err
}

// Receive buffers are pooled in two sizes: recv(4096) is the common call,
// and 64 KiB covers most other sizes people pass.
var (
	smallBufs = sync.Pool{New: func() any { b := make([]byte, 4<<10); return &b }}
	largeBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}
)

// recvString receives up to size bytes as a new string. No buffer is held
// while the socket has no data, so a thread blocked in recv costs no buffer
// (10,000 idle connections waiting in recv(4096) held 4 KiB apiece); data is
// read into a pooled buffer and copied out at its own length, so a 64-byte
// message costs a 64-byte string rather than a fresh zeroed 4 KiB buffer for
// the GC to collect (the 50-client ping-pong of bench/ ran ~30% faster).
// Sizes above 64 KiB are read in place, as before.
func (s *sock) recvString(L *lua.LState, size, flags int, wantFrom bool) (lua.LString, sockos.Sockaddr, error) {
	pool := &smallBufs
	switch {
	case size > 64<<10 || s.waitAll(flags) || s.recvErr != nil:
		buf := make([]byte, size)
		n, from, err := s.recv(L, buf, flags, wantFrom)
		return bufString(buf, n), from, err
	case size > 4<<10:
		pool = &largeBufs
	}
	o := s.begin(opRecvString, reading, s.deadline())
	defer o.end()
	o.size, o.flags, o.wantFrom, o.pool = size, flags, wantFrom, pool
	err := o.wait(L)
	return o.str, o.from, err
}

// dataArgs reads send's and sendall's (data [, flags]). Their usual call,
// a string alone, is read directly: the pointers UnpackArgs takes escape,
// which would cost a heap allocation per variable and call.
func dataArgs(L *lua.LState) (string, int) {
	if data, ok := L.Get(2).(lua.LString); ok && L.GetTop() == 2 {
		return string(data), 0
	}
	var data string
	flags := 0
	interp.UnpackArgs(L, 2, "data", &data, "flags?", &flags)
	return data, flags
}

// sizeArgs reads recv's and recvfrom's (bufsize [, flags]), the usual call
// directly, as dataArgs does.
func sizeArgs(L *lua.LState) (int, int) {
	if L.GetTop() == 2 {
		if n, msg := interp.ToInt(L.Get(2)); msg == "" {
			return int(n), 0
		}
	}
	var bufsize, flags int
	interp.UnpackArgs(L, 2, "bufsize", &bufsize, "flags?", &flags)
	return bufsize, flags
}

func sockSend(L *lua.LState) int {
	s := interp.Self[*sock](L)
	data, flags := dataArgs(L)
	n, err := s.send(L, stringBytes(data), nil, flags, s.deadline())
	traceData(L, s, data, n, nil, err)
	if err != nil {
		raise(L, err)
	}
	L.Push(lua.LNumber(n))
	return 1
}

func sockSendAll(L *lua.LState) int {
	s := interp.Self[*sock](L)
	data, flags := dataArgs(L)
	p := stringBytes(data)
	d := s.deadline() // one limit for the whole call, as in CPython 3.5+
	for {
		n, err := s.send(L, p, nil, flags, d)
		if err != nil {
			traceData(L, s, data, 0, nil, err)
			raise(L, err)
		}
		if p = p[n:]; len(p) == 0 {
			traceData(L, s, data, len(data), nil, nil)
			return 0
		}
	}
}

func sockSendTo(L *lua.LState) int {
	s := interp.Self[*sock](L)
	var data string
	var flags int
	var addr lua.LValue
	if L.GetTop() >= 4 {
		interp.UnpackArgs(L, 2, "data", &data, "flags", &flags, "address", &addr)
	} else {
		interp.UnpackArgs(L, 2, "data", &data, "address", &addr)
	}
	sa := toSockaddr(L, s.family, addr)
	n, err := s.send(L, stringBytes(data), sa, flags, s.deadline())
	traceData(L, s, data, n, sa, err)
	if err != nil {
		raise(L, err)
	}
	L.Push(lua.LNumber(n))
	return 1
}

// recvSize checks a recv buffer size with CPython's message and decides how
// much to allocate.
func recvSize(L *lua.LState, bufsize, flags int) int {
	if bufsize < 0 {
		interp.Raise(L, interp.ValueError, "negative buffersize in %s", interp.FuncName(L))
	}
	if flags&sockos.MSG_WAITALL == 0 {
		return min(bufsize, maxRecv)
	}
	if bufsize > maxWaitAll {
		interp.Raise(L, interp.OverflowError, "bufsize %d is too large with MSG_WAITALL (at most %d)", bufsize, maxWaitAll)
	}
	return bufsize
}

func sockRecv(L *lua.LState) int {
	s := interp.Self[*sock](L)
	bufsize, flags := sizeArgs(L)
	size := recvSize(L, bufsize, flags)
	if size == 0 {
		// CPython's recv asks the system nothing for 0 bytes
		// (sock_recv_guts): b'' at once, whatever the socket's state or
		// timeout, on every platform. recvfrom(0) does make the call.
		L.Push(lua.LString(""))
		return 1
	}
	str, _, err := s.recvString(L, size, flags, false)
	traceData(L, s, string(str), len(str), nil, err)
	if err != nil {
		raise(L, err)
	}
	L.Push(str)
	return 1
}

func sockRecvFrom(L *lua.LState) int {
	s := interp.Self[*sock](L)
	bufsize, flags := sizeArgs(L)
	str, from, err := s.recvString(L, recvSize(L, bufsize, flags), flags, true)
	traceData(L, s, string(str), len(str), from, err)
	if err != nil {
		raise(L, err)
	}
	L.Push(str)
	L.Push(fromSockaddr(L, unnamed(from)))
	return 2
}

// intoArgs reads (buffer [, nbytes [, flags]]) with CPython's checks and
// returns the part of the buffer to fill.
func intoArgs(L *lua.LState, tooBig string) ([]byte, int) {
	var buf *bytearray
	var nbytes, flags int
	interp.UnpackArgs(L, 2, "buffer", bufferArg{&buf}, "nbytes?", &nbytes, "flags?", &flags)
	if nbytes < 0 {
		interp.Raise(L, interp.ValueError, "negative buffersize in %s", interp.FuncName(L))
	}
	if nbytes > len(buf.data) {
		interp.Raise(L, interp.ValueError, "%s", tooBig)
	}
	if nbytes == 0 {
		nbytes = len(buf.data)
	}
	return buf.data[:nbytes], flags
}

func sockRecvInto(L *lua.LState) int {
	s := interp.Self[*sock](L)
	p, flags := intoArgs(L, "buffer too small for requested bytes")
	if len(p) == 0 {
		// An empty buffer: 0 at once, as recv(0) (nbytes 0 means the
		// buffer's length).
		L.Push(lua.LNumber(0))
		return 1
	}
	n, _, err := s.recv(L, p, flags, false)
	traceBuf(L, s, p, n, nil, err)
	if err != nil {
		raise(L, err)
	}
	L.Push(lua.LNumber(n))
	return 1
}

func sockRecvFromInto(L *lua.LState) int {
	s := interp.Self[*sock](L)
	p, flags := intoArgs(L, "nbytes is greater than the length of the buffer")
	n, from, err := s.recv(L, p, flags, true)
	traceBuf(L, s, p, n, from, err)
	if err != nil {
		raise(L, err)
	}
	L.Push(lua.LNumber(n))
	L.Push(fromSockaddr(L, unnamed(from)))
	return 2
}
