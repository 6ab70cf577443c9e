package socket_test

import (
	"regexp"
	"strings"
	"testing"

	"netlua/interp"
)

// traced runs src and returns its trace (standard error) with descriptor
// numbers and ephemeral ports masked, so expectations do not depend on them.
func traced(t *testing.T, src string) string {
	t.Helper()
	rt := newRT(t)
	if err := rt.RunString(src, "test"); err != nil {
		t.Fatalf("lua error: %s\nstderr:\n%s", interp.FromLuaError(rt.Runtime, err).Report(), rt.Stderr)
	}
	rt.WaitThreads()
	return mask(rt.Stderr.String())
}

var (
	fdRE   = regexp.MustCompile(`fd=\d+`)
	portRE = regexp.MustCompile(`(127\.0\.0\.1|0\.0\.0\.0):\d+`)
)

// mask replaces descriptors by fd=N and ports by P, except the server's
// port 0 request, which the snippets never trace.
func mask(s string) string {
	s = fdRE.ReplaceAllString(s, "fd=N")
	return portRE.ReplaceAllString(s, "$1:P")
}

// threadLines returns the trace of one thread: its header lines, each
// followed by its dump lines.
func threadLines(trace, thread string) []string {
	var lines []string
	mine := false
	for _, line := range strings.Split(strings.TrimSuffix(trace, "\n"), "\n") {
		if strings.HasPrefix(line, "[trace ") {
			mine = strings.HasPrefix(line, "[trace "+thread+"] ")
		}
		if mine {
			lines = append(lines, line)
		}
	}
	return lines
}

// echo is a server thread that echoes one client, and a client that sends
// "hello" then " world" as two messages; the server reads with recv(1024),
// so each message is one traced recv.
const echo = `
local srv = socket.socket()
srv:bind({"127.0.0.1", 0})
srv:listen()
local port = srv:getsockname()[2]
%s
go(function()
  local conn = srv:accept()
  while true do
    local data = conn:recv(1024)
    if data == "" then break end
    conn:sendall(data)
  end
  conn:close()
end)
local c = socket.socket()
c:connect({"127.0.0.1", port})
%s
c:sendall("hello")
assert(c:recv(5) == "hello")
c:sendall(" world")
assert(c:recv(6) == " world")
c:close()
join()
srv:close()
`

func TestTraceEcho(t *testing.T) {
	trace := traced(t, strings.Replace(strings.Replace(echo, "%s", "socket.trace(true)", 1), "%s", "", 1))
	expect(t, threadLines(trace, "MainThread"),
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P connect",
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P sendall 5 bytes",
		"    68 65 6c 6c 6f                                   hello",
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P recv 5 bytes",
		"    68 65 6c 6c 6f                                   hello",
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P sendall 6 bytes",
		"    20 77 6f 72 6c 64                                 world",
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P recv 6 bytes",
		"    20 77 6f 72 6c 64                                 world",
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P close",
		"[trace MainThread] fd=N 127.0.0.1:P close")
	expect(t, threadLines(trace, "Thread-1"),
		"[trace Thread-1] fd=N 127.0.0.1:P accept -> fd=N 127.0.0.1:P->127.0.0.1:P",
		"[trace Thread-1] fd=N 127.0.0.1:P->127.0.0.1:P recv 5 bytes",
		"    68 65 6c 6c 6f                                   hello",
		"[trace Thread-1] fd=N 127.0.0.1:P->127.0.0.1:P sendall 5 bytes",
		"    68 65 6c 6c 6f                                   hello",
		"[trace Thread-1] fd=N 127.0.0.1:P->127.0.0.1:P recv 6 bytes",
		"    20 77 6f 72 6c 64                                 world",
		"[trace Thread-1] fd=N 127.0.0.1:P->127.0.0.1:P sendall 6 bytes",
		"    20 77 6f 72 6c 64                                 world",
		"[trace Thread-1] fd=N 127.0.0.1:P->127.0.0.1:P recv 0 bytes (end of stream: the peer closed its side)",
		"[trace Thread-1] fd=N 127.0.0.1:P->127.0.0.1:P close")
}

