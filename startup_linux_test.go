package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// internal/prefault only helps if it runs before the packages whose
// initialisation touches fresh heap (os, unicode, gopher-lua, ...): Go's
// initialisation order puts it right after syscall as long as it imports
// nothing else. GODEBUG=inittrace=1 prints the order the binary really uses.
func TestPrefaultInitialisesEarly(t *testing.T) {
	cmd := exec.Command(netlua, "-e", "")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	order := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			order[f[1]] = i
		}
	}
	pre, ok := order["netlua/internal/prefault"]
	if !ok {
		t.Fatalf("netlua/internal/prefault is not initialised:\n%s", out)
	}
	for _, later := range []string{"os", "unicode", "github.com/yuin/gopher-lua", "netlua/interp"} {
		if at, ok := order[later]; !ok || at < pre {
			t.Errorf("%s is initialised before netlua/internal/prefault (or not at all):\n%s", later, out)
		}
	}
}
