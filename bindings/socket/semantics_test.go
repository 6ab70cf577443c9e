package socket_test

import (
	"fmt"
	"testing"

	timemod "netlua/bindings/time"
	"netlua/interp/interptest"
)

// Socket semantics where Lua users would guess differently from what
// CPython 3.11 does (issue 19, item 6): recv(0), MSG_WAITALL, connecting a
// connected socket, and boolean option values. Each case is one program
// written twice, in Lua for netlua and in Python for CPython, printing the
// same lines; want is what python3 printed on Linux (semantics_linux_test.go
// runs the Python side again to keep it so). On Windows the texts go
// through PlatformText, and the Linux-only facts (the kernel's answers to
// odd sequences) are in semantics_linux_test.go.

// A twin is one program in Lua and in Python, with CPython's output.
type twin struct {
	name, lua, py string
	want          []string
}

// twinLua is the Lua side's prelude: try(label, f, ...) prints label, a
// tab, and f's results as Python's str() shows them, or "ERR Class: text";
// pair() makes a connected pair of TCP sockets (client, server side);
// EISCONN is the platform's errno for "already connected".
const twinLua = `
local function show(v)
  if v == nil then return "None" elseif v == true then return "True" elseif v == false then return "False" end
  return tostring(v)
end
local function pack(...) return select("#", ...), {...} end
function try(label, f, ...)
  local n, r = pack(pcall(f, ...))
  if not r[1] then print(label .. "\tERR " .. r[2].__name .. ": " .. tostring(r[2])) return end
  local out = {}
  for i = 2, n do out[#out + 1] = show(r[i]) end
  print(label .. "\t" .. table.concat(out, " "))
end
function pair()
  local l = socket.socket()
  l:bind({"127.0.0.1", 0})
  l:listen()
  local c = socket.socket()
  c:connect(l:getsockname())
  local s = l:accept()
  l:close()
  return c, s
end
W = socket.MSG_WAITALL
`

// twinPy is the Python side's prelude, the same helpers; go and join are
// the Lua side's test globals (see newRT).
const twinPy = `
import errno, socket, struct, threading, time
def show(v):
    if isinstance(v, (bytes, bytearray)): return v.decode('latin-1')
    return str(v)
def try_(label, f, *a):
    try: r = f(*a)
    except Exception as e:
        print(label + "\tERR " + type(e).__name__ + ": " + str(e)); return
    if r is None: r = ()
    elif not isinstance(r, tuple): r = (r,)
    print(label + "\t" + " ".join(show(x) for x in r))
threads = []
def go(f):
    th = threading.Thread(target=f); th.start(); threads.append(th)
def join():
    while threads: threads.pop(0).join(10)
def pair():
    l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen()
    c = socket.socket(); c.connect(l.getsockname())
    s, _ = l.accept(); l.close()
    return c, s
W = socket.MSG_WAITALL
EISCONN = errno.EISCONN
`

// runTwin runs the Lua side of tw and checks its output.
func runTwin(t *testing.T, tw twin) {
	t.Helper()
	rt := newRTWith(t, timemod.Module)
	src := twinLua + fmt.Sprintf("EISCONN = %d\n", errnoIsConn) + tw.lua
	if err := rt.RunString(src, tw.name); err != nil {
		t.Fatalf("%s: lua error: %v\nstdout:\n%s", tw.name, err, rt.Stdout)
	}
	rt.WaitThreads()
	expect(t, interptest.Lines(rt.Stdout.String()), tw.want...)
}

