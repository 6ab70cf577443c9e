package socket_test

import (
	"os/exec"
	"strings"
	"testing"

	"netlua/interp/interptest"
)

// The Linux kernel's answers to odd sequences, which CPython passes on and
// netlua must too although its descriptors are non-blocking where CPython's
// blocking sockets are not (see semantics_test.go for the twins).

// connectLinux: connect on a listening socket; a retry after a refused
// connection, which works after a blocking connect but gets ECONNABORTED
// once after one with a timeout (Linux reports the failed non-blocking
// connect's end so); and with a timeout, a second connect succeeds
// silently, since CPython's non-blocking connect leaves the kernel's state
// at "connecting" (only the third raises EISCONN).
var connectLinux = twin{
	name: "connect-linux",
	lua: `
local l = socket.socket()
l:bind({"127.0.0.1", 0})
l:listen()
try("connect a listening socket", l.connect, l, l:getsockname())
try("connect_ex a listening socket", l.connect_ex, l, l:getsockname())
local p = socket.socket()
p:bind({"127.0.0.1", 0})
local closed = p:getsockname()
p:close()
local r = socket.socket()
try("refused", r.connect, r, closed)
try("refused again", r.connect, r, closed)
try("then to a listener", r.connect, r, l:getsockname())
local r2 = socket.socket()
r2:settimeout(5)
try("refused with a timeout", r2.connect, r2, closed)
try("then to a listener", r2.connect, r2, l:getsockname())
try("and again", r2.connect, r2, l:getsockname())
local t = socket.socket()
t:settimeout(5)
try("connect with a timeout", t.connect, t, l:getsockname())
try("again", t.connect, t, l:getsockname())
try("and again", t.connect, t, l:getsockname())
for _, s in ipairs({l, r, r2, t}) do s:close() end
`,
	py: `
l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen()
try_("connect a listening socket", l.connect, l.getsockname())
try_("connect_ex a listening socket", l.connect_ex, l.getsockname())
p = socket.socket(); p.bind(('127.0.0.1', 0)); closed = p.getsockname(); p.close()
r = socket.socket()
try_("refused", r.connect, closed)
try_("refused again", r.connect, closed)
try_("then to a listener", r.connect, l.getsockname())
r2 = socket.socket(); r2.settimeout(5)
try_("refused with a timeout", r2.connect, closed)
try_("then to a listener", r2.connect, l.getsockname())
try_("and again", r2.connect, l.getsockname())
t = socket.socket(); t.settimeout(5)
try_("connect with a timeout", t.connect, l.getsockname())
try_("again", t.connect, l.getsockname())
try_("and again", t.connect, l.getsockname())
for s in (l, r, r2, t): s.close()
`,
	want: []string{
		"connect a listening socket\tERR OSError: [Errno 106] Transport endpoint is already connected",
		"connect_ex a listening socket\t106",
		"refused\tERR ConnectionRefusedError: [Errno 111] Connection refused",
		"refused again\tERR ConnectionRefusedError: [Errno 111] Connection refused",
		"then to a listener\t",
		"refused with a timeout\tERR ConnectionRefusedError: [Errno 111] Connection refused",
		"then to a listener\tERR ConnectionAbortedError: [Errno 103] Software caused connection abort",
		"and again\t",
		"connect with a timeout\t",
		"again\t",
		"and again\tERR OSError: [Errno 106] Transport endpoint is already connected",
	},
}

func TestConnectLinux(t *testing.T) { runTwin(t, connectLinux) }

