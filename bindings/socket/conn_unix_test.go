//go:build unix

package socket_test

import "testing"

// TestKernelErrors: errors whose code is the kernel's choice, as CPython on
// Linux reports them. Winsock chooses others for the same calls (and Wine
// does not always choose as Windows does), so on Windows the classes and
// texts of its codes are checked through the other tests instead.
func TestKernelErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{`socket.socket():getsockopt(1, 9999)`, "OSError: [Errno 92] Protocol not available"},
		{`socket.socket():setsockopt(1, 9999, 1)`, "OSError: [Errno 92] Protocol not available"},
		{`socket.socket():send("x")`, "BrokenPipeError: [Errno 32] Broken pipe"},
		{`socket.socket(socket.AF_INET, socket.SOCK_DGRAM):accept()`, "OSError: [Errno 95] Operation not supported"},
		{`socket.socket(socket.AF_INET, socket.SOCK_DGRAM):listen()`, "OSError: [Errno 95] Operation not supported"},
		{`socket.socket(socket.AF_INET, socket.SOCK_DGRAM):send("x")`, "OSError: [Errno 89] Destination address required"},
		{`socket.socket(socket.AF_INET, socket.SOCK_DGRAM):sendall("x")`, "OSError: [Errno 89] Destination address required"},
		{`socket.socket(socket.AF_INET, 12345)`, "OSError: [Errno 22] Invalid argument"},
		{`local l = socket.socket() l:bind({"127.0.0.1", 0}) l:listen() l:send("x")`, "BrokenPipeError: [Errno 32] Broken pipe"},
	}
	for _, c := range cases {
		if got := fails(t, c.src); got != "test:1: "+c.want {
			t.Errorf("%s\n got: %s\nwant: test:1: %s", c.src, got, c.want)
		}
	}
}
