package socket_test

import "testing"

// connectWindows: Winsock's answers where Linux's differ (see
// semantics_linux_test.go), from its connect documentation, as CPython on
// Windows raises them: a listening socket cannot connect (WSAEINVAL), and
// a socket whose connect with a timeout completed is connected, so the
// next connect raises WSAEISCONN at once (Linux lets one more through).
var connectWindows = twin{
	name: "connect-windows",
	lua: `
local l = socket.socket()
l:bind({"127.0.0.1", 0})
l:listen()
try("connect a listening socket", l.connect, l, l:getsockname())
try("connect_ex a listening socket", l.connect_ex, l, l:getsockname())
local t = socket.socket()
t:settimeout(5)
try("connect with a timeout", t.connect, t, l:getsockname())
try("again", t.connect, t, l:getsockname())
l:close() t:close()
`,
	want: []string{
		"connect a listening socket\tERR OSError: [WinError 10022] An invalid argument was supplied",
		"connect_ex a listening socket\t10022",
		"connect with a timeout\t",
		"again\tERR OSError: [WinError 10056] A connect request was made on an already connected socket",
	},
}

func TestConnectWindows(t *testing.T) { runTwin(t, connectWindows) }
