//go:build unix

package hardening

import (
	"os"
	"strings"
	"testing"
)

// openHandles counts the process's open descriptors.
func openHandles(t testing.TB) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(ents)
}

// openFiles lists the open descriptors and what they are, for a report.
func openFiles() string {
	ents, _ := os.ReadDir("/proc/self/fd")
	var list []string
	for _, e := range ents {
		target, _ := os.Readlink("/proc/self/fd/" + e.Name())
		list = append(list, e.Name()+"->"+target)
	}
	return strings.Join(list, " ")
}
