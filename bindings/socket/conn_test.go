package socket_test

import (
	"testing"

	"netlua/bindings/socket"
)

// server is Lua that starts a listening socket and a thread serving one
// connection with handler(conn); port holds the port. Threads come from Go
// (the threading module is another package), see startThread.
const server = `
local srv = socket.socket()
srv:bind({"127.0.0.1", 0})
srv:listen()
port = srv:getsockname()[2]
`

// TestEchoTCP runs a server thread and a client in one test: accept,
// connect, send, sendall, recv, shutdown, getpeername, and the empty string
// at end of stream.
func TestEchoTCP(t *testing.T) {
	got := run(t, server+`
go(function()
  local conn, addr = srv:accept()
  accepted = addr[1] .. " " .. tostring(addr[2] == conn:getpeername()[2])
  while true do
    local data = conn:recv(1024)
    if data == "" then break end
    conn:sendall(data:upper())
  end
  conn:close()
end)
local c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
c:connect({"127.0.0.1", port})
print(c:getpeername()[2] == port, c.family, c.type, c.proto)
print(c:send("hello"))
print(c:recv(1024))
c:sendall(string.rep("x", 100000))
local n = 0
while n < 100000 do n = n + #c:recv(65536) end
print(n)
c:shutdown(socket.SHUT_WR)
print(c:recv(10) == "")
c:close()
join()
print(accepted)
`)
	expect(t, got, "true\t2\t1\t0", "5", "HELLO", "100000", "true", "127.0.0.1 true")
}

// TestTwoArgForms checks s:bind(host, port) and s:connect(host, port).
func TestTwoArgForms(t *testing.T) {
	got := run(t, `
local srv = socket.socket()
srv:bind("127.0.0.1", 0)
srv:listen(5)
local c = socket.socket()
c:connect("127.0.0.1", srv:getsockname()[2])
local conn, addr = srv:accept()
print(addr[1], tostring(addr) == tostring(c:getsockname()))
local p1, p2 = srv:getsockname()[2], addr[2]
print((tostring(conn):gsub("fd=%d+", "fd=N"):gsub(tostring(p1), "P1"):gsub(tostring(p2), "P2")))
`)
	expect(t, got, "127.0.0.1\ttrue",
		"<socket.socket fd=N, family=2, type=1, proto=0, laddr=('127.0.0.1', P1), raddr=('127.0.0.1', P2)>")
}

// TestUDP sends datagrams with sendto and receives them with recvfrom,
// recv_into and recvfrom_into.
func TestUDP(t *testing.T) {
	got := run(t, `
local a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
a:bind({"127.0.0.1", 0})
local b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
b:bind({"127.0.0.1", 0})
print(b:sendto("ping", a:getsockname()))
local data, addr = a:recvfrom(100)
print(data, addr[2] == b:getsockname()[2])
b:sendto("flags", 0, a:getsockname())
local buf = socket.bytearray(8)
print(a:recv_into(buf), tostring(buf))
b:sendto("abcdef", a:getsockname())
local ok, n, from = pcall(a.recvfrom_into, a, buf, 3)
if ok then print(n, buf:bytes(), from[1], #buf, buf[1], buf[-1]) else print(n) end
`)
	expect(t, got, "4", "ping\ttrue", `5	bytearray(b'flags\x00\x00\x00')`, truncatedDatagram)
}

