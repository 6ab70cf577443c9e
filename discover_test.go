package main

import (
	"strings"
	"testing"
)

// netlua -h names the exercise command; netlua exercise -h and --help print
// the usage on standard output and exit 0, and the usage says which file
// start writes.
func TestHelpNamesSubcommands(t *testing.T) {
	out, _, code := runNetlua(t, "", "-h")
	if code != 0 || !strings.Contains(out, "netlua exercise") || !strings.Contains(out, "netlua exercise --help") {
		t.Errorf("netlua -h: status %d, output:\n%s", code, out)
	}
	for _, flag := range []string{"-h", "--help"} {
		out, errOut, code := runNetlua(t, "", "exercise", flag)
		if code != 0 || errOut != "" || !strings.HasPrefix(out, "usage: netlua exercise list") {
			t.Errorf("netlua exercise %s: status %d, stderr %q, stdout:\n%s", flag, code, errOut, out)
		}
		if !strings.Contains(out, "start      write NAME.lua") {
			t.Errorf("netlua exercise %s: the usage does not say which file start writes:\n%s", flag, out)
		}
	}
	// Asking for nothing is still a usage error.
	if _, errOut, code := runNetlua(t, "", "exercise"); code != 2 || !strings.Contains(errOut, "which command?") {
		t.Errorf("netlua exercise: status %d, stderr %q", code, errOut)
	}
}
