package sockos

import "golang.org/x/sys/unix"

// SettleConnect tells the kernel that the caller saw a connection in
// progress on fd end (ConnectDone), as a blocking connect would have.
// Linux keeps a socket whose non-blocking connect finished in its
// "connecting" state until connect is called again: its next connect then
// succeeds silently where CPython's, after a blocking connect, raises
// EISCONN, and after a failure it answers ECONNABORTED where CPython's tries
// again. One more connect to the same address moves the socket to connected
// (it returns 0) or back to unconnected (ECONNABORTED); that result is not
// the caller's, whose outcome ConnectDone already gave.
func SettleConnect(fd int, sa Sockaddr) { unix.Connect(fd, sa) }
