package socketserver_test

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	gotime "time"

	"netlua/bindings/selectors"
	"netlua/bindings/socket"
	"netlua/bindings/threading"
	"netlua/bindings/time"
	"netlua/interp"
	"netlua/interp/interptest"
	"netlua/stdlib/socketserver"
)

// modules are what socketserver.lua requires, and socketserver itself.
var modules = []*interp.Module{socket.Module, threading.Module, time.Module, selectors.SelectModule, socketserver.Module}

func run(t *testing.T, src string) string {
	t.Helper()
	return interptest.Run(t, src, modules...)
}

// echoHandler is Lua that defines Echo, a handler that answers each
// connection's first message in upper case.
const echoHandler = `
local Echo = socketserver.BaseRequestHandler:subclass("Echo")
function Echo:handle()
  local data = self.request:recv(1024)
  self.request:sendall(data:upper())
end
`

// connect is Lua for a client socket with a timeout, so no test hangs.
const connect = `
local function connect(address)
  local c = socket.socket()
  c:settimeout(5)
  c:connect(address)
  return c
end
`

func TestTCPServerHandleRequest(t *testing.T) {
	out := run(t, echoHandler+connect+`
local server = socketserver.TCPServer({"127.0.0.1", 0}, Echo)
local c = connect(server.server_address)
c:sendall("hello")
server:handle_request()
print(c:recv(1024))
print(c:recv(1024) == "") -- shutdown_request closed the connection
c:close()
server:server_close()
`)
	if want := "HELLO\ntrue\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestServerAddressHasTheChosenPort(t *testing.T) {
	out := run(t, echoHandler+`
local server = socketserver.TCPServer({"127.0.0.1", 0}, Echo)
local port = server.server_address[2]
print(server.server_address[1], port > 0, port == server.socket:getsockname()[2])
print(tostring(server.server_address) == "('127.0.0.1', " .. port .. ")")
print(server:fileno() == server.socket:fileno())
server:server_close()
`)
	if want := "127.0.0.1\ttrue\ttrue\ntrue\ntrue\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestClassAttributes checks the defaults against CPython 3.11's
// (socketserver.TCPServer.request_queue_size is 5 and so on) and that
// server_activate listens with request_queue_size.
func TestClassAttributes(t *testing.T) {
	out := run(t, echoHandler+`
local T, U = socketserver.TCPServer, socketserver.UDPServer
print(T.request_queue_size, T.allow_reuse_address, T.allow_reuse_port, T.timeout)
print(T.address_family == socket.AF_INET, T.socket_type == socket.SOCK_STREAM, U.socket_type == socket.SOCK_DGRAM)
print(U.max_packet_size, socketserver.ThreadingTCPServer.daemon_threads, socketserver.ThreadingTCPServer.block_on_close)
print(socketserver.StreamRequestHandler.wbufsize, socketserver.StreamRequestHandler.disable_nagle_algorithm)
print(socketserver.TCPServer, socketserver.ThreadingTCPServer)

-- The backlog given to listen is request_queue_size.
local function backlog(cls)
  local server = cls({"127.0.0.1", 0}, Echo, false)
  local real, got = server.socket, nil
  server.socket = setmetatable({
    listen = function(_, n) got = n; return real:listen(n) end,
  }, {__index = function(_, k) return function(_, ...) return real[k](real, ...) end end})
  server:server_bind()
  server:server_activate()
  server:server_close()
  return got
end
print(backlog(socketserver.TCPServer), backlog(socketserver.TCPServer:subclass{request_queue_size = 64}))

-- allow_reuse_address set on a subclass reaches the socket.
local Reuse = socketserver.ThreadingTCPServer:subclass("Reuse", {allow_reuse_address = true})
local server = Reuse({"127.0.0.1", 0}, Echo)
print(server.socket:getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) ~= 0, server.daemon_threads)
server:server_close()
local plain = socketserver.TCPServer({"127.0.0.1", 0}, Echo)
print(plain.socket:getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR))
plain:server_close()
`)
	want := "5\tfalse\tfalse\tnil\n" +
		"true\ttrue\ttrue\n" +
		"8192\tfalse\ttrue\n" +
		"0\tfalse\n" +
		"<class 'socketserver.TCPServer'>\t<class 'socketserver.ThreadingTCPServer'>\n" +
		"5\t64\n" +
		"true\tfalse\n" +
		"0\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestBindAndActivateFalse(t *testing.T) {
	out := run(t, echoHandler+`
local server = socketserver.TCPServer({"127.0.0.1", 0}, Echo, false)
print(server.server_address[2]) -- not bound yet: the address given
server:server_bind()
server:server_activate()
print(server.server_address[2] > 0)
server:server_close()
`)
	if want := "0\ntrue\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestHandlerSteps checks setup, handle, finish order, that finish runs
// when handle raises, and handle_error's report.
func TestHandlerSteps(t *testing.T) {
	rt := interptest.New(t, modules...)
	err := rt.RunString(connect+`
local steps = {}
local H = socketserver.BaseRequestHandler:subclass("H")
function H:setup() table.insert(steps, "setup") end
function H:handle()
  table.insert(steps, "handle " .. tostring(self.server == server) .. " " .. tostring(self.client_address[1]))
  error(ValueError("boom"))
end
function H:finish() table.insert(steps, "finish") end
server = socketserver.TCPServer({"127.0.0.1", 0}, H)
local c = connect(server.server_address)
client_port = c:getsockname()[2]
server:handle_request()
print(table.concat(steps, ", "))
print(c:recv(10) == "")
c:close()
server:server_close()
`, "test")
	if err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	if want := "setup, handle true 127.0.0.1, finish\ntrue\n"; rt.Stdout.String() != want {
		t.Errorf("stdout %q, want %q", rt.Stdout.String(), want)
	}
	port := rt.L.GetGlobal("client_port").String()
	report := rt.Stderr.String()
	lines := interptest.Lines(report)
	dashes := strings.Repeat("-", 40)
	// CPython 3.11 prints the same frame around its traceback.
	if len(lines) < 5 || lines[0] != dashes || lines[len(lines)-1] != dashes {
		t.Fatalf("report not framed by 40 dashes:\n%s", report)
	}
	if want := "Exception occurred during processing of request from ('127.0.0.1', " + port + ")"; lines[1] != want {
		t.Errorf("line 2 = %q, want %q", lines[1], want)
	}
	// connect's lines come first: handle's error() is on line 14.
	if want := "test:14: ValueError: boom"; lines[2] != want {
		t.Errorf("line 3 = %q, want %q", lines[2], want)
	}
	if lines[3] != "stack traceback:" || !strings.Contains(report, "\ttest:14: in function 'handle'\n") {
		t.Errorf("no Lua traceback through handle in:\n%s", report)
	}
}

func TestHandleErrorOverridable(t *testing.T) {
	out := run(t, connect+`
local H = socketserver.BaseRequestHandler:subclass()
function H:handle() error("plain") end
local S = socketserver.TCPServer:subclass()
function S:handle_error(request, client_address, err)
  print("handled", err, client_address[1])
end
local server = S({"127.0.0.1", 0}, H)
local c = connect(server.server_address)
server:handle_request()
c:close()
server:server_close()
`)
	if want := "handled\ttest:10: plain\t127.0.0.1\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestVerifyRequestRefuses(t *testing.T) {
	out := run(t, connect+`
local H = socketserver.BaseRequestHandler:subclass()
function H:handle() print("handled") end
local S = socketserver.TCPServer:subclass()
function S:verify_request(request, client_address) return false end
local server = S({"127.0.0.1", 0}, H)
local c = connect(server.server_address)
server:handle_request()
print(c:recv(10) == "")
c:close()
server:server_close()
`)
	if want := "true\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestHandleRequestTimeout(t *testing.T) {
	out := run(t, echoHandler+`
local S = socketserver.TCPServer:subclass{timeout = 0.1}
function S:handle_timeout() print("timeout") end
local server = S({"127.0.0.1", 0}, Echo)
local t0 = time.monotonic()
server:handle_request()
local waited = time.monotonic() - t0
print(waited >= 0.09, waited < 2)
server:server_close()
`)
	if want := "timeout\ntrue\ttrue\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestThreadingTCPServerConcurrentClients has each handler wait until all
// clients are connected: that only ends if the handlers run at once.
func TestThreadingTCPServerConcurrentClients(t *testing.T) {
	out := run(t, connect+`
local N = 5
local count, all_in = 0, threading.Event()
local H = socketserver.BaseRequestHandler:subclass()
function H:handle()
  local data = self.request:recv(1024)
  count = count + 1
  if count == N then all_in:set() end
  local together = all_in:wait(5)
  self.request:sendall(data .. (together and " together" or " alone"))
end
local server = socketserver.ThreadingTCPServer({"127.0.0.1", 0}, H)
local t = threading.Thread{target = function() server:serve_forever(0.05) end}
t:start()
local clients = {}
for i = 1, N do
  clients[i] = connect(server.server_address)
  clients[i]:sendall("client " .. i)
end
for i = 1, N do
  print(clients[i]:recv(1024))
  clients[i]:close()
end
server:shutdown()
server:server_close()
t:join()
print(t:is_alive())
`)
	want := "client 1 together\nclient 2 together\nclient 3 together\nclient 4 together\nclient 5 together\nfalse\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// TestServerCloseJoinsThreads: block_on_close makes server_close wait for
// request threads that are not daemons; daemon_threads skips them.
func TestServerCloseJoinsThreads(t *testing.T) {
	out := run(t, connect+`
local H = socketserver.BaseRequestHandler:subclass()
function H:handle()
  time.sleep(0.2)
  done = (done or 0) + 1
end
for _, daemon in ipairs({false, true}) do
  done = 0
  local S = socketserver.ThreadingTCPServer:subclass{daemon_threads = daemon}
  local server = S({"127.0.0.1", 0}, H)
  local c = connect(server.server_address)
  server:handle_request()
  server:server_close()
  print(daemon, done)
  c:close()
end
time.sleep(0.3)
`)
	if want := "false\t1\ntrue\t0\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestShutdownFromAnotherThread(t *testing.T) {
	out := run(t, echoHandler+`
local server = socketserver.TCPServer({"127.0.0.1", 0}, Echo)
local stopper = threading.Thread{target = function()
  time.sleep(0.1)
  server:shutdown()
  print("shutdown returned")
end}
stopper:start()
local t0 = time.monotonic()
server:serve_forever(0.05)
print("serve_forever returned", time.monotonic() - t0 < 2)
stopper:join()
server:server_close()
`)
	// shutdown's and serve_forever's lines may come in either order.
	lines := interptest.Lines(out)
	if len(lines) != 2 || !contains(lines, "shutdown returned") || !contains(lines, "serve_forever returned\ttrue") {
		t.Errorf("got %q", out)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestUDPServer(t *testing.T) {
	out := run(t, `
local H = socketserver.DatagramRequestHandler:subclass()
function H:handle()
  local line = self.rfile:readline()
  self.wfile:write(line:upper() .. "|" .. self.rfile:read())
end
local server = socketserver.UDPServer({"127.0.0.1", 0}, H)
local c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
c:settimeout(5)
c:sendto("one\ntwo", server.server_address)
server:handle_request()
local data, addr = c:recvfrom(1024)
print(data, addr[2] == server.server_address[2])

-- BaseRequestHandler on UDP: the request is {data, socket}.
local B = socketserver.BaseRequestHandler:subclass()
function B:handle()
  local data, sock = self.request[1], self.request[2]
  sock:sendto("got " .. data, self.client_address)
end
local threaded = socketserver.ThreadingUDPServer({"127.0.0.1", 0}, B)
local t = threading.Thread{target = function() threaded:serve_forever(0.05) end}
t:start()
for i = 1, 3 do
  c:sendto("datagram " .. i, threaded.server_address)
  print(c:recvfrom(1024))
end
threaded:shutdown()
threaded:server_close()
server:server_close()
c:close()
`)
	lines := interptest.Lines(out)
	if len(lines) != 5 || lines[0] != "ONE" || lines[1] != "|two\ttrue" {
		t.Fatalf("got\n%s", out)
	}
	for i, l := range lines[2:] {
		re := regexp.MustCompile(`^got datagram ` + strconv.Itoa(i+1) + `\t\('127\.0\.0\.1', \d+\)$`)
		if !re.MatchString(l) {
			t.Errorf("line %q", l)
		}
	}
}

func TestUnixStreamServer(t *testing.T) {
	needAFUnix(t)
	path := filepath.Join(t.TempDir(), "stream.sock")
	out := run(t, `
local path = "`+path+`"
local H = socketserver.StreamRequestHandler:subclass()
function H:handle()
  local line = self.rfile:readline()
  self.wfile:write("echo: " .. line)
  print("client address", string.format("%q", self.client_address))
end
local server = socketserver.UnixStreamServer(path, H)
print(server.server_address == path)
local c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
c:settimeout(5)
c:connect(path)
c:sendall("hi there\nrest")
server:handle_request()
print(c:recv(1024))
c:close()
server:server_close()
`)
	if want := "true\nclient address\t\"\"\necho: hi there\n\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestUnixDatagramServer(t *testing.T) {
	needAFUnix(t)
	dir := t.TempDir()
	out := run(t, `
local path, client_path = "`+filepath.Join(dir, "server.sock")+`", "`+filepath.Join(dir, "client.sock")+`"
local H = socketserver.DatagramRequestHandler:subclass()
function H:handle()
  self.wfile:write("from " .. self.client_address .. ": " .. self.rfile:read())
end
local server = socketserver.ThreadingUnixDatagramServer(path, H)
local c = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
c:settimeout(5)
c:bind(client_path)
c:sendto("ping", path)
server:handle_request()
print((c:recvfrom(1024)))
c:close()
server:server_close()
`)
	if want := "from " + filepath.Join(dir, "client.sock") + ": ping\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestTutorialHandler is tutorial 001's MyHandler: setup makes an Event,
// handle loops until the client closes, super calls as in Python.
func TestTutorialHandler(t *testing.T) {
	out := run(t, connect+`
local MyHandler = socketserver.BaseRequestHandler:subclass("MyHandler")
function MyHandler:setup()
  socketserver.super(MyHandler, self):setup()
  self.event = threading.Event()
end
function MyHandler:handle()
  socketserver.super(MyHandler, self):handle()
  print(string.match(tostring(self.server), "^<socketserver.ThreadingTCPServer object at 0x%x+>$") ~= nil,
        tostring(self.client_address):match("^%('127.0.0.1', %d+%)$") ~= nil)
  while not self.event:is_set() do
    local data = self.request:recv(1024)
    local msg = string.format("Your msg=%s", data)
    print(msg)
    self.request:send(msg)
    if data == "" then break end
  end
end
function MyHandler:finish()
  socketserver.BaseRequestHandler.finish(self)
end
local server = socketserver.ThreadingTCPServer({"127.0.0.1", 0}, MyHandler)
local t = threading.Thread{target = function() server:serve_forever() end, daemon = true}
t:start()
local c = connect(server.server_address)
c:sendall("first")
print(c:recv(1024))
c:sendall("second")
print(c:recv(1024))
c:shutdown(socket.SHUT_WR)
print(c:recv(1024))
c:close()
server:shutdown()
server:server_close()
`)
	want := "true\ttrue\nYour msg=first\nYour msg=first\nYour msg=second\nYour msg=second\nYour msg=\nYour msg=\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestClassHelpers(t *testing.T) {
	out := run(t, `
local A = socketserver.object:subclass("A")
function A:__init__(x) self.x = x end
function A:who() return "A" .. self.x end
local M = socketserver.class("M", {tag = "m"})
function M:who() return "M+" .. socketserver.super(M, self):who() end
local C = socketserver.class("C", M, A)
local c = C(1)
print(c:who(), c.tag, c.x, C.tag)
local names = {}
for _, k in ipairs(C.__mro) do table.insert(names, k.__name) end
print(table.concat(names, " "))
print(pcall(socketserver.super, 1, c))
print(pcall(socketserver.super, A, {}))
print(pcall(socketserver.class, 1))
print(pcall(socketserver.BaseServer.serve_forever, {}))
print(pcall(socketserver.TCPServer, {"127.0.0.1", 0}, nil))
`)
	want := "M+A1\tm\t1\tm\n" +
		"C M A object\n" +
		"false\tsuper() argument 1 must be a class, not int\n" +
		"false\tsuper(type, obj): obj must be an instance or subtype of type\n" +
		"false\tclass() base 1 must be a class, not int\n" +
		"false\tdescriptor 'serve_forever' for 'socketserver.BaseServer' objects doesn't apply to a 'table' object (call it as obj:serve_forever(...), with a colon)\n" +
		"false\tTCPServer() argument 'RequestHandlerClass' must be a class, not NoneType\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestHelpEntries(t *testing.T) {
	rt := interptest.New(t, modules...)
	for _, f := range socketserver.Module.Funcs {
		d := rt.EntryNamed("socketserver." + f.Name)
		if d == nil {
			t.Errorf("no help for socketserver.%s", f.Name)
		} else if d.Sig == "" || d.Doc == "" || d.Py == "" {
			t.Errorf("%s: missing Sig, Doc or Py", f.Name)
		}
	}
	// help finds methods by value too.
	if err := rt.RunString(`serve_forever = socketserver.ThreadingTCPServer.serve_forever`, "test"); err != nil {
		t.Fatal(err)
	}
	if d := rt.EntryOf(rt.L.GetGlobal("serve_forever")); d == nil || d.Qualified != "socketserver.BaseServer.serve_forever" {
		t.Errorf("EntryOf(serve_forever) = %+v", d)
	}
}

// TestCtrlCInServeForever: Ctrl-C ends serve_forever with KeyboardInterrupt,
// which handle_error does not swallow, and the server can still be shut
// down and closed after.
func TestCtrlCInServeForever(t *testing.T) {
	rt := interptest.New(t, modules...)
	timer := gotime.AfterFunc(200*gotime.Millisecond, rt.Interrupt)
	defer timer.Stop()
	err := rt.RunString(echoHandler+`
server = socketserver.TCPServer({"127.0.0.1", 0}, Echo)
server:serve_forever(0.05)
`, "test")
	if e := interp.FromLuaError(rt.Runtime, err); err == nil || !e.IsA(interp.KeyboardInterrupt) {
		t.Fatalf("serve_forever ended with %v, want KeyboardInterrupt", err)
	}
	if err := rt.RunString(`server:shutdown() server:server_close() print("closed")`, "test"); err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	if out := rt.Stdout.String(); out != "closed\n" {
		t.Errorf("got %q", out)
	}
	if rt.Stderr.String() != "" {
		t.Errorf("unexpected report on stderr:\n%s", rt.Stderr.String())
	}
}

// TestUnixClasses: the Unix-socket servers exist, with family AF_UNIX,
// exactly where the socket module has AF_UNIX, as in CPython.
func TestUnixClasses(t *testing.T) {
	out := run(t, `
local U, D = socketserver.UnixStreamServer, socketserver.UnixDatagramServer
if socket.AF_UNIX then print(U.address_family == socket.AF_UNIX, D.address_family == socket.AF_UNIX) else print(U, D) end
`)
	if out != unixClasses {
		t.Errorf("got %q, want %q", out, unixClasses)
	}
}

// TestKeywords: the servers and serve_forever take CPython's keyword
// arguments in a last table, and refuse an unknown one, a doubled one, too
// many arguments or a missing one with CPython 3.11's TypeErrors (the
// texts are python3's for the same calls), except that a subclass's
// errors name the class called where CPython names the __init__ it
// inherits (UDPServer.__init__(), not TCPServer.__init__()).
func TestKeywords(t *testing.T) {
	out := run(t, echoHandler+connect+`
local function try(f, ...)
  local ok, e = pcall(f, ...)
  print(ok and "ok" or tostring(e))
end
local server = socketserver.ThreadingTCPServer({"127.0.0.1", 0}, Echo, {bind_and_activate = false})
print(server.server_address[2]) -- not bound: the address given
server.allow_reuse_address = true
server:server_bind()
server:server_activate()
local done = threading.Event()
threading.Thread{target = function() server:serve_forever({poll_interval = 0.01}) done:set() end}:start()
local c = connect(server.server_address)
c:sendall("hi")
print(c:recv(10))
c:close()
server:shutdown()
print(done:wait(5))
server:server_close()
try(socketserver.TCPServer, {"127.0.0.1", 0}, Echo, {x = 1})
try(socketserver.UDPServer, {"127.0.0.1", 0}, Echo, true, {bind_and_activate = false})
try(socketserver.ThreadingTCPServer, {"127.0.0.1", 0}, Echo, true, 1)
try(socketserver.TCPServer)
try(socketserver.TCPServer, {"127.0.0.1", 0})
try(socketserver.TCPServer:subclass("MyServer"), {"127.0.0.1", 0}, Echo, {x = 1})
try(server.serve_forever, server, {x = 1})
try(server.serve_forever, server, 1, 2)
`)
	want := "0\nHI\ntrue\n" +
		"TCPServer.__init__() got an unexpected keyword argument 'x'\n" +
		"UDPServer.__init__() got multiple values for argument 'bind_and_activate'\n" +
		"ThreadingTCPServer.__init__() takes from 3 to 4 positional arguments but 5 were given\n" +
		"TCPServer.__init__() missing 2 required positional arguments: 'server_address' and 'RequestHandlerClass'\n" +
		"TCPServer.__init__() missing 1 required positional argument: 'RequestHandlerClass'\n" +
		"TCPServer.__init__() got an unexpected keyword argument 'x'\n" +
		"BaseServer.serve_forever() got an unexpected keyword argument 'x'\n" +
		"BaseServer.serve_forever() takes from 1 to 2 positional arguments but 3 were given\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}
