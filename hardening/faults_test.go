package hardening

import (
	"strconv"
	"strings"
	"testing"

	"netlua/internal/sockos"
	"netlua/internal/sockos/sockostest"
	"netlua/interp/interptest"
)

// pair is a prologue: a listening socket and one accepted connection
// (c the client, conn the server's end), all on loopback and a free port.
// They are globals, not locals: gopher-lua 1.1.2 closes every open upvalue
// of the calling frames when an error is raised under pcall (LState.
// raiseError calls closeAllUpvalues), so a local function such as closeall
// would keep seeing the sockets c and conn held before the first pcall
// that failed, and leave the ones assigned after open.
const pair = `
srv = socket.socket()
srv:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv:bind({"127.0.0.1", 0})
srv:listen(5)
port = srv:getsockname()[2]
c = socket.create_connection({"127.0.0.1", port})
conn = srv:accept()
local function fail(f, ...)
  local ok, e = pcall(f, ...)
  if ok then return "no error" end
  return class_name(e) .. " " .. tostring(e)
end
function class_name(e)
  for _, cls in ipairs({ConnectionResetError, BrokenPipeError, ConnectionRefusedError, TimeoutError, KeyboardInterrupt, OSError}) do
    if isinstance(e, cls) then return cls.__name end
  end
  return type(e)
end
local function closeall() c:close() conn:close() srv:close() end
`

// lingerZero makes close() send a reset (RST) instead of a FIN.
const lingerZero = `struct.pack("ii", 1, 0)`

func faultCase(t *testing.T, src string, want ...string) {
	t.Helper()
	baseline(t)
	rt := newRuntime(t)
	// The snippets and expectations are written from CPython on Linux;
	// PlatformText gives CPython's texts on this platform.
	got := interptest.Lines(runOK(t, rt, pair+sockostest.PlatformText(src)))
	w := sockostest.PlatformText(strings.Join(want, "\n"))
	if strings.Join(got, "\n") != w {
		t.Errorf("got:\n%s\nwant:\n%s\nstderr:\n%s", strings.Join(got, "\n"), w, rt.Stderr)
	}
}

// TestPeerResetsMidSend: the peer closes with SO_LINGER 0 (a reset) while a
// thread is blocked in a large sendall it never reads. The send fails with
// ConnectionResetError or, if the reset came between two sends,
// BrokenPipeError; the next send is BrokenPipeError [Errno 32]. A recv
// blocked when the reset arrives raises [Errno 104].
func TestPeerResetsMidSend(t *testing.T) {
	faultCase(t, `
local result
local th = threading.Thread{target = function()
  result = fail(conn.sendall, conn, string.rep("x", 16 * 1024 * 1024))
end}
th:start()
time.sleep(0.1)
c:setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, `+lingerZero+`)
c:close()
th:join(5)
print(th:is_alive(), result == "ConnectionResetError [Errno 104] Connection reset by peer"
  or result == "BrokenPipeError [Errno 32] Broken pipe" or result)
print(fail(conn.send, conn, "more"))
closeall()
`,
		"false\ttrue",
		sendAfterReset,
	)
}

// TestPeerResetsBlockedRecv: a recv blocked when the peer's reset arrives
// raises ConnectionResetError [Errno 104].
func TestPeerResetsBlockedRecv(t *testing.T) {
	notOnWindows(t, "Wine 8 ends the blocked recv with end of stream where Windows reports WSAECONNRESET, so what it shows is not Windows' behaviour")
	faultCase(t, `
threading.Thread{target = function()
  time.sleep(0.05)
  c:setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, `+lingerZero+`)
  c:close()
end}:start()
print(fail(conn.recv, conn, 10))
closeall()
`,
		"ConnectionResetError [Errno 104] Connection reset by peer",
	)
}

// TestPeerClosesMidRecv: data that arrived before the peer's close is
// returned, then recv returns "" (end of stream), every time after.
func TestPeerClosesMidRecv(t *testing.T) {
	faultCase(t, `
threading.Thread{target = function() c:send("abc") time.sleep(0.05) c:close() end}:start()
print(conn:recv(100))
print(conn:recv(100) == "", conn:recv(100) == "")
local f = conn:makefile("rb")
print(f:read() == "")
f:close()
closeall()
`,
		"abc",
		"true\ttrue",
		"true",
	)
}

// TestConnectToClosedPort: a port whose socket was just closed refuses:
// ConnectionRefusedError [Errno 111], through connect, create_connection
// and connect_ex (which returns 111).
func TestConnectToClosedPort(t *testing.T) {
	faultCase(t, `
local l = socket.socket()
l:bind({"127.0.0.1", 0})
local dead = l:getsockname()[2]
l:close()
local s = socket.socket()
print(fail(s.connect, s, {"127.0.0.1", dead}))
s:close()
print(fail(socket.create_connection, {"127.0.0.1", dead}))
s = socket.socket()
print(s:connect_ex({"127.0.0.1", dead}))
s:close()
closeall()
`,
		"ConnectionRefusedError [Errno 111] Connection refused",
		"ConnectionRefusedError [Errno 111] Connection refused",
		strconv.Itoa(int(sockos.ECONNREFUSED)),
	)
}

