//go:build unix

package socketserver_test

import "testing"

// needAFUnix does nothing on Unix, which has AF_UNIX.
func needAFUnix(t *testing.T) {}

// unixClasses is what TestUnixClasses prints: the classes' families.
const unixClasses = "true\ttrue\n"
