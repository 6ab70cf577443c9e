package hardening

import (
	"os"
	"runtime"
	"testing"
	"time"

	"netlua/bindings/selectors"
	"netlua/bindings/socket"
	"netlua/bindings/threading"
	ntime "netlua/bindings/time"
	"netlua/interp"
	"netlua/interp/interptest"
	"netlua/stdlib/pystruct"
	"netlua/stdlib/socketserver"
)

// modules are what the snippets import, as globals of the same names.
var modules = []*interp.Module{socket.Module, threading.Module, ntime.Module, selectors.SelectModule, pystruct.Module, socketserver.Module}

func newRuntime(t testing.TB) *interptest.Runtime { return interptest.New(t, modules...) }

// resources counts what a leak would leave behind: open descriptors of the
// test process and goroutines (each Lua thread and each waiting socket
// operation is one).
type resources struct{ fds, goroutines int }

func count(t testing.TB) resources {
	t.Helper()
	return resources{openHandles(t), runtime.NumGoroutine()}
}

// baseline records the resources before a test and registers a check that
// they come back to it: threads and closed sockets take a moment to go, so
// the check waits, up to 5 s. It never runs the garbage collector, which
// would close forgotten sockets through their finalizers and hide a missing
// close().
func baseline(t *testing.T) {
	t.Helper()
	before := count(t)
	t.Cleanup(func() {
		if t.Failed() {
			return // the failure already says what went wrong
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			now := count(t)
			if now.fds <= before.fds && now.goroutines <= before.goroutines {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 16<<10)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("leak: %d fds and %d goroutines before, %d and %d 5 s after the test\nfds: %s\n%s",
					before.fds, before.goroutines, now.fds, now.goroutines, openFiles(), buf)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// TestMain starts Go's network poller (its epoll descriptor and wake-up
// pipe stay open for the life of the process), and the readiness hub that
// select.select waits through (its epoll descriptor and goroutine too),
// before any baseline is taken.
func TestMain(m *testing.M) {
	rt := interp.New(socket.Module, selectors.SelectModule)
	if err := rt.RunString(`local s = require("socket").socket() s:settimeout(0.001) pcall(s.accept, s)
		local a, b = require("socket").socketpair() require("select").select({a}, {}, {}, 0.001) a:close() b:close() s:close()`, "warmup"); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// TestUnreachableSocketsAreFinalized: sockets dropped without close() are
// closed by their finalizers once Lua's collectgarbage() (which runs Go's
// collector) and a further runtime.GC() have run.
func TestUnreachableSocketsAreFinalized(t *testing.T) {
	before := count(t)
	rt := newRuntime(t)
	out := interptest.Lines(runOK(t, rt, `
local srv = socket.socket()
srv:bind({"127.0.0.1", 0})
srv:listen(5)
for i = 1, 20 do
  local c = socket.create_connection(srv:getsockname())
  local conn = srv:accept()
  conn:send("x")
end
srv = nil
collectgarbage()
print("dropped")
`))
	if len(out) != 1 || out[0] != "dropped" {
		t.Fatalf("output %q", out)
	}
	// Locals stay in the chunk's registry until it returns, so most of
	// the 41 sockets are still open here: the loop below is the finalizers'.
	t.Logf("%d fds open after the chunk (baseline %d)", count(t).fds, before.fds)
	deadline := time.Now().Add(5 * time.Second)
	for count(t).fds > before.fds {
		if time.Now().After(deadline) {
			t.Fatalf("%d fds still open 5 s after collectgarbage, baseline %d", count(t).fds, before.fds)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// runOK runs src on rt's main thread, failing the test on a Lua error.
func runOK(t *testing.T, rt *interptest.Runtime, src string) string {
	t.Helper()
	if err := rt.RunString(src, "test"); err != nil {
		t.Fatalf("lua error: %s\nstdout:\n%s", interp.FromLuaError(rt.Runtime, err).Report(), rt.Stdout)
	}
	rt.WaitThreads()
	return rt.Stdout.String()
}
