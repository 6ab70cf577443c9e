//go:build unix

package socket_test

import (
	"testing"

	"golang.org/x/sys/unix"

	"netlua/internal/sockos"
)

// errnoConnectPending is the errno of a non-blocking connect in progress.
var errnoConnectPending = int(sockos.EINPROGRESS)

// truncatedDatagram is what TestUDP prints for a 6-byte datagram received
// into 3 bytes: Unix truncates it.
const truncatedDatagram = "3\tabcgs\x00\x00\x00\t127.0.0.1\t8\t97\t0"

// notOnWindows skips a test that cannot apply on Windows; elsewhere it does
// nothing.
func notOnWindows(t *testing.T, why string) {}

// tempDir is t.TempDir.
func tempDir(t *testing.T) string { return t.TempDir() }

// errnoIsConn is EISCONN, connecting a connected socket.
var errnoIsConn = int(unix.EISCONN)
