package socketserver_test

import "testing"

// needAFUnix skips a test of the Unix-socket servers, which CPython's
// socketserver defines only where there is AF_UNIX.
func needAFUnix(t *testing.T) {
	t.Helper()
	t.Skip("not on Windows: CPython has no AF_UNIX there, so socketserver has no Unix servers")
}

// unixClasses is what TestUnixClasses prints: there are none.
const unixClasses = "nil\tnil\n"
