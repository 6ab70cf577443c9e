package sockos

import (
	"errors"
	"os"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Winsock. Sockets are made non-blocking (FIONBIO) and non-inheritable, and
// every call is the plain BSD-style one (recv, send, accept...) on the
// non-blocking handle: Go's poller cannot wait for readiness of a raw
// handle on Windows (internal/poll's RawRead waits through a zero-byte
// WSARecv, RawWrite is not supported, and nothing waits for accept or
// connect), so waits go through the hub (hub.go, hub_windows.go).

type (
	Sockaddr      = windows.Sockaddr
	SockaddrInet4 = windows.SockaddrInet4
	SockaddrInet6 = windows.SockaddrInet6
	SockaddrUnix  = windows.SockaddrUnix
)

// Winsock's error codes, which CPython reports as errno and winerror.
const (
	EAGAIN       = syscall.Errno(10035) // WSAEWOULDBLOCK
	EWOULDBLOCK  = syscall.Errno(10035)
	EINPROGRESS  = syscall.Errno(10036)
	EBADF        = syscall.Errno(10009)
	EINTR        = syscall.Errno(10004)
	ENOTCONN     = syscall.Errno(10057)
	ECONNRESET   = syscall.Errno(10054)
	ECONNREFUSED = syscall.Errno(10061)
	EAFNOSUPPORT = syscall.Errno(10047)
	EINVAL       = syscall.Errno(10022)
	// EClosed is what CPython raises for an operation on a closed
	// socket on Windows: [WinError 10038] (WSAENOTSOCK).
	EClosed = syscall.Errno(10038)
)

// Winsock's values (<winsock2.h>, <ws2ipdef.h>).
const (
	AF_INET        = 2
	AF_INET6       = 23
	AF_UNIX        = 1
	AF_UNSPEC      = 0
	SOCK_STREAM    = 1
	SOCK_DGRAM     = 2
	SOCK_RAW       = 3
	SOCK_SEQPACKET = 5
	SOL_SOCKET     = 0xffff
	SO_ERROR       = 0x1007
	SO_REUSEADDR   = 0x4
	SO_REUSEPORT   = -1 // none on Windows
	IPPROTO_TCP    = 6
	IPPROTO_UDP    = 17
	IPPROTO_IPV6   = 41
	IPV6_V6ONLY    = 27
	MSG_WAITALL    = 0x8
	MSG_PEEK       = 0x2
	MSG_OOB        = 0x1
	soType         = 0x1008
	fionbio        = 0x8004667e
)

var (
	ws2          = windows.NewLazySystemDLL("ws2_32.dll")
	procAccept   = ws2.NewProc("accept")
	procRecv     = ws2.NewProc("recv")
	procRecvfrom = ws2.NewProc("recvfrom")
	procSend     = ws2.NewProc("send")
	procIoctl    = ws2.NewProc("ioctlsocket")
	procSelect   = ws2.NewProc("select")
	startupOnce  sync.Once
	startupErr   error
)

// startup initialises Winsock once (Go's net package does too; the count
// is per process and harmless to raise).
func startup() error {
	startupOnce.Do(func() {
		var d windows.WSAData
		startupErr = windows.WSAStartup(uint32(0x202), &d)
	})
	return startupErr
}

// ServerReuseAddr is false: CPython's create_server does not set
// SO_REUSEADDR on Windows, where it would let another socket take over the
// port (SO_EXCLUSIVEADDRUSE is the opposite).
const ServerReuseAddr = false

func ConnectPending(err error) bool { return err == EAGAIN || err == EINPROGRESS }
func WouldBlock(err error) bool     { return err == EAGAIN }

func h(fd int) windows.Handle { return windows.Handle(uintptr(fd)) }

// lastErr converts a failed ws2_32 call's error: LazyProc.Call returns
// GetLastError, which is WSAGetLastError's value.
func lastErr(e error) error {
	var errno syscall.Errno
	if errors.As(e, &errno) && errno != 0 {
		return errno
	}
	return EINVAL
}

func setNonblock(fd windows.Handle) error {
	on := uint32(1)
	r, _, e := procIoctl.Call(uintptr(fd), fionbio, uintptr(unsafe.Pointer(&on)))
	if int32(r) != 0 {
		return lastErr(e)
	}
	return nil
}

// Socket makes a non-blocking, non-inheritable socket.
func Socket(family, typ, proto int) (int, error) {
	if err := startup(); err != nil {
		return -1, err
	}
	s, err := windows.WSASocket(int32(family), int32(typ), int32(proto), nil, 0,
		windows.WSA_FLAG_OVERLAPPED|windows.WSA_FLAG_NO_HANDLE_INHERIT)
	if err != nil {
		return -1, err
	}
	if err := setNonblock(s); err != nil {
		windows.Closesocket(s)
		return -1, err
	}
	return int(s), nil
}

func Bind(fd int, sa Sockaddr) error       { return windows.Bind(h(fd), sa) }
func Connect(fd int, sa Sockaddr) error    { return windows.Connect(h(fd), sa) }
func Listen(fd, backlog int) error         { return windows.Listen(h(fd), backlog) }
func Shutdown(fd, how int) error           { return windows.Shutdown(h(fd), how) }
func Getsockname(fd int) (Sockaddr, error) { return windows.Getsockname(h(fd)) }
func Getpeername(fd int) (Sockaddr, error) { return windows.Getpeername(h(fd)) }
func Close(fd int) error                   { return windows.Closesocket(h(fd)) }

func GetsockoptInt(fd, level, opt int) (int, error) {
	return windows.GetsockoptInt(h(fd), level, opt)
}

func SetsockoptInt(fd, level, opt, v int) error { return windows.SetsockoptInt(h(fd), level, opt, v) }

func SetsockoptBytes(fd, level, opt int, v []byte) error {
	var p *byte
	if len(v) > 0 {
		p = &v[0]
	}
	return windows.Setsockopt(h(fd), int32(level), int32(opt), p, int32(len(v)))
}

func GetsockoptBytes(fd, level, opt int, buf []byte) ([]byte, error) {
	n := int32(len(buf))
	if err := windows.Getsockopt(h(fd), int32(level), int32(opt), &buf[0], &n); err != nil {
		return nil, err
	}
	return buf[:n], nil
}

// Dup duplicates a socket with WSADuplicateSocket, as CPython's dup does.
func Dup(fd int) (int, error) {
	var info windows.WSAProtocolInfo
	if err := windows.WSADuplicateSocket(h(fd), windows.GetCurrentProcessId(), &info); err != nil {
		return -1, err
	}
	s, err := windows.WSASocket(-1, -1, -1, &info, 0, windows.WSA_FLAG_OVERLAPPED|windows.WSA_FLAG_NO_HANDLE_INHERIT)
	if err != nil {
		return -1, err
	}
	if err := setNonblock(s); err != nil {
		windows.Closesocket(s)
		return -1, err
	}
	return int(s), nil
}

// ConnectDone reports how a connection in progress ended: SO_ERROR, then
// getpeername to tell a finished connection from one still going.
func ConnectDone(fd int) (bool, error) {
	soerr, err := windows.GetsockoptInt(h(fd), SOL_SOCKET, SO_ERROR)
	switch {
	case err != nil:
		return true, err
	case soerr != 0:
		return true, syscall.Errno(soerr)
	}
	if _, err := windows.Getpeername(h(fd)); err == ENOTCONN {
		return false, nil
	}
	return true, nil
}

func Recvfrom(fd int, p []byte, flags int, wantFrom bool) (int, Sockaddr, error) {
	if wantFrom {
		return recvFrom(fd, p, flags)
	}
	n, err := recvPlain(fd, p, flags)
	return n, nil, err
}

// recvFrom is recvfrom(2). x/sys's Recvfrom fails when the sender's address
// is empty, which it is on a connected stream socket (Winsock leaves it
// untouched): CPython returns None for it, and so does this.
func recvFrom(fd int, p []byte, flags int) (int, Sockaddr, error) {
	var base *byte
	if len(p) > 0 {
		base = &p[0]
	}
	var rsa windows.RawSockaddrAny
	l := int32(unsafe.Sizeof(rsa))
	r, _, e := procRecvfrom.Call(uintptr(fd), uintptr(unsafe.Pointer(base)), uintptr(len(p)), uintptr(flags),
		uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l)))
	if int32(r) < 0 {
		return 0, nil, lastErr(e)
	}
	if rsa.Addr.Family == 0 {
		return int(int32(r)), nil, nil
	}
	sa, err := rsa.Sockaddr()
	if err != nil {
		sa = nil
	}
	return int(int32(r)), sa, nil
}

