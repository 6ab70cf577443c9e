package socket_test

import "testing"

// TestCreateServerWindows: CPython's create_server on Windows sets no
// SO_REUSEADDR (it would let another socket take the port over) and refuses
// reuse_port, which Windows does not have.
func TestCreateServerWindows(t *testing.T) {
	got := run(t, `
local s = socket.create_server({"127.0.0.1", 0}, {backlog = 16})
print(s:getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR), s:gettimeout())
local c = socket.create_connection(s:getsockname(), 5)
local conn = s:accept()
c:sendall("hi")
print(conn:recv(10))
print(select(2, pcall(socket.create_server, {"127.0.0.1", 0}, {reuse_port = true})))
`)
	expect(t, got, "0\tnil", "hi", "create_server(): SO_REUSEPORT not supported on this platform")
}