// recvZero: recv(0) and recv_into of an empty buffer ask the system
// nothing, as CPython's sock_recv_guts: an empty string (0) at once, whatever the
// socket's state, and the data stays for the next recv. recvfrom(0) is not
// so (it makes the call); see semantics_linux_test.go.
var recvZero = twin{
	name: "recv0",
	lua: `
local c, s = pair()
local state = {}
go(function() time.sleep(2) state.sent = true s:sendall("late") end)
try("recv(0)", c.recv, c, 0)
try("peer had sent", function() return state.sent == true end)
try("recv_into(empty)", c.recv_into, c, socket.bytearray(0))
join()
c:settimeout(5)
try("recv(0) with a timeout", c.recv, c, 0)
try("recv(4)", c.recv, c, 4)
c:setblocking(false)
try("recv(0) non-blocking", c.recv, c, 0)
try("recv(1) non-blocking", c.recv, c, 1)
local u = socket.socket()
try("recv(0) unconnected", u.recv, u, 0)
try("recv_into(empty) unconnected", u.recv_into, u, socket.bytearray(0))
try("recv(1) unconnected", u.recv, u, 1)
u:close()
try("recv(0) closed", u.recv, u, 0)
try("recv(1) closed", u.recv, u, 1)
try("recv(-1)", c.recv, c, -1)
c:close() s:close()
`,
	py: `
c, s = pair()
state = {}
def late():
    time.sleep(2); state['sent'] = True; s.sendall(b'late')
go(late)
try_("recv(0)", c.recv, 0)
try_("peer had sent", lambda: state.get('sent') == True)
try_("recv_into(empty)", c.recv_into, bytearray(0))
join()
c.settimeout(5)
try_("recv(0) with a timeout", c.recv, 0)
try_("recv(4)", c.recv, 4)
c.setblocking(False)
try_("recv(0) non-blocking", c.recv, 0)
try_("recv(1) non-blocking", c.recv, 1)
u = socket.socket()
try_("recv(0) unconnected", u.recv, 0)
try_("recv_into(empty) unconnected", u.recv_into, bytearray(0))
try_("recv(1) unconnected", u.recv, 1)
u.close()
try_("recv(0) closed", u.recv, 0)
try_("recv(1) closed", u.recv, 1)
try_("recv(-1)", c.recv, -1)
c.close(); s.close()
`,
	want: []string{
		"recv(0)\t",
		"peer had sent\tFalse",
		"recv_into(empty)\t0",
		"recv(0) with a timeout\t",
		"recv(4)\tlate",
		"recv(0) non-blocking\t",
		"recv(1) non-blocking\tERR BlockingIOError: [Errno 11] Resource temporarily unavailable",
		"recv(0) unconnected\t",
		"recv_into(empty) unconnected\t0",
		"recv(1) unconnected\tERR OSError: [Errno 107] Transport endpoint is not connected",
		"recv(0) closed\t",
		"recv(1) closed\tERR OSError: [Errno 9] Bad file descriptor",
		"recv(-1)\tERR ValueError: negative buffersize in recv",
	},
}

func TestRecvZero(t *testing.T) { runTwin(t, recvZero) }

// waitAllBlocking: MSG_WAITALL on a blocking socket waits until the buffer
// is full or the stream ends, for recv, recv_into, recvfrom and
// recvfrom_into, however the data is split on the way.
var waitAllBlocking = twin{
	name: "waitall",
	lua: `
local c, s = pair()
local function drip(parts, close)
  go(function()
    for _, p in ipairs(parts) do time.sleep(0.1) s:sendall(p) end
    if close then time.sleep(0.1) s:close() end
  end)
end
drip({"ab", "cd", "ef"})
try("recv(6, W)", c.recv, c, 6, W)
join()
local b = socket.bytearray(6)
drip({"abc", "def"})
try("recv_into(b, 0, W)", c.recv_into, c, b, 0, W)
print(b:bytes())
join()
drip({"ghi", "jkl"})
try("recvfrom(6, W)", c.recvfrom, c, 6, W)
join()
drip({"mno", "pqr"})
try("recvfrom_into(b, 6, W)", c.recvfrom_into, c, b, 6, W)
print(b:bytes())
join()
s:sendall("xy")
drip({"zw"}, true)
try("recv(10, W) until the end", c.recv, c, 10, W)
join()
try("recv(10, W) at the end", c.recv, c, 10, W)
try("recv(0, W)", c.recv, c, 0, W)
c:close()
`,
	py: `
c, s = pair()
def drip(parts, close=False):
    def run():
        for p in parts:
            time.sleep(0.1); s.sendall(p)
        if close:
            time.sleep(0.1); s.close()
    go(run)
drip([b'ab', b'cd', b'ef'])
try_("recv(6, W)", c.recv, 6, W)
join()
b = bytearray(6)
drip([b'abc', b'def'])
try_("recv_into(b, 0, W)", c.recv_into, b, 0, W)
print(b.decode())
join()
drip([b'ghi', b'jkl'])
try_("recvfrom(6, W)", c.recvfrom, 6, W)
join()
drip([b'mno', b'pqr'])
try_("recvfrom_into(b, 6, W)", c.recvfrom_into, b, 6, W)
print(b.decode())
join()
s.sendall(b'xy')
drip([b'zw'], True)
try_("recv(10, W) until the end", c.recv, 10, W)
join()
try_("recv(10, W) at the end", c.recv, 10, W)
try_("recv(0, W)", c.recv, 0, W)
c.close()
`,
	want: []string{
		"recv(6, W)\tabcdef",
		"recv_into(b, 0, W)\t6",
		"abcdef",
		"recvfrom(6, W)\tghijkl None",
		"recvfrom_into(b, 6, W)\t6 None",
		"mnopqr",
		"recv(10, W) until the end\txyzw",
		"recv(10, W) at the end\t",
		"recv(0, W)\t",
	},
}

