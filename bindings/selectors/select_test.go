package selectors

import (
	"fmt"
	"testing"
	"time"

	"netlua/bindings/socket"
	"netlua/bindings/threading"
	nltime "netlua/bindings/time"
	"netlua/interp"
	"netlua/interp/interptest"
)

// The tests here use sockets only, so they run on every platform (on
// Windows, select works on sockets alone, as in CPython).

func run(t *testing.T, src string) string {
	t.Helper()
	return interptest.Run(t, src, SelectModule, SelectorsModule, socket.Module)
}

func TestSelectSockets(t *testing.T) {
	// A listening socket is readable when a client is waiting to be
	// accepted; a connected socket when data arrived.
	out := run(t, `
local srv = socket.socket()
srv:bind({"127.0.0.1", 0})
srv:listen()
local rr = select.select({srv}, {}, {}, 0)
print(#rr)
local cli = socket.create_connection(srv:getsockname())
rr = select.select({srv}, {}, {}, 2)
print(#rr, rr[1] == srv)
local conn = srv:accept()
local _, ww = select.select({}, {cli}, {}, 0)
print(ww[1] == cli)
cli:sendall("hello")
rr = select.select({conn, srv}, {}, {}, 2)
print(#rr, rr[1] == conn, conn:recv(10))

local sel = selectors.DefaultSelector()
local key = sel:register(conn, selectors.EVENT_READ, "conn data")
print(key.fileobj == conn, key.fd == conn:fileno(), key.data)
cli:sendall("again")
for _, ev in ipairs(sel:select(2)) do
  local k, mask = unpack(ev)
  print(k.data, mask, k.fileobj:recv(10))
end
-- a closed socket (fileno -1) is still found by identity
conn:close()
print(sel:unregister(conn) == key, next(sel:get_map()))
sel:close() cli:close() srv:close()
`)
	want := "0\n1\ttrue\ntrue\n1\ttrue\thello\ntrue\ttrue\tconn data\nconn data\t1\tagain\ntrue\tnil\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// The module may replace Lua's select in the globals (the REPL imports it
// there); Lua's select('#', ...) must keep working through it.
func TestModuleCallsLuaSelect(t *testing.T) {
	out := interptest.Run(t, `
		local function count(...) return select("#", ...) end
		print(count(1, nil, 3), select(2, "a", "b", "c"))
		print(type(select.select))`, SelectModule)
	if want := "3\tb\tc\nfunction\n"; out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}

// TestInterruptSockets: Ctrl-C ends a select.select and a selector's
// select waiting on sockets with KeyboardInterrupt; the thread goes on and
// the selector still works.
func TestInterruptSockets(t *testing.T) {
	rt := interptest.New(t, SelectModule, SelectorsModule, socket.Module, nltime.Module)
	timer := time.AfterFunc(100*time.Millisecond, rt.Interrupt)
	err := rt.RunString(`
a, b = socket.socketpair()
local ok, e = pcall(select.select, {a}, {}, {})
print(ok, isinstance(e, KeyboardInterrupt))
sel = selectors.DefaultSelector()
sel:register(a, selectors.EVENT_READ)
`, "test")
	if err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	timer = time.AfterFunc(100*time.Millisecond, rt.Interrupt)
	defer timer.Stop()
	err = rt.RunString(`
local ok, e = pcall(sel.select, sel, 30)
print(ok, isinstance(e, KeyboardInterrupt))
local t0 = time.monotonic()
print(#sel:select(0.05), time.monotonic() - t0 >= 0.05)
b:send("x")
print(#sel:select(5), #select.select({a}, {}, {}, 5))
`, "test")
	if err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	if got := rt.Stdout.String(); got != "false\ttrue\nfalse\ttrue\n0\ttrue\n1\t1\n" {
		t.Errorf("got %q", got)
	}
}

// TestSelectorPlatformClass: DefaultSelector is CPython's class for the
// platform (EpollSelector on Linux, KqueueSelector on macOS and the BSDs,
// SelectSelector on Windows), reachable by that name too; closing it
// makes select raise CPython's error.
func TestSelectorPlatformClass(t *testing.T) {
	out := run(t, fmt.Sprintf(`
local sel = selectors.%s()
print((tostring(sel):gsub(" at .*", ">")))
sel:close()
print(select(2, pcall(sel.select, sel, 0)))
`, selectorClass))
	want := fmt.Sprintf("<selectors.%s object>\nselect(): %s\n", selectorClass, closedMessage)
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestManyThreadsInSelectSockets: 300 threads wait in select.select on one
// socket and a selector wait beside them; one byte wakes every one (the
// hub wakes all the waiters of a descriptor), and a selector closed while a
// thread waits in it ends that wait with no events.
func TestManyThreadsInSelectSockets(t *testing.T) {
	out := interptest.Run(t, `
local a, b = socket.socketpair()
local n, waiting, woken = 300, 0, 0
local lock = threading.Lock()
local threads = {}
for i = 1, n do
  threads[i] = threading.Thread{target = function()
    lock:acquire() waiting = waiting + 1 lock:release()
    local r = select.select({a}, {}, {}, 30)
    if r[1] == a then lock:acquire() woken = woken + 1 lock:release() end
  end}
  threads[i]:start()
end
local sel = selectors.DefaultSelector()
sel:register(a, selectors.EVENT_WRITE + selectors.EVENT_READ)
sel:modify(a, selectors.EVENT_READ)
local got = "not yet"
local st = threading.Thread{target = function() local c, d = socket.socketpair() local s2 = selectors.DefaultSelector() s2:register(c, selectors.EVENT_READ) closer = s2 got = #s2:select(30) end}
st:start()
while waiting < n or closer == nil do time.sleep(0.01) end
time.sleep(0.2)
closer:close()
st:join()
print("closed selector wait:", got)
b:send("x")
for _, th in ipairs(threads) do th:join() end
print("woken", woken)
print(#sel:select(5))
`, SelectModule, SelectorsModule, socket.Module, threading.Module, nltime.Module)
	if want := "closed selector wait:\t0\nwoken\t300\n1\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