func recvPlain(fd int, p []byte, flags int) (int, error) {
	var base *byte
	if len(p) > 0 {
		base = &p[0]
	}
	r, _, e := procRecv.Call(uintptr(fd), uintptr(unsafe.Pointer(base)), uintptr(len(p)), uintptr(flags))
	if int32(r) < 0 {
		return 0, lastErr(e)
	}
	return int(int32(r)), nil
}

func Send(fd int, p []byte, to Sockaddr, flags int) (int, error) {
	if to != nil {
		if err := windows.Sendto(h(fd), p, flags, to); err != nil {
			return 0, err
		}
		return len(p), nil // a datagram goes whole or not at all
	}
	var base *byte
	if len(p) > 0 {
		base = &p[0]
	}
	r, _, e := procSend.Call(uintptr(fd), uintptr(unsafe.Pointer(base)), uintptr(len(p)), uintptr(flags))
	if int32(r) < 0 {
		return 0, lastErr(e)
	}
	return int(int32(r)), nil
}

// Accept takes a connection; a socket accepted from a non-blocking one is
// non-blocking too, and made non-inheritable here.
func Accept(fd int) (int, Sockaddr, error) {
	var rsa windows.RawSockaddrAny
	l := int32(unsafe.Sizeof(rsa))
	r, _, e := procAccept.Call(uintptr(fd), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l)))
	s := windows.Handle(r)
	if s == windows.InvalidHandle {
		return -1, nil, lastErr(e)
	}
	windows.SetHandleInformation(s, windows.HANDLE_FLAG_INHERIT, 0)
	if err := setNonblock(s); err != nil {
		windows.Closesocket(s)
		return -1, nil, err
	}
	sa, err := rsa.Sockaddr()
	if err != nil {
		sa = nil
	}
	return int(s), sa, nil
}

