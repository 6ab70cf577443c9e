package socket

import (
	"errors"
	"os"
	"sync"
	"time"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// An op is one blocking operation on a socket in progress: which system
// call to make, its arguments and its results. It replaces closures: a
// closure per call, plus the variables it captured and the callbacks handed
// to the poller, cost eight or more allocations per recv or send, each of
// which the GC had to collect. An op is taken from opPool for one call and
// put back after it, so a thread blocked in recv holds one and an idle
// socket none.
//
// The poller calls attempt without the GIL, from the goroutine of the
// thread that waits; no other goroutine touches the op meanwhile.
type op struct {
	kind opKind
	s    *sock
	dir  direction
	d    time.Time // deadline, zero for none
	th   *interp.Thread
	rc   sockos.Conn

	// Arguments.
	p        []byte          // opSend, opRecv
	to       sockos.Sockaddr // opSend; nil on a connected socket
	flags    int
	wantFrom bool       // opRecv, opRecvString: recvfrom's address is used
	size     int        // opRecvString
	pool     *sync.Pool // opRecvString
	timeout  float64    // opAccept: the new socket's

	// Results.
	n    int
	from sockos.Sockaddr
	str  lua.LString // opRecvString
	conn *sock       // opAccept
	err  error       // the system call's
	ok   bool        // attempt's result in non-blocking mode
	werr error       // the wait's: a deadline, a closed descriptor

	// The op's methods as func values, made once per op, not per call:
	// a method value passed to an interface method (RawConn.Read) escapes,
	// so it would otherwise be allocated every time.
	try   func(fd uintptr) bool
	ctl   func(fd uintptr)
	block func() bool
}

type opKind uint8

const (
	opSend       opKind = iota // send(2) of p, or sendmsg to to
	opRecv                     // recvfrom into p
	opRecvString               // recvfrom into a pooled buffer, copied out to str
	opRecvAll                  // recv into p until it is full or the stream ends: MSG_WAITALL
	opAccept                   // accept4 wrapped into conn
	opConnect                  // the outcome of a connection in progress
)

var opPool = sync.Pool{New: func() any {
	o := new(op)
	o.try = o.attempt
	o.ctl = func(fd uintptr) { o.ok = o.attempt(fd) }
	o.block = func() bool { o.run(); return o.received() }
	return o
}}

// begin takes an op for a call of kind on s in dir, with deadline d.
// The caller must defer end.
func (s *sock) begin(kind opKind, dir direction, d time.Time) *op {
	o := opPool.Get().(*op)
	o.kind, o.s, o.dir, o.d = kind, s, dir, d
	return o
}

// end clears every reference the op holds (a sent string, a received one,
// the thread) so that a pooled op pins nothing, and returns it to the pool.
// Results must have been read before.
func (o *op) end() {
	try, ctl, block := o.try, o.ctl, o.block
	*o = op{try: try, ctl: ctl, block: block}
	opPool.Put(o)
}

// wait runs attempt on the descriptor until it reports done, waiting for
// readiness in o.dir between attempts with the GIL released, until o.d.
// In non-blocking mode attempt runs once, and EAGAIN is returned as the
// error. A thread interrupted meanwhile gets KeyboardInterrupt raised by
// interp.BlockDone, except that a receive that got its data returns it
// first. The error is the wait's (a deadline, a closed descriptor), else the
// system call's.
func (o *op) wait(L *lua.LState) error {
	s := o.s
	rc := s.conn(L)
	if s.timeout == 0 {
		// RawConn.Read would check an expired deadline before trying, and a
		// non-blocking call needs no deadline at all: one direct attempt.
		if err := rc.Control(o.ctl); err != nil {
			return err
		}
		if !o.ok {
			return sockos.EAGAIN
		}
		return o.err
	}
	o.rc, o.th = rc, interp.Current(L)
	s.arm(o.dir, o.d)
	interp.BlockDone(L, s, o.block)
	if o.werr != nil {
		return o.werr
	}
	return o.err
}

// received reports a receive that got its data (or the end of the stream):
// it is returned even if Ctrl-C came meanwhile, and KeyboardInterrupt
// follows at the next checkpoint, as in CPython. Any other call that Ctrl-C
// reached raises at once.
func (o *op) received() bool {
	if o.kind == opRecvAll && o.n > 0 {
		return true // what arrived so far, as the kernel's MSG_WAITALL on a signal
	}
	return (o.kind == opRecv || o.kind == opRecvString) && o.werr == nil && o.err == nil
}

// run is the wait proper, with the GIL released.
func (o *op) run() {
	for {
		if o.dir == reading {
			o.werr = o.rc.Read(o.try)
		} else {
			o.werr = o.rc.Write(o.try)
		}
		if !errors.Is(o.werr, os.ErrDeadlineExceeded) {
			return
		}
		if !o.d.IsZero() && !time.Now().Before(o.d) {
			return // a real timeout
		}
		if !o.s.rearm(o.th, o.dir, o.d) {
			return
		}
	}
}

// attempt makes the system call once (again after EINTR) without the GIL;
// it returns false only when the call must wait for readiness (EAGAIN, or a
// connection still in progress).
func (o *op) attempt(ufd uintptr) bool {
	fd := int(ufd)
	switch o.kind {
	case opSend:
		o.n, o.err = sockos.Send(fd, o.p, o.to, o.flags)
	case opRecv:
		o.n, o.from, o.err = sockos.Recvfrom(fd, o.p, o.flags, o.wantFrom)
	case opRecvString:
		bp := o.pool.Get().(*[]byte)
		var n int
		n, o.from, o.err = sockos.Recvfrom(fd, (*bp)[:o.size], o.flags, o.wantFrom)
		if o.err == nil && n > 0 {
			// MSG_TRUNC makes n the datagram's length, which may be more.
			o.str = lua.LString((*bp)[:min(n, o.size)])
		}
		o.pool.Put(bp)
	case opRecvAll:
		return o.recvAll(fd)
	case opAccept:
		return o.accept(fd)
	case opConnect:
		return o.connected(fd)
	}
	return !sockos.WouldBlock(o.err)
}

// recvAll receives what is there into the rest of p, without MSG_WAITALL
// (the descriptor is non-blocking: see sock.recvAll); it is done when p is
// full, at the end of the stream, or on an error. It reads until EAGAIN
// before asking to wait: Go's poller forgets readiness that came before the
// wait, so waiting while data (or a reset) is already queued would wait for
// good.
func (o *op) recvAll(fd int) bool {
	for o.n < len(o.p) {
		n, _, err := sockos.Recvfrom(fd, o.p[o.n:], o.flags&^sockos.MSG_WAITALL, false)
		switch {
		case sockos.WouldBlock(err):
			return false
		case err != nil:
			o.err = err
			return true
		case n == 0:
			return true
		}
		o.n += n
	}
	return true
}

func (o *op) accept(fd int) bool {
	var nfd int
	nfd, o.from, o.err = sockos.Accept(fd)
	if sockos.WouldBlock(o.err) {
		return false
	}
	if o.err == nil {
		// Wrapped at once, so that if Ctrl-C makes Block raise instead
		// of returning, sock.accept can close it.
		s := o.s
		o.conn, o.err = newSock(nfd, s.family, s.typ, s.proto, o.timeout)
	}
	return true
}

func (o *op) connected(fd int) bool {
	done, err := sockos.ConnectDone(fd)
	if done {
		o.err = err
	}
	return done
}