// TestTraceOneSocket traces only the client: the server's sockets, made
// and used in another thread, print nothing.
func TestTraceOneSocket(t *testing.T) {
	trace := traced(t, strings.Replace(strings.Replace(echo, "%s", "", 1), "%s", "socket.trace(c)", 1))
	if got := threadLines(trace, "Thread-1"); len(got) != 0 {
		t.Errorf("the untraced server printed:\n%s", strings.Join(got, "\n"))
	}
	expect(t, threadLines(trace, "MainThread"),
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P sendall 5 bytes",
		"    68 65 6c 6c 6f                                   hello",
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P recv 5 bytes",
		"    68 65 6c 6c 6f                                   hello",
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P sendall 6 bytes",
		"    20 77 6f 72 6c 64                                 world",
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P recv 6 bytes",
		"    20 77 6f 72 6c 64                                 world",
		"[trace MainThread] fd=N 127.0.0.1:P->127.0.0.1:P close")
}

// TestTraceListenerTracesConnections traces the listening socket alone:
// the connections it accepts are traced, the client is not.
func TestTraceListenerTracesConnections(t *testing.T) {
	trace := traced(t, strings.Replace(strings.Replace(echo, "%s", "socket.trace(srv)", 1), "%s", "", 1))
	if got := threadLines(trace, "MainThread"); len(got) != 1 || got[0] != "[trace MainThread] fd=N 127.0.0.1:P close" {
		t.Errorf("main thread (only the listener's close is traced):\n%s", strings.Join(got, "\n"))
	}
	if got := threadLines(trace, "Thread-1"); len(got) != 11 {
		t.Errorf("server thread: %d lines, want 11:\n%s", len(got), strings.Join(got, "\n"))
	}
}

func TestTraceOffAndUntraced(t *testing.T) {
	notOnWindows(t, "its trace lines are written for socketpair's AF_UNIX sockets, which have no addresses; on Windows socketpair is a TCP pair, whose header shows both")
	if trace := traced(t, strings.Replace(strings.Replace(echo, "%s", "", 1), "%s", "", 1)); trace != "" {
		t.Errorf("nothing traced, yet:\n%s", trace)
	}
	trace := traced(t, `
local a, b = socket.socketpair()
socket.trace(true)
a:sendall("one")
socket.trace(false)
a:sendall("two")
assert(b:recv(10) == "onetwo")
socket.trace(a)
socket.trace(false)
a:sendall("three")
assert(b:recv(10) == "three")
`)
	expect(t, strings.Split(strings.TrimSuffix(trace, "\n"), "\n"),
		"[trace MainThread] fd=N sendall 3 bytes",
		"    6f 6e 65                                         one")
}

// TestTraceDumpAndDatagrams: the dump stops after 32 bytes and says how many
// it left out; datagrams name their peer; short sends say so; errors too.
func TestTraceDumpAndDatagrams(t *testing.T) {
	trace := traced(t, `
local a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
local b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
a:bind({"127.0.0.1", 0})
b:bind({"127.0.0.1", 0})
socket.trace(a)
socket.trace(b)
a:sendto("0123456789abcdef\0\1\2\255 and some more text", b:getsockname())
local data, from = b:recvfrom(100)
local buf = socket.bytearray(8)
a:sendto("datagram", b:getsockname())
assert(b:recv_into(buf) == 8)
b:settimeout(0.01)
assert(not pcall(b.recv, b, 10))
`)
	expect(t, strings.Split(strings.TrimSuffix(trace, "\n"), "\n"),
		"[trace MainThread] fd=N 127.0.0.1:P sendto 39 bytes to 127.0.0.1:P",
		"    30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef",
		"    00 01 02 ff 20 61 6e 64 20 73 6f 6d 65 20 6d 6f  .... and some mo",
		"    ... 7 more bytes",
		"[trace MainThread] fd=N 127.0.0.1:P recvfrom 39 bytes from 127.0.0.1:P",
		"    30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef",
		"    00 01 02 ff 20 61 6e 64 20 73 6f 6d 65 20 6d 6f  .... and some mo",
		"    ... 7 more bytes",
		"[trace MainThread] fd=N 127.0.0.1:P sendto 8 bytes to 127.0.0.1:P",
		"    64 61 74 61 67 72 61 6d                          datagram",
		"[trace MainThread] fd=N 127.0.0.1:P recv_into 8 bytes",
		"    64 61 74 61 67 72 61 6d                          datagram",
		"[trace MainThread] fd=N 127.0.0.1:P recv failed: timed out")
}