func TestRecvWaitAllBlocking(t *testing.T) { runTwin(t, waitAllBlocking) }

// connectConnected: connecting a connected socket raises EISCONN, also
// after a blocking connect (netlua's descriptor is non-blocking, so it must
// settle the kernel's state as a blocking connect does), to another
// address, with a timeout, and after create_connection; connect_ex returns
// the errno.
var connectConnected = twin{
	name: "connect",
	lua: `
local l = socket.socket()
l:bind({"127.0.0.1", 0})
l:listen()
local c = socket.socket()
try("connect", c.connect, c, l:getsockname())
try("connect again", c.connect, c, l:getsockname())
try("connect_ex again is EISCONN", function() return c:connect_ex(l:getsockname()) == EISCONN end)
local other = socket.socket()
other:bind({"127.0.0.1", 0})
other:listen()
try("connect elsewhere", c.connect, c, other:getsockname())
c:settimeout(5)
try("connect again with a timeout", c.connect, c, l:getsockname())
local c2 = socket.create_connection(l:getsockname())
try("connect after create_connection", c2.connect, c2, l:getsockname())
try("errno", function()
  local ok, e = pcall(c2.connect, c2, l:getsockname())
  return e.errno == EISCONN, e.args[1] == EISCONN, #e.args
end)
for _, s in ipairs({l, c, other, c2}) do s:close() end
`,
	py: `
l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen()
c = socket.socket()
try_("connect", c.connect, l.getsockname())
try_("connect again", c.connect, l.getsockname())
try_("connect_ex again is EISCONN", lambda: c.connect_ex(l.getsockname()) == EISCONN)
other = socket.socket(); other.bind(('127.0.0.1', 0)); other.listen()
try_("connect elsewhere", c.connect, other.getsockname())
c.settimeout(5)
try_("connect again with a timeout", c.connect, l.getsockname())
c2 = socket.create_connection(l.getsockname())
try_("connect after create_connection", c2.connect, l.getsockname())
def errno_of():
    try: c2.connect(l.getsockname())
    except OSError as e: return e.errno == EISCONN, e.args[0] == EISCONN, len(e.args)
try_("errno", errno_of)
for s in (l, c, other, c2): s.close()
`,
	want: []string{
		"connect\t",
		"connect again\tERR OSError: [Errno 106] Transport endpoint is already connected",
		"connect_ex again is EISCONN\tTrue",
		"connect elsewhere\tERR OSError: [Errno 106] Transport endpoint is already connected",
		"connect again with a timeout\tERR OSError: [Errno 106] Transport endpoint is already connected",
		"connect after create_connection\tERR OSError: [Errno 106] Transport endpoint is already connected",
		"errno\tTrue True 2",
	},
}

func TestConnectConnected(t *testing.T) { runTwin(t, connectConnected) }

// boolOptions: true and false are Python's True and False, the ints 1 and
// 0, wherever setsockopt takes an int. (macOS reads SO_KEEPALIVE back as
// the option's bit, hence ~= 0.)
var boolOptions = twin{
	name: "options",
	lua: `
local s = socket.socket()
try("SO_KEEPALIVE true", s.setsockopt, s, socket.SOL_SOCKET, socket.SO_KEEPALIVE, true)
try("set", function() return s:getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) ~= 0 end)
try("SO_KEEPALIVE false", s.setsockopt, s, socket.SOL_SOCKET, socket.SO_KEEPALIVE, false)
try("get", s.getsockopt, s, socket.SOL_SOCKET, socket.SO_KEEPALIVE)
try("TCP_NODELAY true", s.setsockopt, s, socket.IPPROTO_TCP, socket.TCP_NODELAY, true)
try("set", function() return s:getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) ~= 0 end)
s:close()
`,
	py: `
s = socket.socket()
try_("SO_KEEPALIVE true", s.setsockopt, socket.SOL_SOCKET, socket.SO_KEEPALIVE, True)
try_("set", lambda: s.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) != 0)
try_("SO_KEEPALIVE false", s.setsockopt, socket.SOL_SOCKET, socket.SO_KEEPALIVE, False)
try_("get", s.getsockopt, socket.SOL_SOCKET, socket.SO_KEEPALIVE)
try_("TCP_NODELAY true", s.setsockopt, socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
try_("set", lambda: s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
s.close()
`,
	want: []string{
		"SO_KEEPALIVE true\t",
		"set\tTrue",
		"SO_KEEPALIVE false\t",
		"get\t0",
		"TCP_NODELAY true\t",
		"set\tTrue",
	},
}

func TestSetsockoptBool(t *testing.T) { runTwin(t, boolOptions) }
