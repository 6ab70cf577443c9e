package socket_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOptions: integer and byte-string options, with the values python3
// printed on this kernel (Linux doubles SO_SNDBUF).
func TestOptions(t *testing.T) {
	notOnWindows(t, "the expectations are Linux's: it doubles SO_SNDBUF, and its struct linger is 8 bytes (Windows' is 4)")
	got := run(t, `
local s = socket.socket()
s:setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
print(s:getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))
print(s:getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR))
s:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(s:getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 0))
s:setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, "\1\0\0\0\5\0\0\0")
print(s:getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8) == "\1\0\0\0\5\0\0\0")
print(#s:getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4), #s:getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1024))
print(select(2, pcall(s.setsockopt, s, 1, 2, nil)))
print(select(2, pcall(s.setsockopt, s, 1, 2, {})))
`)
	expect(t, got,
		"8192", "0", "1", "true", "4\t4",
		"setsockopt(): a nil value needs optlen (0 or more)",
		"setsockopt() argument 'value' must be int or string, not table",
	)
}

// TestDupDetachFileno: dup and detach give descriptors for the same
// connection; socket(family, type, proto, fd) adopts one, reading its
// family, type and proto when they are not given.
func TestDupDetachFileno(t *testing.T) {
	got := run(t, `
local a, b = socket.socketpair()
print(a:fileno() >= 0, a:fileno() ~= b:fileno())
local d = a:dup()
print(d:fileno() ~= a:fileno(), d.family, d.type)
d:send("via dup")
print(b:recv(20))
local fd = a:detach()
print(tostring(a), a:fileno())
local e = socket.socket(nil, nil, nil, fd)
print(e.family, e.type, e.proto, e:fileno() == fd)
e:send("via adopted")
print(b:recv(20))
print(a == a, a == e, d ~= e)
print(select(2, pcall(socket.socket, nil, nil, nil, -1)))
`)
	expect(t, got,
		"true\ttrue",
		"true\t"+pf+"\t1",
		"via dup",
		"<socket.socket [closed] fd=-1, family="+pf+", type=1, proto=0>\t-1",
		pf+"\t1\t0\ttrue",
		"via adopted",
		"true\tfalse\ttrue",
		"socket(): negative file descriptor",
	)
}

// TestUnixAndIPv6: AF_UNIX with a path (the accepted peer's address is empty
// and reprs show bare paths, as in CPython), abstract names, and IPv6.
func TestUnixAndIPv6(t *testing.T) {
	notOnWindows(t, "CPython has no AF_UNIX on Windows")
	path := filepath.Join(t.TempDir(), "s.sock")
	got := run(t, `
local path = "`+path+`"
local l = socket.socket(socket.AF_UNIX)
l:bind(path)
l:listen()
local c = socket.socket(socket.AF_UNIX)
c:connect(path)
local conn, addr = l:accept()
print(addr == "", conn:getsockname() == path, c:getpeername() == path, c:getsockname() == "")
print((tostring(conn):gsub("^.*proto=0, ", "")) == "laddr=" .. path .. ">")
print((tostring(c):gsub("^.*proto=0, ", "")) == "raddr=" .. path .. ">")
local ab = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
ab:bind("\0netlua-abstract-test")
print(ab:getsockname() == "\0netlua-abstract-test")
local s6 = socket.socket(socket.AF_INET6)
s6:bind({"::1", 0})
s6:listen()
local c6 = socket.create_connection({"::1", s6:getsockname()[2]})
local conn6, addr6 = s6:accept()
print(addr6[1], #addr6, c6.family)
`)
	expect(t, got, "true\ttrue\ttrue\ttrue", "true", "true", "true", "::1\t4\t10")
}

// TestRaw: SOCK_RAW needs CAP_NET_RAW; without it CPython raises
// PermissionError [Errno 1] Operation not permitted, and so do we.
func TestRaw(t *testing.T) {
	notOnWindows(t, "raw sockets need Administrator on Windows, and Wine, running as root here, grants them")
	src := `
local ok, e = pcall(socket.socket, socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
if ok then print("ok", e.type) else print(e, isinstance(e, PermissionError)) end`
	want := "[Errno 1] Operation not permitted\ttrue"
	if os.Geteuid() == 0 {
		want = "ok\t3"
	}
	expect(t, run(t, src), want)
}

// TestBigBuffers: huge sizes neither allocate gigabytes nor crash.
func TestBigBuffers(t *testing.T) {
	got := run(t, `
local a, b = socket.socketpair()
a:send("small")
print(b:recv(2^40))
print(select(2, pcall(b.recv, b, 2^40, socket.MSG_WAITALL)))
print(select(2, pcall(b.recv, b, 2^70)))
print(select(2, pcall(socket.bytearray, 2^40)))
-- A large recv that fails (not connected) must raise, not slice at -1.
local u = socket.socket()
print(select(2, pcall(u.recv, u, 2^40)))
print(select(2, pcall(u.recvfrom, u, 2^20)))
`)
	expect(t, got,
		"small",
		"recv(): bufsize 1099511627776 is too large with MSG_WAITALL (at most 67108864)",
		"recv() argument 'bufsize' is too large for a 64-bit integer",
		"bytearray(): size 1099511627776 is too large (at most 268435456)",
		"[Errno 107] Transport endpoint is not connected",
		"[Errno 107] Transport endpoint is not connected",
	)
}

// TestBytearray: Python's repr, 1-based indexing, slices, equality.
func TestBytearray(t *testing.T) {
	got := run(t, `
local b = socket.bytearray("ab\0\255\n'\"")
print(tostring(b), #b)
print(tostring(socket.bytearray("'")))
b[1] = 65
print(b[1], b[-1], b:bytes(1, 2), b:bytes(-2), b:bytes(5, 3) == "")
print(socket.bytearray("x") == socket.bytearray("x"), socket.bytearray("x") == socket.bytearray("y"))
print(tostring(socket.bytearray(0)))
`)
	expect(t, got,
		`bytearray(b'ab\x00\xff\n\'"')`+"\t7",
		`bytearray(b"'")`,
		"65\t34\tAb\t'\"\ttrue",
		"true\tfalse",
		"bytearray(b'')",
	)
}

// TestCreateServer: CPython's options and its bind error text.
func TestCreateServer(t *testing.T) {
	notOnWindows(t, "it asks for reuse_port, which Windows lacks (TestCreateServerWindows checks what happens there)")
	got := run(t, `
local s = socket.create_server({"127.0.0.1", 0}, {backlog = 16, reuse_port = true})
print(s:getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR), s:getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT), s:gettimeout())
local addr = s:getsockname()
local ok, e = pcall(socket.create_server, {"127.0.0.1", addr[2]})
print((tostring(e):gsub(tostring(addr[2]), "PORT")), e.errno)
print(select(2, pcall(socket.create_server, {"127.0.0.1", 0}, {nonsense = 1})))
local d = socket.create_server({"::", 0}, {family = socket.AF_INET6, dualstack_ipv6 = true})
local c = socket.create_connection({"127.0.0.1", d:getsockname()[2]}, 5, {"127.0.0.1", 0})
local conn, peer = d:accept()
print(peer[1], c:gettimeout())
`)
	expect(t, got,
		"1\t1\tnil",
		"[Errno 98] Address already in use (while attempting to bind on address ('127.0.0.1', PORT))\t98",
		"create_server() got an unexpected keyword argument 'nonsense'",
		"::ffff:127.0.0.1\t5",
	)
}
