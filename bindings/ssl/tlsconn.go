package ssl

import (
	"crypto/tls"
	"io"
	"net"
	"sync"
	"time"

	"netlua/internal/transport"
)

// The connection under crypto/tls, and how a handshake is driven.
//
// Data moves on the calling thread: SSLSocket.recv calls tls.Conn.Read
// inside Transport.Call, whose Read waits on the socket with the GIL
// released. A handshake cannot work that way in non-blocking mode, because
// crypto/tls makes a failed handshake final, so a "would block" halfway
// would kill it. It runs in a goroutine of its own instead, over a pipe:
// the goroutine reads what the calling thread fed it and writes into a
// buffer the calling thread sends. do_handshake feeds and drains the pipe
// until the goroutine finishes or needs bytes the socket does not have yet,
// which in non-blocking mode is SSLWantReadError, and a later do_handshake
// carries on. Blocking sockets go through the same steps, waiting instead.

// netConn is the net.Conn given to crypto/tls.
type netConn struct {
	t  transport.Conn
	hs *handshake // while a handshake runs; then nil
	// leftover is what the socket delivered to the handshake beyond its
	// last message (the peer's first data), read before the socket.
	leftover []byte

	// exact makes Read stop at TLS record boundaries, for unwrap: crypto/tls
	// reads as much as the socket has, and the plaintext the peer sends
	// after its close_notify must stay in the socket for the plain socket.
	exact bool
	hdr   [5]byte // the record header read so far (nhdr bytes)
	nhdr  int
	body  int // bytes of the current record's body still to read
}

func (c *netConn) Read(p []byte) (int, error) {
	if c.hs != nil {
		return c.hs.read(p)
	}
	if len(c.leftover) > 0 {
		n := copy(p, c.leftover)
		c.leftover = c.leftover[n:]
		return n, nil
	}
	if !c.exact {
		return c.t.Read(p)
	}
	if c.body > 0 {
		n, err := c.t.Read(p[:min(len(p), c.body)])
		c.body -= n
		return n, err
	}
	n, err := c.t.Read(p[:min(len(p), len(c.hdr)-c.nhdr)])
	c.nhdr += copy(c.hdr[c.nhdr:], p[:n])
	if c.nhdr == len(c.hdr) {
		c.body, c.nhdr = int(c.hdr[3])<<8|int(c.hdr[4]), 0
	}
	return n, err
}

func (c *netConn) Write(p []byte) (int, error) {
	if c.hs != nil {
		return c.hs.write(p)
	}
	return c.t.Write(p)
}

// Close does nothing: the SSLSocket closes its transport itself.
func (c *netConn) Close() error                     { return nil }
func (c *netConn) LocalAddr() net.Addr              { return c.t.LocalAddr() }
func (c *netConn) RemoteAddr() net.Addr             { return c.t.RemoteAddr() }
func (c *netConn) SetDeadline(time.Time) error      { return nil }
func (c *netConn) SetReadDeadline(time.Time) error  { return nil }
func (c *netConn) SetWriteDeadline(time.Time) error { return nil }

// handshake is the pipe between a handshake goroutine and the thread that
// drives it.
type handshake struct {
	mu      sync.Mutex
	cond    sync.Cond
	in      []byte // from the socket, not yet read by crypto/tls
	inErr   error  // the end of input: io.EOF, or why the driver gave up
	out     []byte // written by crypto/tls, not yet sent
	waiting bool   // the goroutine waits for input
	done    bool
	err     error // the handshake's result, once done
}

// startHandshake starts conn's handshake in a goroutine over c's pipe.
func startHandshake(c *netConn, conn *tls.Conn) *handshake {
	h := &handshake{}
	h.cond.L = &h.mu
	c.hs = h
	go func() {
		err := conn.Handshake()
		h.mu.Lock()
		h.done, h.err = true, err
		h.cond.Broadcast()
		h.mu.Unlock()
	}()
	return h
}

func (h *handshake) read(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for len(h.in) == 0 && h.inErr == nil {
		h.waiting = true
		h.cond.Broadcast()
		h.cond.Wait()
	}
	h.waiting = false
	if len(h.in) == 0 {
		return 0, h.inErr
	}
	n := copy(p, h.in)
	h.in = h.in[n:]
	return n, nil
}

func (h *handshake) write(p []byte) (int, error) {
	h.mu.Lock()
	h.out = append(h.out, p...)
	h.mu.Unlock()
	return len(p), nil
}

// abort ends the goroutine: its next read fails with err.
func (h *handshake) abort(err error) {
	h.mu.Lock()
	if h.inErr == nil || h.inErr == io.EOF {
		h.inErr = err
	}
	h.cond.Broadcast()
	h.mu.Unlock()
}

// drive runs inside Transport.Call: it sends what the handshake wrote and
// feeds it what the socket receives until the handshake is over (its
// result is returned, and finished is true) or the socket fails or would
// block (that error is returned; the handshake is still waiting).
func (h *handshake) drive(t transport.Conn) (finished bool, err error) {
	buf := make([]byte, 16<<10)
	for {
		h.mu.Lock()
		for !h.waiting && !h.done {
			h.cond.Wait()
		}
		out, done, herr := h.out, h.done, h.err
		h.out = nil
		h.mu.Unlock()
		if len(out) > 0 {
			if _, err := t.Write(out); err != nil {
				return false, err
			}
		}
		if err := t.Flush(); err != nil {
			return false, err
		}
		if done {
			return true, herr
		}
		n, err := t.Read(buf)
		h.mu.Lock()
		switch {
		case err == io.EOF:
			h.inErr = io.ErrUnexpectedEOF
		case err != nil:
			h.mu.Unlock()
			return false, err
		default:
			h.in = append(h.in, buf[:n]...)
		}
		h.waiting = false
		h.cond.Broadcast()
		h.mu.Unlock()
	}
}

// finish hands the bytes the handshake did not read to c, and stops
// routing c through the pipe. The goroutine has ended.
func (h *handshake) finish(c *netConn) {
	h.mu.Lock()
	c.leftover = h.in
	h.in = nil
	h.mu.Unlock()
	c.hs = nil
}
