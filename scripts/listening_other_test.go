//go:build !linux

package scripts

import (
	"fmt"
	"net"
	"testing"
	"time"
)

// waitListening waits until a socket is bound to TCP or UDP port on
// loopback, seen by trying to bind it: there is no /proc/net to read, and a
// probe connection would take the place of a client. (The moment between a
// server's bind and its listen is too short to matter.)
func waitListening(t *testing.T, port int) {
	t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return
		}
		l.Close()
		p, err := net.ListenPacket("udp", addr)
		if err != nil {
			return
		}
		p.Close()
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("nothing listening on %d", port)
}
