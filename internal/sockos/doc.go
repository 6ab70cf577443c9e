// Package sockos is the thin OS layer under netlua's socket and select
// modules: socket system calls on plain descriptor numbers, a Conn that waits
// for readiness without holding an OS thread, and a Set that waits on many
// descriptors at once. Everything above it (bindings/socket,
// bindings/selectors) is written once for every platform.
//
// Files by platform:
//   - sockos_unix.go: what every Unix shares (x/sys/unix), Conn on Go's poller.
//   - sockos_linux.go: Linux's fast paths (accept4, SOCK_NONBLOCK, send(2)
//     and recv(2) without an address).
//   - sockos_bsd.go: macOS and the BSDs, with only the portable calls
//     (socket then fcntl, accept then fcntl). The build tag netlua_bsd selects
//     it on Linux too, so CI runs this path for real.
//   - set_epoll.go, set_kqueue.go: Set on an epoll or kqueue descriptor,
//     which is itself registered with Go's poller.
//   - *_windows.go: Winsock, with one reactor goroutine in place of Go's
//     poller (see reactor_windows.go for why).
//
// Descriptors are ints everywhere (a Windows SOCKET fits), as Python's
// fileno() shows them.
package sockos

import (
	"syscall"
	"time"
)

// A Conn is one open socket registered for readiness waits. Its methods
// follow syscall.RawConn and *os.File: Read and Write call fn until it
// returns true, waiting for readiness between calls with no OS thread held,
// and fail with os.ErrDeadlineExceeded once the deadline for that direction
// passes (a deadline in the past ends a wait at once: it is how Ctrl-C
// reaches a blocked call). After Close, waits fail with an error for which
// IsClosed reports true.
type Conn interface {
	syscall.RawConn
	SetDeadline(t time.Time) error
	SetReadDeadline(t time.Time) error
	SetWriteDeadline(t time.Time) error
	Close() error
}

// Poll events for PollOnce, the same bits on every platform.
const (
	PollIn   = 0x1
	PollPri  = 0x2
	PollOut  = 0x4
	PollErr  = 0x8
	PollHup  = 0x10
	PollNval = 0x20
)

// A PollFd is one descriptor for PollOnce: Events asked, Revents found.
type PollFd struct {
	Fd      int
	Events  int
	Revents int
}
