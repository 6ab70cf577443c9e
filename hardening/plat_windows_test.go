package hardening

import "testing"

// notOnWindows skips a test that cannot apply on Windows, saying why.
func notOnWindows(t *testing.T, why string) {
	t.Helper()
	t.Skip("not on Windows: " + why)
}

// What CPython on Windows raises for a send after the peer's reset (Winsock
// keeps saying WSAECONNRESET; there is no EPIPE), a send after
// shutdown(SHUT_WR) and a recv after shutdown(SHUT_RD) (WSAESHUTDOWN, which
// CPython's errno map makes BrokenPipeError).
const (
	sendAfterReset    = "ConnectionResetError [WinError 10054] An existing connection was forcibly closed by the remote host"
	sendAfterShutdown = "BrokenPipeError [WinError 10058] A request to send or receive data was disallowed because the socket had already been shut down in that direction with a previous shutdown call"
	recvAfterShutdown = sendAfterShutdown
)
