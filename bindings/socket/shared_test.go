package socket_test

import "testing"

// TestSecondObjectOverOwnedFd: socket.socket(nil, nil, nil, fd) over a
// descriptor another socket object still owns works as in CPython (issue 15,
// item 6): a timeout, accept, and close, which the first object then sees.
// The old code registered the descriptor with the poller a second time, which
// epoll refuses, and every wait failed with "waiting for unsupported file type".
func TestSecondObjectOverOwnedFd(t *testing.T) {
	got := run(t, `
local l = socket.socket()
l:bind({"127.0.0.1", 0})
l:listen()
local l2 = socket.socket(nil, nil, nil, l:fileno())
print(l2.family == socket.AF_INET, l2.type == socket.SOCK_STREAM, l2:fileno() == l:fileno())
l2:settimeout(0.05)
local ok, e = pcall(l2.accept, l2)
print(ok, isinstance(e, TimeoutError), tostring(e))
local c = socket.create_connection(l:getsockname(), 5)
l2:settimeout(5)
local conn = l2:accept()
c:sendall("hello")
print(conn:recv(10))
-- the first object still works on the same descriptor
local c2 = socket.create_connection(l:getsockname(), 5)
local conn2 = l:accept()
conn2:sendall("back")
print(c2:recv(10))
l2:close()
print(l2:fileno())
ok, e = pcall(l.accept, l)
print(ok, isinstance(e, OSError))
for _, s in ipairs({c, c2, conn, conn2}) do s:close() end
`)
	expect(t, got,
		"true\ttrue\ttrue",
		"false\ttrue\ttimed out",
		"hello",
		"back",
		"-1",
		"false\ttrue",
	)
}
