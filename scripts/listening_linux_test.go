package scripts

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// waitListening waits until a socket listens on TCP port or is bound to UDP
// port, read from /proc/net so that no probe connection is taken for a client.
func waitListening(t *testing.T, port int) {
	t.Helper()
	hexPort := fmt.Sprintf(":%04X ", port)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6"} {
			data, _ := os.ReadFile(table)
			for _, line := range strings.Split(string(data), "\n")[1:] {
				fields := strings.Fields(line)
				if len(fields) < 4 || !strings.HasSuffix(fields[1]+" ", hexPort) {
					continue
				}
				if strings.Contains(table, "udp") || fields[3] == "0A" { // 0A: LISTEN
					return
				}
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("nothing listening on %d", port)
}