// TestTimeoutDuringPartialSendall: sendall of more than the buffers hold,
// to a peer that does not read, with a timeout: part is sent, then
// TimeoutError "timed out" within the timeout (bounded here at 2 s), and the
// bytes already sent reach the peer intact.
func TestTimeoutDuringPartialSendall(t *testing.T) {
	faultCase(t, `
c:settimeout(0.2)
local t0 = time.monotonic()
print(fail(c.sendall, c, string.rep("y", 32 * 1024 * 1024)))
local took = time.monotonic() - t0
print(took >= 0.19, took < 2)
c:close()
local n, bad = 0, false
while true do
  local d = conn:recv(65536)
  if d == "" then break end
  n = n + #d
  if d:find("[^y]") then bad = true end
end
print(n > 0, n < 32 * 1024 * 1024, bad)
closeall()
`,
		"TimeoutError timed out",
		"true\ttrue",
		"true\ttrue\tfalse",
	)
}

// TestShutdownThenUse: after SHUT_WR a send is BrokenPipeError [Errno 32]
// and the peer sees end of stream; after SHUT_RD recv returns ""; after
// close every call is [Errno 9].
func TestShutdownThenUse(t *testing.T) {
	faultCase(t, `
c:shutdown(socket.SHUT_WR)
print(fail(c.send, c, "x"))
print(fail(c.sendall, c, "x"))
print(conn:recv(10) == "")
conn:send("still open the other way")
print(c:recv(100))
c:shutdown(socket.SHUT_RD)
local ok, r = pcall(c.recv, c, 10)
print(ok and r == "" or class_name(r) .. " " .. tostring(r))
c:close()
print(fail(c.send, c, "x"))
print(fail(c.recv, c, 1))
print(fail(c.shutdown, c, socket.SHUT_RDWR))
closeall()
`,
		sendAfterShutdown,
		sendAfterShutdown,
		"true",
		"still open the other way",
		recvAfterShutdown,
		"OSError [Errno 9] Bad file descriptor",
		"OSError [Errno 9] Bad file descriptor",
		"OSError [Errno 9] Bad file descriptor",
	)
}

// TestCloseWhileBlockedInAnotherThread: closing a socket that another
// thread is blocked on (recv, accept, sendall) makes the blocked call raise
// [Errno 9] at once (well within 1 s), as CPython's close does.
func TestCloseWhileBlockedInAnotherThread(t *testing.T) {
	faultCase(t, `
local function blocked(sock, f, ...)
  local args = {...}
  local result, took
  local th = threading.Thread{target = function()
    local t0 = time.monotonic()
    result = fail(f, sock, unpack(args))
    took = time.monotonic() - t0
  end}
  th:start()
  time.sleep(0.1)
  local t1 = time.monotonic()
  sock:close()
  th:join(5)
  print(th:is_alive(), result, took < 1, time.monotonic() - t1 < 1)
end
blocked(conn, conn.recv, 10)
c:close()
c = socket.create_connection({"127.0.0.1", port})
conn = srv:accept()
blocked(c, c.sendall, string.rep("z", 32 * 1024 * 1024))
blocked(srv, srv.accept)
conn:close()
`,
		"false\tOSError [Errno 9] Bad file descriptor\ttrue\ttrue",
		"false\tOSError [Errno 9] Bad file descriptor\ttrue\ttrue",
		"false\tOSError [Errno 9] Bad file descriptor\ttrue\ttrue",
	)
}

// TestErrorInHandlerThread: an error raised in a handler thread is reported
// as Python reports it ("Exception in thread Thread-N:" and the error), ends
// only that thread, and the server goes on answering the next clients.
func TestErrorInHandlerThread(t *testing.T) {
	baseline(t)
	rt := newRuntime(t)
	out := runOK(t, rt, pair+`
local function handle(sock)
  local d = sock:recv(100)
  if d == "boom" then sock:close() error("handler failed on " .. d) end
  sock:sendall(d)
  sock:close()
end
threading.Thread{target = handle, args = {conn}}:start()
c:send("boom")
print(c:recv(10) == "")
c:close()
for i = 1, 3 do
  local c2 = socket.create_connection({"127.0.0.1", port})
  threading.Thread{target = handle, args = {(srv:accept())}}:start()
  c2:send("hello " .. i)
  print(c2:recv(100))
  c2:close()
end
srv:close()
`)
	if want := "true\nhello 1\nhello 2\nhello 3\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	errs := rt.Stderr.String()
	if !strings.Contains(errs, "Exception in thread Thread-1:\n") || !strings.Contains(errs, "handler failed on boom") ||
		strings.Count(errs, "Exception in thread") != 1 {
		t.Errorf("stderr %q: want one report for Thread-1", errs)
	}
}
