//go:build darwin || freebsd

package sockos

import "golang.org/x/sys/unix"

// noSigpipe sets SO_NOSIGPIPE, macOS's and FreeBSD's per-socket way of
// turning SIGPIPE into EPIPE.
func noSigpipe(fd int) { unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_NOSIGPIPE, 1) }
