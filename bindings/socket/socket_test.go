package socket_test

import (
	"strings"
	"testing"

	"netlua/bindings/socket"
	"netlua/interp/interptest"
)

// run runs a Lua snippet with the socket module imported and returns its
// output lines.
func run(t *testing.T, src string) []string {
	t.Helper()
	return interptest.Lines(interptest.Run(t, src, socket.Module))
}

// fails runs a snippet that must fail and returns the error's first line.
func fails(t *testing.T, src string) string {
	t.Helper()
	return interptest.Error(t, src, socket.Module)
}

func expect(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRepr compares tostring with CPython 3.11's repr, written down from
// python3: fd, family, type, proto, then laddr and raddr with str().
func TestRepr(t *testing.T) {
	got := run(t, `
local s = socket.socket()
print((tostring(s):gsub("fd=%d+", "fd=N")))
s:bind({"127.0.0.1", 0})
local port = s:getsockname()[2]
print((tostring(s):gsub("fd=%d+", "fd=N"):gsub(tostring(port), "PORT")))
s:close()
print(tostring(s))
local s6 = socket.socket(socket.AF_INET6)
s6:bind({"::1", 0})
print((tostring(s6):gsub("fd=%d+", "fd=N"):gsub(tostring(s6:getsockname()[2]), "PORT")))
local a, b = socket.socketpair()
print((tostring(a):gsub("fd=%d+", "fd=N")))
local u = socket.socket(socket.AF_UNIX)
u:bind("\0netlua-repr-test")
print((tostring(u):gsub("fd=%d+", "fd=N")))
print((tostring(socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)):gsub("fd=%d+", "fd=N")))
`)
	expect(t, got,
		"<socket.socket fd=N, family=2, type=1, proto=0, laddr=('0.0.0.0', 0)>",
		"<socket.socket fd=N, family=2, type=1, proto=0, laddr=('127.0.0.1', PORT)>",
		"<socket.socket [closed] fd=-1, family=2, type=1, proto=0>",
		"<socket.socket fd=N, family=10, type=1, proto=0, laddr=('::1', PORT, 0, 0)>",
		"<socket.socket fd=N, family=1, type=1, proto=0>",
		`<socket.socket fd=N, family=1, type=1, proto=0, laddr=b'\x00netlua-repr-test'>`,
		"<socket.socket fd=N, family=1, type=2, proto=0>",
	)
}
