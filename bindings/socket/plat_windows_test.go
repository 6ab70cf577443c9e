package socket_test

import (
	"os"
	"testing"

	"netlua/internal/sockos"
)

// errnoConnectPending is the errno of a non-blocking connect in progress:
// Winsock's connect says WSAEWOULDBLOCK.
var errnoConnectPending = int(sockos.EWOULDBLOCK)

// truncatedDatagram is what TestUDP prints for a 6-byte datagram received
// into 3 bytes: Winsock fails the receive with WSAEMSGSIZE, which CPython
// on Windows raises.
const truncatedDatagram = "[WinError 10040] A message sent on a datagram socket was larger than the internal message buffer or some other network limit, or the buffer used to receive a datagram into was smaller than the datagram itself"

// notOnWindows skips a test that cannot apply on Windows, saying why.
func notOnWindows(t *testing.T, why string) {
	t.Helper()
	t.Skip("not on Windows: " + why)
}

// tempDir is a temporary directory removed at the end as well as Wine
// allows: Wine 8 fails the call os.RemoveAll makes to delete a file
// ("unlinkat: Invalid function"), which t.TempDir reports as a failure.
func tempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "netlua-test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Logf("leaving %s: %v", dir, err)
		}
	})
	return dir
}

// errnoIsConn is WSAEISCONN, connecting a connected socket.
const errnoIsConn = 10056