// Socketpair is CPython's socket.socketpair on Windows, which has none: a
// listening socket on the loopback, a connection to it, and the accepted
// end.
func Socketpair(family, typ, proto int) ([2]int, error) {
	fds := [2]int{-1, -1}
	if family != AF_INET && family != AF_INET6 {
		return fds, errors.New("Only AF_INET and AF_INET6 socket address families are supported")
	}
	if typ != SOCK_STREAM {
		return fds, errors.New("Only SOCK_STREAM socket type is supported")
	}
	l, err := Socket(family, typ, proto)
	if err != nil {
		return fds, err
	}
	defer Close(l)
	var addr Sockaddr = &SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
	if family == AF_INET6 {
		addr = &SockaddrInet6{Addr: [16]byte{15: 1}}
	}
	if err := Bind(l, addr); err != nil {
		return fds, err
	}
	if err := Listen(l, 1); err != nil {
		return fds, err
	}
	if addr, err = Getsockname(l); err != nil {
		return fds, err
	}
	c, err := Socket(family, typ, proto)
	if err != nil {
		return fds, err
	}
	if err := Connect(c, addr); err != nil && !ConnectPending(err) {
		Close(c)
		return fds, err
	}
	for {
		a, _, err := Accept(l)
		if err == nil {
			return [2]int{a, c}, nil
		}
		if !WouldBlock(err) {
			Close(c)
			return fds, err
		}
		if err := WaitAny([]PollFd{{Fd: l, Events: PollIn}}, deadlineIn(5), nil); err != nil {
			Close(c)
			return fds, err
		}
	}
}

// Identify reads a socket's family (from getsockname) and type; CPython on
// Windows reads the protocol from SO_PROTOCOL_INFO, which is 0 for the
// usual sockets' default protocol.
func Identify(fd int) (family, typ, proto int, err error) {
	if typ, err = windows.GetsockoptInt(h(fd), SOL_SOCKET, soType); err != nil {
		return
	}
	sa, err := windows.Getsockname(h(fd))
	switch sa.(type) {
	case *windows.SockaddrInet4:
		family = AF_INET
	case *windows.SockaddrInet6:
		family = AF_INET6
	default:
		family, err = AF_INET, nil // not bound yet: getsockname fails
	}
	return family, typ, 0, nil
}

// IsClosed reports the error of a wait on a Conn closed meanwhile.
func IsClosed(err error) bool { return errors.Is(err, os.ErrClosed) }
