package sockos

import "golang.org/x/sys/unix"

// protocolOf reads SO_PROTOCOL, as CPython does where it exists.
func protocolOf(fd int) int {
	p, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_PROTOCOL)
	if err != nil {
		return 0
	}
	return p
}
