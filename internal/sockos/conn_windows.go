package sockos

import (
	"os"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sys/windows"
)

// winConn is a Conn on the hub: a wait asks the hub to watch the socket and
// parks on a channel. Deadlines live here; changing one (Wake moves it into
// the past) or closing the socket closes changed, which ends a wait in
// progress so that it looks at the deadline again, as Go's poller does for
// an *os.File.
type winConn struct {
	fd  int
	set *Set // for a Set's own Conn: wait on all its descriptors

	mu      sync.Mutex
	rd, wd  time.Time
	changed chan struct{}
	closed  bool

	// use is held for reading around each system call on the handle, and
	// for writing by Close, so a handle is never closed (and its value
	// reused) under a call.
	use sync.RWMutex

	// cleanup closes the socket if its object becomes garbage unclosed,
	// as an *os.File's finalizer does on Unix; Close cancels it.
	cleanup runtime.Cleanup
}

var conns registry[winConn]

// NewConn takes ownership of a non-blocking socket.
func NewConn(fd int) (Conn, error) {
	c := &winConn{fd: fd, changed: make(chan struct{})}
	c.cleanup = runtime.AddCleanup(c, func(fd int) { windows.Closesocket(h(fd)) }, fd)
	conns.add(fd, c)
	return c, nil
}

// Adopt returns the Conn for a socket the program got elsewhere
// (socket(fileno=)): the live one if a socket object of ours owns it.
func Adopt(fd int) (Conn, error) {
	if c := conns.lookup(fd); c != nil {
		return c, nil
	}
	if err := setNonblock(h(fd)); err != nil {
		return nil, err
	}
	return NewConn(fd)
}

func (c *winConn) Control(fn func(fd uintptr)) error {
	c.use.RLock()
	defer c.use.RUnlock()
	if c.isClosed() {
		return os.ErrClosed
	}
	fn(uintptr(c.fd))
	return nil
}

func (c *winConn) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

func (c *winConn) Read(fn func(fd uintptr) bool) error  { return c.wait(PollIn, fn) }
func (c *winConn) Write(fn func(fd uintptr) bool) error { return c.wait(PollOut, fn) }

// wait calls fn until it reports done, waiting for ev between calls, until
// the deadline for ev's direction passes or the socket is closed.
func (c *winConn) wait(ev int, fn func(fd uintptr) bool) error {
	for {
		c.mu.Lock()
		closed, d, changed := c.closed, c.rd, c.changed
		if ev == PollOut {
			d = c.wd
		}
		c.mu.Unlock()
		if closed {
			return os.ErrClosed
		}
		if !d.IsZero() && !time.Now().Before(d) {
			return os.ErrDeadlineExceeded
		}
		c.use.RLock()
		done := !c.isClosed() && fn(uintptr(c.fd))
		c.use.RUnlock()
		if done {
			return nil
		}
		fds := []PollFd{{Fd: c.fd, Events: ev}}
		if c.set != nil {
			fds = c.set.pollFds()
			if len(fds) == 0 {
				// Nothing registered: only a deadline or a Wake ends it.
				select {
				case <-changed:
				case <-timerC(d):
				}
				continue
			}
		}
		if err := WaitAny(fds, d, changed); err != nil && err != os.ErrDeadlineExceeded {
			return err
		}
	}
}

// timerC is a channel that receives at d, or never for a zero d.
func timerC(d time.Time) <-chan time.Time {
	if d.IsZero() {
		return nil
	}
	return time.After(time.Until(d))
}

func (c *winConn) setDeadlines(t time.Time, read, write bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return os.ErrClosed
	}
	if read {
		c.rd = t
	}
	if write {
		c.wd = t
	}
	close(c.changed)
	c.changed = make(chan struct{})
	return nil
}

func (c *winConn) SetDeadline(t time.Time) error      { return c.setDeadlines(t, true, true) }
func (c *winConn) SetReadDeadline(t time.Time) error  { return c.setDeadlines(t, true, false) }
func (c *winConn) SetWriteDeadline(t time.Time) error { return c.setDeadlines(t, false, true) }

// Close ends waits in progress (they fail with os.ErrClosed), then closes
// the socket once no call is using it.
func (c *winConn) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return os.ErrClosed
	}
	c.closed = true
	close(c.changed)
	c.mu.Unlock()
	conns.remove(c.fd, c)
	if c.set != nil {
		return nil
	}
	c.cleanup.Stop()
	c.use.Lock()
	defer c.use.Unlock()
	return windows.Closesocket(h(c.fd))
}

// deadlineIn is the deadline s seconds from now.
func deadlineIn(s int) time.Time { return time.Now().Add(time.Duration(s) * time.Second) }