// TestTraceThreadsDoNotInterleave: eight threads send 200 traced messages
// each; every header must be followed by exactly its own dump.
func TestTraceThreadsDoNotInterleave(t *testing.T) {
	notOnWindows(t, "its trace lines are written for socketpair's AF_UNIX sockets, which have no addresses; on Windows socketpair is a TCP pair, whose header shows both")
	trace := traced(t, `
socket.trace(true)
for i = 1, 8 do
  go(function()
    local a, b = socket.socketpair()
    local msg = ("thread %d "):format(i):rep(4):sub(1, 32)
    for _ = 1, 200 do
      a:sendall(msg)
      assert(b:recv(32) == msg)
    end
  end)
end
join()
`)
	lines := strings.Split(strings.TrimSuffix(trace, "\n"), "\n")
	headerRE := regexp.MustCompile(`^\[trace Thread-(\d+)\] fd=N (sendall|recv) 32 bytes$`)
	n := 0
	for i := 0; i < len(lines); i += 3 {
		m := headerRE.FindStringSubmatch(lines[i])
		if m == nil || i+2 >= len(lines) {
			t.Fatalf("line %d: %q is not a header followed by two dump lines", i+1, lines[i])
		}
		want := "thread " + m[1] + " "
		text := strings.TrimSpace(lines[i+1][53:]) + lines[i+2][53:]
		if !strings.HasPrefix(text, want) || !strings.HasPrefix(lines[i+2], "    ") {
			t.Fatalf("lines %d-%d: %q then %q, %q: another thread's output came between", i+1, i+3, lines[i], lines[i+1], lines[i+2])
		}
		n++
	}
	if n != 8*2*200 {
		t.Errorf("%d traced operations, want %d", n, 8*2*200)
	}
}

func TestTraceArguments(t *testing.T) {
	for src, want := range map[string]string{
		`socket.trace()`:                    "test:1: TypeError: trace() missing required argument 'what' (pos 1)",
		`socket.trace(1)`:                   "test:1: TypeError: trace() argument 'what' must be a boolean or a socket, not int",
		`socket.trace(socket.bytearray(1))`: "test:1: TypeError: trace() argument 'what' must be a boolean or a socket, not socket.bytearray",
	} {
		if got := fails(t, src); got != want {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
}

// TestTraceMakefileAndConnectError: makefile's buffered reads and flushes
// show the recv and send underneath, and a refused connect says why (the
// kernel bound the socket to a local port while trying; after the failure
// its address is 0.0.0.0 on that port, as CPython's socket shows it then).
func TestTraceMakefileAndConnectError(t *testing.T) {
	notOnWindows(t, "its trace lines are written for socketpair's AF_UNIX sockets, which have no addresses; on Windows socketpair is a TCP pair, whose header shows both")
	trace := traced(t, `
local a, b = socket.socketpair()
socket.trace(true)
local w, r = a:makefile("w"), b:makefile("r")
w:write("one\n")
w:write("two\n")
w:flush()
assert(r:readline() == "one\n" and r:readline() == "two\n")
local l = socket.socket()
l:bind({"127.0.0.1", 0})
local port = l:getsockname()[2]
socket.trace(false)
l:close()
socket.trace(true)
local c = socket.socket()
assert(not pcall(c.connect, c, {"127.0.0.1", port}))
`)
	expect(t, strings.Split(strings.TrimSuffix(trace, "\n"), "\n"),
		"[trace MainThread] fd=N makefile send 8 bytes",
		"    6f 6e 65 0a 74 77 6f 0a                          one.two.",
		"[trace MainThread] fd=N makefile recv 8 bytes",
		"    6f 6e 65 0a 74 77 6f 0a                          one.two.",
		"[trace MainThread] fd=N 0.0.0.0:P connect to 127.0.0.1:P failed: [Errno 111] Connection refused")
}