// TestErrorsCPython compares errors with CPython 3.11's, written down from
// python3 on Linux.
func TestErrorsCPython(t *testing.T) {
	cases := []struct{ src, want string }{
		{`local s = socket.socket() s:close() s:recv(1)`, "OSError: [Errno 9] Bad file descriptor"},
		{`local s = socket.socket() s:close() s:getsockname()`, "OSError: [Errno 9] Bad file descriptor"},
		{`local s = socket.socket() s:close() s:send("x")`, "OSError: [Errno 9] Bad file descriptor"},
		{`local s = socket.socket() s:close() s:setsockopt(1, 2, 1)`, "OSError: [Errno 9] Bad file descriptor"},
		{`local s = socket.socket() s:close() s:listen()`, "OSError: [Errno 9] Bad file descriptor"},
		{`local s = socket.socket() s:close() s:dup()`, "OSError: [Errno 9] Bad file descriptor"},
		{`socket.socket():recv(-1)`, "ValueError: negative buffersize in recv"},
		{`socket.socket():recvfrom(-1)`, "ValueError: negative buffersize in recvfrom"},
		{`socket.socket():recv_into(socket.bytearray(3), 5)`, "ValueError: recv_into(): buffer too small for requested bytes"},
		{`socket.socket():recv_into(socket.bytearray(3), -1)`, "ValueError: negative buffersize in recv_into"},
		{`socket.socket():recvfrom_into(socket.bytearray(3), 5)`, "ValueError: recvfrom_into(): nbytes is greater than the length of the buffer"},
		{`socket.socket():recvfrom_into(socket.bytearray(3), -1)`, "ValueError: negative buffersize in recvfrom_into"},
		{`socket.socket():recv("x")`, "TypeError: recv() argument 'bufsize' must be int, not str"},
		{`socket.socket():recv(1.5)`, "TypeError: recv(): 'float' object cannot be interpreted as an integer"},
		{`socket.socket():settimeout(-1)`, "ValueError: settimeout(): Timeout value out of range"},
		{`socket.setdefaulttimeout(-1)`, "ValueError: setdefaulttimeout(): Timeout value out of range"},
		{`socket.socket():getsockopt(1, 2, 2000)`, "OSError: getsockopt buflen out of range"},
		{`socket.socket():shutdown(5)`, "OSError: [Errno 22] Invalid argument"},
		{`socket.socket():shutdown(socket.SHUT_RDWR)`, "OSError: [Errno 107] Transport endpoint is not connected"},
		{`socket.socket():recv(1)`, "OSError: [Errno 107] Transport endpoint is not connected"},
		{`socket.socket():getpeername()`, "OSError: [Errno 107] Transport endpoint is not connected"},
		{`socket.socket():accept()`, "OSError: [Errno 22] Invalid argument"},
		{`socket.socket(12345)`, "OSError: [Errno 97] Address family not supported by protocol"},
		{`local s = socket.socket() s:bind({"127.0.0.1", 0}) s:bind({"127.0.0.1", 0})`, "OSError: [Errno 22] Invalid argument"},
		{`local l = socket.socket() l:bind({"127.0.0.1", 0}) l:listen() l:recvfrom(10)`, "OSError: [Errno 107] Transport endpoint is not connected"},
		{`socket.socket().recv(5)`, "TypeError: descriptor 'recv' for 'socket.socket' objects doesn't apply to a 'int' object (call it as obj:recv(...), with a colon)"},
		{`local a, b = socket.socketpair() local f = a:makefile("r") f.read(5)`, "TypeError: descriptor 'read' for 'socket.SocketFile' objects doesn't apply to a 'int' object (call it as obj:read(...), with a colon)"},
		{`local a, b = socket.socketpair() local f = a:makefile("r") local it = f:lines() f:close() it()`, "ValueError: lines(): I/O operation on closed file."},
		{`socket.socket():settimeout("1")`, "TypeError: settimeout(): timeout must be a number or nil, not str"},
		{`socket.htons(-1)`, "OverflowError: htons: can't convert negative Python int to C 16-bit unsigned integer"},
		{`socket.ntohs(65536)`, "OverflowError: ntohs: Python int too large to convert to C 16-bit unsigned integer"},
		{`socket.inet_aton("x")`, "OSError: illegal IP address string passed to inet_aton"},
		{`socket.create_server({"", 0}, {dualstack_ipv6=true})`, "ValueError: create_server(): dualstack_ipv6 requires AF_INET6 family"},
		{`socket.socket():makefile("x")`, "ValueError: makefile(): invalid mode 'x' (only r, w, b allowed)"},
		{`socket.bytearray(-1)`, "ValueError: bytearray(): negative count"},
		{`local x = socket.bytearray(3)[4]`, "IndexError: bytearray index out of range"},
		{`local b = socket.bytearray(3) b[1] = 256`, "ValueError: byte must be in range(0, 256)"},
	}
	for _, c := range cases {
		if got, want := fails(t, c.src), socket.PlatformText(c.want); got != "test:1: "+want {
			t.Errorf("%s\n got: %s\nwant: test:1: %s", c.src, got, want)
		}
	}
}

// TestRecvfromOnStream: recvfrom on a connected TCP socket returns the data
// and nil for the address, as CPython returns None (Winsock leaves the
// address empty, which x/sys's Recvfrom took for an error).
func TestRecvfromOnStream(t *testing.T) {
	got := run(t, `
local srv = socket.socket()
srv:bind({"127.0.0.1", 0})
srv:listen()
local c = socket.create_connection(srv:getsockname(), 5)
local conn = srv:accept()
c:sendall("hello")
local data, addr = conn:recvfrom(10)
print(data, addr)
c:close() conn:close() srv:close()
`)
	expect(t, got, "hello\tnil")
}
