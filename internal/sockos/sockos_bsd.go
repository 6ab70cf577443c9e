//go:build darwin || freebsd || (linux && netlua_bsd)

package sockos

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// macOS and the BSDs: only the calls POSIX has. macOS has no
// SOCK_NONBLOCK, SOCK_CLOEXEC or accept4, so a socket is made and then
// switched to non-blocking and close-on-exec with fcntl, under
// syscall.ForkLock so that a child started meanwhile cannot inherit it. The
// tag netlua_bsd builds this file on Linux, where CI runs the whole suite
// through it.

// msgNoSignal is 0: Go's runtime already turns SIGPIPE on a socket into
// EPIPE for the call (it ignores the signal for descriptors other than
// standard output and error).
const msgNoSignal = 0

// Socket makes a non-blocking, close-on-exec socket.
func Socket(family, typ, proto int) (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fd, err := unix.Socket(family, typ, proto)
	if err != nil {
		return -1, err
	}
	return fd, prepare(fd)
}

// Socketpair makes two connected non-blocking, close-on-exec sockets.
func Socketpair(family, typ, proto int) ([2]int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fds, err := unix.Socketpair(family, typ, proto)
	if err != nil {
		return fds, err
	}
	for i, fd := range fds {
		if err := prepare(fd); err != nil { // prepare closed fd itself
			unix.Close(fds[1-i])
			return fds, err
		}
	}
	return fds, nil
}

func accept(fd int) (int, Sockaddr, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	nfd, sa, err := unix.Accept(fd)
	if err != nil {
		return -1, nil, err
	}
	return nfd, sa, prepare(nfd)
}

// prepare makes a new descriptor close-on-exec and non-blocking, and
// closes it if that fails. It also asks macOS not to raise SIGPIPE on it.
func prepare(fd int) error {
	unix.CloseOnExec(fd)
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return err
	}
	noSigpipe(fd)
	return nil
}

// Identify reads the family, type and protocol of a socket descriptor, for
// socket(fileno=), as CPython does where SO_DOMAIN and SO_PROTOCOL may be
// missing: the family from getsockname, the protocol 0 if unknown.
func Identify(fd int) (family, typ, proto int, err error) {
	if typ, err = unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TYPE); err != nil {
		return
	}
	sa, err := unix.Getsockname(fd)
	if err != nil {
		return
	}
	switch sa.(type) {
	case *unix.SockaddrInet4:
		family = unix.AF_INET
	case *unix.SockaddrInet6:
		family = unix.AF_INET6
	case *unix.SockaddrUnix:
		family = unix.AF_UNIX
	}
	proto = protocolOf(fd)
	return family, typ, proto, nil
}

func recvNoAddr(fd int, p []byte, flags int) (int, error) {
	n, _, err := unix.Recvfrom(fd, p, flags)
	return n, err
}

func sendNoAddr(fd int, p []byte, flags int) (int, error) {
	return unix.SendmsgN(fd, p, nil, nil, flags)
}
