//go:build linux && !netlua_bsd

package sockos

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// Linux's fast paths: a socket is made non-blocking and close-on-exec in
// its creating call, and send and recv without an address are one system
// call with no address buffer.

// msgNoSignal keeps a send on a reset connection from raising SIGPIPE.
const msgNoSignal = unix.MSG_NOSIGNAL

// Socket makes a non-blocking, close-on-exec socket.
func Socket(family, typ, proto int) (int, error) {
	return unix.Socket(family, typ|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, proto)
}

// Socketpair makes two connected non-blocking, close-on-exec sockets.
func Socketpair(family, typ, proto int) ([2]int, error) {
	return unix.Socketpair(family, typ|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, proto)
}

func accept(fd int) (int, Sockaddr, error) {
	return unix.Accept4(fd, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
}

// Identify reads the family, type and protocol of a socket descriptor, for
// socket(fileno=); it fails with ENOTSOCK or EBADF for anything else.
func Identify(fd int) (family, typ, proto int, err error) {
	if family, err = unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_DOMAIN); err != nil {
		return
	}
	if typ, err = unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TYPE); err != nil {
		return
	}
	proto, err = unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_PROTOCOL)
	return
}

// recvNoAddr and sendNoAddr are recv(2) and send(2): recvfrom and sendto
// with no address, which is what CPython's sock.recv and sock.send call.
// x/sys has neither: unix.Recvfrom allocates an address buffer on every
// call, and unix.Sendto needs an address (SendmsgN costs the kernel a
// message header and an iovec to copy in).
func recvNoAddr(fd int, p []byte, flags int) (int, error) {
	return noAddr(unix.SYS_RECVFROM, fd, p, flags)
}

func sendNoAddr(fd int, p []byte, flags int) (int, error) {
	return noAddr(unix.SYS_SENDTO, fd, p, flags)
}

func noAddr(trap uintptr, fd int, p []byte, flags int) (int, error) {
	base := unsafe.Pointer(&zeroByte)
	if len(p) > 0 {
		base = unsafe.Pointer(&p[0])
	}
	r, _, e := unix.Syscall6(trap, uintptr(fd), uintptr(base), uintptr(len(p)), uintptr(flags), 0, 0)
	if e != 0 {
		return int(r), e
	}
	return int(r), nil
}

// zeroByte is where an empty buffer points, as in x/sys.
var zeroByte byte