// recvLinux: recvfrom(0) makes the system call, unlike recv(0): on a
// stream it waits for data (here until the timeout), on a datagram socket
// it takes the datagram, which recv(0) leaves. MSG_WAITALL with a timeout
// or non-blocking is passed to the non-blocking descriptor, as CPython
// does, and Linux then returns what has arrived; on a datagram socket it
// changes nothing. A reset after some data: MSG_WAITALL returns the data,
// the next recv raises ConnectionResetError, the one after returns an
// empty string.
var recvLinux = twin{
	name: "recv-linux",
	lua: `
local c, s = pair()
c:settimeout(0.2)
try("recvfrom(0) with a timeout", c.recvfrom, c, 0)
c:setblocking(false)
try("recvfrom(0) non-blocking", c.recvfrom, c, 0)
s:sendall("ab")
try("recv(6, W) non-blocking", c.recv, c, 6, W)
c:settimeout(5)
s:sendall("xy")
try("recv(6, W) with a timeout", c.recv, c, 6, W)
go(function() for _, p in ipairs({"ab", "cd", "ef"}) do time.sleep(0.5) s:sendall(p) end end)
try("recv(6, W) with a timeout returns early", function() return #c:recv(6, W) < 6 end)
join()
c:close() s:close()
local d = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
d:bind({"127.0.0.1", 0})
d:settimeout(0.2)
d:sendto("hello", d:getsockname())
try("datagram recv(0)", d.recv, d, 0)
try("datagram recvfrom(0)", function() local data, addr = d:recvfrom(0) return data, addr[1] end)
try("datagram recv(10) after", d.recv, d, 10)
d:sendto("hello", d:getsockname())
try("datagram recv(10, W) with a timeout", d.recv, d, 10, W)
d:settimeout(nil)
d:sendto("hello", d:getsockname())
try("datagram recv(10, W)", d.recv, d, 10, W)
d:close()
c, s = pair()
s:sendall("ab")
s:setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, "\1\0\0\0\0\0\0\0")
s:close()
try("recv(10, W) then a reset", c.recv, c, 10, W)
try("recv(10)", c.recv, c, 10)
try("recv(10)", c.recv, c, 10)
c:close()
c, s = pair()
s:sendall("ab")
s:setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, "\1\0\0\0\0\0\0\0")
s:close()
try("recv(10, W) then a reset", c.recv, c, 10, W)
c:close()
try("recv(10) once closed", c.recv, c, 10)
`,
	py: `
c, s = pair()
c.settimeout(0.2)
try_("recvfrom(0) with a timeout", c.recvfrom, 0)
c.setblocking(False)
try_("recvfrom(0) non-blocking", c.recvfrom, 0)
s.sendall(b'ab')
try_("recv(6, W) non-blocking", c.recv, 6, W)
c.settimeout(5)
s.sendall(b'xy')
try_("recv(6, W) with a timeout", c.recv, 6, W)
def drip():
    for p in (b'ab', b'cd', b'ef'):
        time.sleep(0.5); s.sendall(p)
go(drip)
try_("recv(6, W) with a timeout returns early", lambda: len(c.recv(6, W)) < 6)
join()
c.close(); s.close()
d = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
d.bind(('127.0.0.1', 0))
d.settimeout(0.2)
d.sendto(b'hello', d.getsockname())
try_("datagram recv(0)", d.recv, 0)
try_("datagram recvfrom(0)", lambda: (d.recvfrom(0)[0], d.getsockname()[0]))
try_("datagram recv(10) after", d.recv, 10)
d.sendto(b'hello', d.getsockname())
try_("datagram recv(10, W) with a timeout", d.recv, 10, W)
d.settimeout(None)
d.sendto(b'hello', d.getsockname())
try_("datagram recv(10, W)", d.recv, 10, W)
d.close()
c, s = pair()
s.sendall(b'ab')
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
s.close()
try_("recv(10, W) then a reset", c.recv, 10, W)
try_("recv(10)", c.recv, 10)
try_("recv(10)", c.recv, 10)
c.close()
c, s = pair()
s.sendall(b'ab')
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
s.close()
try_("recv(10, W) then a reset", c.recv, 10, W)
c.close()
try_("recv(10) once closed", c.recv, 10)
`,
	want: []string{
		"recvfrom(0) with a timeout\tERR TimeoutError: timed out",
		"recvfrom(0) non-blocking\tERR BlockingIOError: [Errno 11] Resource temporarily unavailable",
		"recv(6, W) non-blocking\tab",
		"recv(6, W) with a timeout\txy",
		"recv(6, W) with a timeout returns early\tTrue",
		"datagram recv(0)\t",
		"datagram recvfrom(0)\t 127.0.0.1",
		"datagram recv(10) after\tERR TimeoutError: timed out",
		"datagram recv(10, W) with a timeout\thello",
		"datagram recv(10, W)\thello",
		"recv(10, W) then a reset\tab",
		"recv(10)\tERR ConnectionResetError: [Errno 104] Connection reset by peer",
		"recv(10)\t",
		"recv(10, W) then a reset\tab",
		"recv(10) once closed\tERR OSError: [Errno 9] Bad file descriptor",
	},
}

func TestRecvLinux(t *testing.T) { runTwin(t, recvLinux) }

// TestTwinsMatchPython runs the Python side of every twin in python3, so
// that what the tests expect stays what CPython prints.
func TestTwinsMatchPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3: not installed")
	}
	for _, tw := range []twin{recvZero, waitAllBlocking, connectConnected, boolOptions, connectLinux, recvLinux} {
		t.Run(tw.name, func(t *testing.T) {
			t.Parallel()
			out, err := exec.Command(py, "-c", twinPy+tw.py).CombinedOutput()
			if err != nil {
				t.Fatalf("python3: %v\n%s", err, out)
			}
			got := interptest.Lines(string(out))
			if strings.Join(got, "\n") != strings.Join(tw.want, "\n") {
				t.Errorf("python3 printed:\n%s\nwritten down:\n%s", strings.Join(got, "\n"), strings.Join(tw.want, "\n"))
			}
		})
	}
}
