//go:build !linux

package sockos

// SettleConnect does nothing: the BSDs and Winsock move a socket to
// connected, or back to unconnected, when its connection ends, whether or
// not connect is called again (see connect_linux.go).
func SettleConnect(fd int, sa Sockaddr) {}
