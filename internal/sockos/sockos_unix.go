//go:build unix

package sockos

import (
	"errors"
	"os"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The address types are x/sys/unix's on every Unix.
type (
	Sockaddr      = unix.Sockaddr
	SockaddrInet4 = unix.SockaddrInet4
	SockaddrInet6 = unix.SockaddrInet6
	SockaddrUnix  = unix.SockaddrUnix
)

// Errors the socket layer tests for, with the platform's numbers.
const (
	EAGAIN       = unix.EAGAIN
	EBADF        = unix.EBADF
	EINTR        = unix.EINTR
	ENOTCONN     = unix.ENOTCONN
	ECONNRESET   = unix.ECONNRESET
	ECONNREFUSED = unix.ECONNREFUSED
	EAFNOSUPPORT = unix.EAFNOSUPPORT
	EINPROGRESS  = unix.EINPROGRESS
	EWOULDBLOCK  = unix.EWOULDBLOCK
	// EClosed is what an operation on a closed socket raises: on Unix
	// [Errno 9] Bad file descriptor.
	EClosed = unix.EBADF
)

// Constants the socket layer uses in code (the module's own table of
// constants is in bindings/socket, per GOOS).
const (
	AF_INET        = unix.AF_INET
	AF_INET6       = unix.AF_INET6
	AF_UNIX        = unix.AF_UNIX
	AF_UNSPEC      = unix.AF_UNSPEC
	SOCK_STREAM    = unix.SOCK_STREAM
	SOCK_DGRAM     = unix.SOCK_DGRAM
	SOCK_RAW       = unix.SOCK_RAW
	SOCK_SEQPACKET = unix.SOCK_SEQPACKET
	SOL_SOCKET     = unix.SOL_SOCKET
	SO_ERROR       = unix.SO_ERROR
	SO_REUSEADDR   = unix.SO_REUSEADDR
	SO_REUSEPORT   = unix.SO_REUSEPORT
	IPPROTO_TCP    = unix.IPPROTO_TCP
	IPPROTO_UDP    = unix.IPPROTO_UDP
	IPPROTO_IPV6   = unix.IPPROTO_IPV6
	IPV6_V6ONLY    = unix.IPV6_V6ONLY
	MSG_WAITALL    = unix.MSG_WAITALL
	MSG_PEEK       = unix.MSG_PEEK
	MSG_OOB        = unix.MSG_OOB
)

// ServerReuseAddr says whether create_server sets SO_REUSEADDR, as
// CPython's socket.py does everywhere but Windows (where it would let
// another socket take over the port).
const ServerReuseAddr = true

// ConnectPending reports the error of a connect that goes on in the
// background: EINPROGRESS, or EINTR, which leaves it going on too.
func ConnectPending(err error) bool { return err == unix.EINPROGRESS || err == unix.EINTR }

// WouldBlock reports the error of a call that must wait for readiness.
func WouldBlock(err error) bool { return err == unix.EAGAIN }

func Bind(fd int, sa Sockaddr) error       { return unix.Bind(fd, sa) }
func Connect(fd int, sa Sockaddr) error    { return unix.Connect(fd, sa) }
func Listen(fd, backlog int) error         { return unix.Listen(fd, backlog) }
func Shutdown(fd, how int) error           { return unix.Shutdown(fd, how) }
func Getsockname(fd int) (Sockaddr, error) { return unix.Getsockname(fd) }
func Getpeername(fd int) (Sockaddr, error) { return unix.Getpeername(fd) }
func Close(fd int) error                   { return unix.Close(fd) }
func GetsockoptInt(fd, level, opt int) (int, error) {
	return unix.GetsockoptInt(fd, level, opt)
}
func SetsockoptInt(fd, level, opt, v int) error { return unix.SetsockoptInt(fd, level, opt, v) }
func SetsockoptBytes(fd, level, opt int, v []byte) error {
	return unix.SetsockoptString(fd, level, opt, string(v))
}

// GetsockoptBytes reads an option into buf (not empty) and returns what the
// kernel filled.
func GetsockoptBytes(fd, level, opt int, buf []byte) ([]byte, error) {
	n := uint32(len(buf))
	_, _, errno := unix.Syscall6(unix.SYS_GETSOCKOPT, uintptr(fd), uintptr(level), uintptr(opt),
		uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&n)), 0)
	if errno != 0 {
		return nil, errno
	}
	return buf[:n], nil
}

// Dup duplicates fd as a new close-on-exec descriptor (detach, dup).
func Dup(fd int) (int, error) { return unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0) }

