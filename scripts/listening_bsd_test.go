//go:build darwin || freebsd

package scripts

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// waitListening waits until a socket listens on TCP port or is bound to UDP
// port, read from netstat (BSD's shows 127.0.0.1.PORT) so that no probe
// connection is taken for a client.
func waitListening(t *testing.T, port int) {
	t.Helper()
	suffix := fmt.Sprintf(".%d", port)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		out, _ := exec.Command("netstat", "-an").Output()
		for _, line := range strings.Split(string(out), "\n") {
			f := strings.Fields(line)
			if len(f) < 4 || !strings.HasSuffix(f[3], suffix) {
				continue
			}
			if strings.HasPrefix(f[0], "udp") || strings.Contains(line, "LISTEN") {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("nothing listening on %d", port)
}
