//go:build unix

package hardening

import "testing"

// notOnWindows does nothing on Unix.
func notOnWindows(t *testing.T, why string) {}

// What CPython on Linux raises for a send after the peer's reset, a send
// after shutdown(SHUT_WR), and what recv returns after shutdown(SHUT_RD).
const (
	sendAfterReset    = "BrokenPipeError [Errno 32] Broken pipe"
	sendAfterShutdown = "BrokenPipeError [Errno 32] Broken pipe"
	recvAfterShutdown = "true" // the end of the stream, ""
)
