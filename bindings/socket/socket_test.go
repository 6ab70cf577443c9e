package socket_test

import (
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/bindings/socket"
	"netlua/interp"
	"netlua/interp/interptest"
)

// newRT makes a runtime with the socket module and two globals standing in
// for the threading module (another package): go(f, ...) starts f(...) in
// a new thread, join() waits up to 10 s for every thread started so far.
func newRT(t *testing.T) *interptest.Runtime {
	t.Helper()
	return newRTWith(t)
}

// newRTWith is newRT with more modules imported (time, for a sleep).
func newRTWith(t *testing.T, modules ...*interp.Module) *interptest.Runtime {
	t.Helper()
	rt := interptest.New(t, append([]*interp.Module{socket.Module}, modules...)...)
	var threads []*interp.Thread
	rt.L.SetGlobal("go", rt.L.NewFunction(func(L *lua.LState) int {
		th := rt.NewThread("", false)
		var args []lua.LValue
		for i := 2; i <= L.GetTop(); i++ {
			args = append(args, L.Get(i))
		}
		th.Start(L.CheckFunction(1), args...)
		threads = append(threads, th)
		return 0
	}))
	rt.L.SetGlobal("join", rt.L.NewFunction(func(L *lua.LState) int {
		for len(threads) > 0 {
			th := threads[0]
			threads = threads[1:]
			ok := true
			interp.Block(L, nil, func() {
				select {
				case <-th.Done():
				case <-time.After(10 * time.Second):
					ok = false
				}
			})
			if !ok {
				L.RaiseError("join: thread %s still running after 10 s", th.Name)
			}
		}
		return 0
	}))
	return rt
}

// run runs a Lua snippet with the socket module imported and returns its
// output lines; an error fails the test.
func run(t *testing.T, src string) []string {
	t.Helper()
	rt := newRT(t)
	if err := rt.RunString(src, "test"); err != nil {
		t.Fatalf("lua error: %s\nstdout:\n%s", interp.FromLuaError(rt.Runtime, err).Report(), rt.Stdout)
	}
	rt.WaitThreads()
	if e := rt.Stderr.String(); e != "" {
		t.Errorf("stderr:\n%s", e)
	}
	return interptest.Lines(rt.Stdout.String())
}

// fails runs a snippet that must fail and returns the error's first line.
func fails(t *testing.T, src string) string {
	t.Helper()
	return interptest.Error(t, src, socket.Module)
}

// expect compares output lines with CPython's, written from Linux and
// turned into this platform's texts by socket.PlatformText.
func expect(t *testing.T, got []string, want ...string) {
	t.Helper()
	w := socket.PlatformText(strings.Join(want, "\n"))
	if strings.Join(got, "\n") != w {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), w)
	}
}

// TestReprInet is TestRepr's IP part, which applies on every platform.
func TestReprInet(t *testing.T) {
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
`)
	expect(t, got,
		"<socket.socket fd=N, family=2, type=1, proto=0, laddr=('0.0.0.0', 0)>",
		"<socket.socket fd=N, family=2, type=1, proto=0, laddr=('127.0.0.1', PORT)>",
		"<socket.socket [closed] fd=-1, family=2, type=1, proto=0>",
		"<socket.socket fd=N, family=10, type=1, proto=0, laddr=('::1', PORT, 0, 0)>",
	)
}

// TestRepr compares tostring with CPython 3.11's repr, written down from
// python3: fd, family, type, proto, then laddr and raddr with str().
func TestRepr(t *testing.T) {
	notOnWindows(t, "half of it is AF_UNIX reprs, which CPython has no socket for on Windows; TestReprInet covers the rest")
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
