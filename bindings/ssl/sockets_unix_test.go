//go:build !windows

package ssl_test

import (
	"os"
	"strings"
	"testing"
)

// openSockets counts this process's open socket descriptors. Only sockets:
// the runtime and the test framework open other files at moments of their
// own choosing.
func openSockets(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Log("no /proc/self/fd here: the test cannot count sockets, so it does not check for leaked ones")
		return -1
	}
	n := 0
	for _, e := range entries {
		if target, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && strings.HasPrefix(target, "socket:") {
			n++
		}
	}
	return n
}