// ConnectDone reports whether a connection in progress on fd has ended,
// and how. The poller may report a connecting socket writable early: the
// outcome is SO_ERROR, and getpeername says whether it is done.
func ConnectDone(fd int) (bool, error) {
	soerr, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
	switch {
	case err != nil:
		return true, err
	case soerr != 0:
		return true, syscall.Errno(soerr)
	}
	if _, err := unix.Getpeername(fd); err == unix.ENOTCONN {
		return false, nil
	}
	return true, nil
}

// Recvfrom receives into p once, again after EINTR; the sender's address
// only if wantFrom.
func Recvfrom(fd int, p []byte, flags int, wantFrom bool) (n int, from Sockaddr, err error) {
	for {
		if wantFrom {
			n, from, err = unix.Recvfrom(fd, p, flags)
		} else {
			n, err = recvNoAddr(fd, p, flags)
		}
		if err != unix.EINTR {
			return n, from, err
		}
	}
}

// Send sends p once, again after EINTR; to is nil on a connected socket.
func Send(fd int, p []byte, to Sockaddr, flags int) (n int, err error) {
	for {
		if to == nil {
			n, err = sendNoAddr(fd, p, flags|msgNoSignal)
		} else {
			n, err = unix.SendmsgN(fd, p, nil, to, flags|msgNoSignal)
		}
		if err != unix.EINTR {
			return n, err
		}
	}
}

// Accept takes a connection, as a non-blocking close-on-exec descriptor,
// again after EINTR.
func Accept(fd int) (int, Sockaddr, error) {
	for {
		nfd, sa, err := accept(fd)
		if err != unix.EINTR {
			return nfd, sa, err
		}
	}
}

// PollOnce reports the readiness of fds without waiting (poll(2) with a
// zero timeout). select.select waits through a Set and asks this again for
// the exact events.
func PollOnce(fds []PollFd) error {
	pfds := make([]unix.PollFd, len(fds))
	for i, f := range fds {
		pfds[i] = unix.PollFd{Fd: int32(f.Fd), Events: toPoll(f.Events)}
	}
	for {
		_, err := unix.Poll(pfds, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		break
	}
	for i := range fds {
		fds[i].Revents = fromPoll(pfds[i].Revents)
	}
	return nil
}

var pollBits = [...]struct {
	ours int
	unix int16
}{{PollIn, unix.POLLIN}, {PollPri, unix.POLLPRI}, {PollOut, unix.POLLOUT},
	{PollErr, unix.POLLERR}, {PollHup, unix.POLLHUP}, {PollNval, unix.POLLNVAL}}

func toPoll(ev int) (p int16) {
	for _, b := range pollBits {
		if ev&b.ours != 0 {
			p |= b.unix
		}
	}
	return p
}

func fromPoll(p int16) (ev int) {
	for _, b := range pollBits {
		if p&b.unix != 0 {
			ev |= b.ours
		}
	}
	return ev
}

// unixConn is a Conn on Go's poller: an *os.File over the descriptor,
// which registers it with the poller (epoll, kqueue) and gives deadlines.
type unixConn struct {
	f  *os.File
	rc syscall.RawConn
	fd int
}

var conns registry[unixConn]

// NewConn takes ownership of fd, which must be non-blocking and
// close-on-exec, and registers it with the poller.
func NewConn(fd int) (Conn, error) {
	f := os.NewFile(uintptr(fd), "socket")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	c := &unixConn{f: f, rc: rc, fd: fd}
	conns.add(fd, c)
	return c, nil
}

// Adopt returns the Conn for a descriptor the program got elsewhere
// (socket(fileno=)): the live one if a socket of ours owns fd, else a new
// one, after making fd non-blocking and close-on-exec.
func Adopt(fd int) (Conn, error) {
	if c := conns.lookup(fd); c != nil {
		return c, nil
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		return nil, err
	}
	unix.CloseOnExec(fd)
	return NewConn(fd)
}

func (c *unixConn) Control(fn func(fd uintptr)) error    { return c.rc.Control(fn) }
func (c *unixConn) Read(fn func(fd uintptr) bool) error  { return c.rc.Read(fn) }
func (c *unixConn) Write(fn func(fd uintptr) bool) error { return c.rc.Write(fn) }
func (c *unixConn) SetDeadline(t time.Time) error        { return c.f.SetDeadline(t) }
func (c *unixConn) SetReadDeadline(t time.Time) error    { return c.f.SetReadDeadline(t) }
func (c *unixConn) SetWriteDeadline(t time.Time) error   { return c.f.SetWriteDeadline(t) }
func (c *unixConn) Close() error {
	conns.remove(c.fd, c)
	return c.f.Close()
}

// IsClosed reports the error of a wait on a Conn closed meanwhile: Go's
// poller says "use of closed file" (internal/poll's ErrFileClosing, which os
// does not export), or os.ErrClosed.
func IsClosed(err error) bool {
	return errors.Is(err, os.ErrClosed) || err != nil && err.Error() == "use of closed file"
}
