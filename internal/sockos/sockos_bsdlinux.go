//go:build linux && netlua_bsd

package sockos

import "golang.org/x/sys/unix"

// The netlua_bsd build on Linux: Linux has no SO_NOSIGPIPE (Go's runtime
// handles SIGPIPE as on the BSDs), and has SO_PROTOCOL.
func noSigpipe(fd int) {}

func protocolOf(fd int) int {
	p, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_PROTOCOL)
	if err != nil {
		return 0
	}
	return p
}
