package socket_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"netlua/internal/sockos"
)

// TestTimeouts: settimeout makes a waiting call raise TimeoutError "timed
// out" (socket.timeout is TimeoutError), gettimeout/getblocking report the
// mode as CPython does, and the default timeout reaches new and accepted
// sockets.
func TestTimeouts(t *testing.T) {
	got := run(t, server+`
print(srv:gettimeout(), srv:getblocking(), srv.timeout)
srv:settimeout(0.05)
print(srv:gettimeout(), srv:getblocking())
local t0 = os.clock()
local ok, e = pcall(srv.accept, srv)
print(ok, e, isinstance(e, socket.timeout), isinstance(e, TimeoutError), isinstance(e, OSError), e.errno)
srv:setblocking(false)
print(srv:gettimeout(), srv:getblocking())
srv:settimeout(nil)
print(srv:gettimeout(), srv:getblocking())
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(2.5)
print(socket.getdefaulttimeout(), socket.socket():gettimeout())
local c = socket.create_connection({"127.0.0.1", port})
local conn = srv:accept()
print(c:gettimeout(), conn:gettimeout())
socket.setdefaulttimeout(nil)
conn:settimeout(0.05)
local ok, e = pcall(conn.recv, conn, 10)
print(ok, e)
-- the timed-out socket works afterwards
c:send("late")
print(conn:recv(10))
`)
	expect(t, got,
		"nil\ttrue\tnil",
		"0.05\ttrue",
		"false\ttimed out\ttrue\ttrue\ttrue\tnil",
		"0\tfalse",
		"nil\ttrue",
		"nil",
		"2.5\t2.5",
		"2.5\t2.5",
		"false\ttimed out",
		"late",
	)
}

// TestNonBlocking: settimeout(0) turns waits into BlockingIOError
// [Errno 11], and connect into [Errno 115] (connect_ex returns 115).
func TestNonBlocking(t *testing.T) {
	got := run(t, server+`
srv:setblocking(false)
local ok, e = pcall(srv.accept, srv)
print(e, isinstance(e, BlockingIOError), e.errno)
local c = socket.socket()
c:setblocking(false)
local ok, e = pcall(c.connect, c, {"127.0.0.1", port})
print(e)
local c2 = socket.socket()
c2:setblocking(false)
print(c2:connect_ex({"127.0.0.1", port}))
-- accept succeeds once the connection is queued
local conn
for i = 1, 1000 do
  local ok, r = pcall(srv.accept, srv)
  if ok then conn = r break end
end
conn:setblocking(false)
print(select(2, pcall(conn.recv, conn, 10)))
local u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u:setblocking(false)
print(select(2, pcall(u.recvfrom, u, 10)))
`)
	expect(t, got,
		"[Errno 11] Resource temporarily unavailable\ttrue\t"+strconv.Itoa(int(sockos.EAGAIN)),
		"[Errno 115] Operation now in progress",
		strconv.Itoa(errnoConnectPending),
		"[Errno 11] Resource temporarily unavailable",
		"[Errno 11] Resource temporarily unavailable",
	)
}

// TestConnectErrors: refused connections raise ConnectionRefusedError and
// connect_ex returns 111, as in CPython; a successful one returns 0.
func TestConnectErrors(t *testing.T) {
	got := run(t, server+`
srv:close()
local ok, e = pcall(function() socket.socket():connect({"127.0.0.1", port}) end)
print(e, isinstance(e, ConnectionRefusedError), isinstance(e, ConnectionError))
print(socket.socket():connect_ex({"127.0.0.1", port}))
local ok, e = pcall(socket.create_connection, {"127.0.0.1", port})
print(e)
local l = socket.socket() l:bind({"127.0.0.1", 0}) l:listen()
print(socket.socket():connect_ex(l:getsockname()))
local closed = socket.socket() closed:close()
print(closed:connect_ex(l:getsockname()))
`)
	expect(t, got,
		"[Errno 111] Connection refused\ttrue\ttrue",
		strconv.Itoa(int(sockos.ECONNREFUSED)),
		"[Errno 111] Connection refused",
		"0",
		strconv.Itoa(int(sockos.EClosed)),
	)
}

// TestInterruptAcceptRecv: Ctrl-C (rt.Interrupt from another goroutine)
// ends a blocked accept and a blocked recv with KeyboardInterrupt, and the
// same sockets work afterwards, blocking again without limit.
func TestInterruptAcceptRecv(t *testing.T) {
	rt := newRT(t)
	interruptSoon := func() {
		go func() {
			time.Sleep(50 * time.Millisecond)
			rt.Interrupt()
		}()
	}
	if err := rt.RunString(`
srv = socket.socket()
srv:bind({"127.0.0.1", 0})
srv:listen()
port = srv:getsockname()[2]
c = socket.socket()`, "setup"); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ src, want string }{
		{`local ok, e = pcall(srv.accept, srv) print(ok, e, isinstance(e, KeyboardInterrupt))`, "false\t\ttrue\n"},
		{`c:connect({"127.0.0.1", port}) conn = srv:accept() print("accepted")`, "accepted\n"},
		{`local ok, e = pcall(conn.recv, conn, 10) print(ok, isinstance(e, KeyboardInterrupt))`, "false\ttrue\n"},
		{`go(function() c:send("after") end) print(conn:recv(10)) join()`, "after\n"},
	} {
		before := len(rt.Stdout.String())
		if step.want == "false\t\ttrue\n" || step.want == "false\ttrue\n" {
			interruptSoon()
		}
		start := time.Now()
		if err := rt.RunString(step.src, "test"); err != nil {
			t.Fatalf("%s: %v", step.src, err)
		}
		if got := rt.Stdout.String()[before:]; got != step.want {
			t.Errorf("%s: got %q, want %q", step.src, got, step.want)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s took %v", step.src, d)
		}
	}
}

// TestManyBlockedRecv: 200 threads blocked in recv at once, then all
// released by data on their connections.
func TestManyBlockedRecv(t *testing.T) {
	const n = 200
	got := run(t, fmt.Sprintf(`
local pairs_ = {}
for i = 1, %d do
  local a, b = socket.socketpair()
  pairs_[i] = {a, b}
end
local results = {}
for i = 1, %d do
  go(function() results[i] = pairs_[i][2]:recv(16) end)
end
for i = 1, %d do pairs_[i][1]:send("msg" .. i) end
join()
local ok = 0
for i = 1, %d do if results[i] == "msg" .. i then ok = ok + 1 end end
print(ok)
`, n, n, n, n))
	expect(t, got, fmt.Sprint(n))
}

// TestCloseWhileBlocked: closing a socket from another thread ends a recv
// blocked on it with [Errno 9] Bad file descriptor.
func TestCloseWhileBlocked(t *testing.T) {
	got := run(t, `
local a, b = socket.socketpair()
go(function()
  local ok, e = pcall(b.recv, b, 10)
  result = tostring(e)
end)
-- let the thread block: a short sleep through a timed-out recv on a
local p, q = socket.socketpair()
q:settimeout(0.1)
pcall(q.recv, q, 1)
b:close()
join()
print(result)
print(tostring(b))
`)
	expect(t, got, "[Errno 9] Bad file descriptor", "<socket.socket [closed] fd=-1, family="+pf+", type=1, proto=0>")
}
