package luasocket_test

import (
	"strings"
	"testing"
	"time"

	"netlua/interp"
	"netlua/interp/interptest"
)

// TestThreads runs a LuaSocket-API echo server and several clients, each in
// its own netlua thread: LuaSocket objects work across threads, and their
// failures (a timeout, a closed peer) come back as returned errors.
func TestThreads(t *testing.T) {
	out := interptest.Run(t, `
local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
local function serve(c)
  while true do
    local line, err = c:receive()
    if not line then c:close() return end
    c:send(line:upper() .. "\n")
  end
end
local acceptor = threading.Thread{target = function()
  for _ = 1, 4 do
    local c = assert(server:accept())
    threading.Thread{target = serve, args = {c}}:start()
  end
end}
acceptor:start()
local results = {}
local clients = {}
for i = 1, 4 do
  clients[i] = threading.Thread{target = function()
    local c = assert(socket.connect("127.0.0.1", port))
    local got = {}
    for j = 1, 50 do
      assert(c:send(("client %d line %d\n"):format(i, j)))
      got[#got + 1] = assert(c:receive())
    end
    c:settimeout(0.05)
    local line, err, partial = c:receive()
    results[i] = ("%d %s %s %s %s %q"):format(i, #got, got[50], tostring(line), err, partial)
    c:close()
  end}
  clients[i]:start()
end
for i = 1, 4 do clients[i]:join() end
acceptor:join()
server:close()
for i = 1, 4 do print(results[i]) end
`, modules...)
	want := []string{
		`1 50 CLIENT 1 LINE 50 nil timeout ""`,
		`2 50 CLIENT 2 LINE 50 nil timeout ""`,
		`3 50 CLIENT 3 LINE 50 nil timeout ""`,
		`4 50 CLIENT 4 LINE 50 nil timeout ""`,
	}
	if got := interptest.Lines(out); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestInterruptReceive checks that Ctrl-C in a blocked receive raises
// KeyboardInterrupt (LuaSocket returns only I/O errors), and that the
// object is still usable afterwards.
func TestInterruptReceive(t *testing.T) {
	rt := interptest.New(t, modules...)
	timer := time.AfterFunc(300*time.Millisecond, rt.Interrupt)
	defer timer.Stop()
	err := rt.RunString(`
server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
client = assert(socket.connect("127.0.0.1", port))
peer = assert(server:accept())
blocked = "yes"
local ok, e = pcall(client.receive, client)
caught = e
print(ok, isinstance(e, KeyboardInterrupt))
peer:send("after\n")
print(client:receive())
`, "test")
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if got := rt.Stdout.String(); !strings.HasPrefix(got, "false\ttrue\nafter\tnil\tnil\t") {
		t.Errorf("got %q", got)
	}
	if cls := interp.ClassName(rt.L.GetGlobal("caught")); cls != "KeyboardInterrupt" {
		t.Errorf("caught %s", cls)
	}
}

// TestInterruptUncaught checks that an uncaught Ctrl-C in socket.select
// and in accept ends the program as KeyboardInterrupt.
func TestInterruptUncaught(t *testing.T) {
	for _, src := range []string{
		`local s = assert(socket.bind("127.0.0.1", 0)) s:accept()`,
		`local s = assert(socket.bind("127.0.0.1", 0)) socket.select({s}, nil)`,
		`socket.sleep(30)`,
		`local u = socket.udp4() u:setsockname("127.0.0.1", 0) u:receive()`,
	} {
		rt := interptest.New(t, modules...)
		timer := time.AfterFunc(200*time.Millisecond, rt.Interrupt)
		err := rt.RunString(src, "test")
		timer.Stop()
		if err == nil {
			t.Errorf("%s: no error", src)
			continue
		}
		if msg := interp.FromLuaError(rt.Runtime, err).Message(); !strings.Contains(msg, "KeyboardInterrupt") {
			t.Errorf("%s: %s", src, msg)
		}
	}
}

// TestInterop passes a socket between the two APIs with getfd, setfd and
// socket.socket(nil, nil, nil, fd).
func TestInterop(t *testing.T) {
	out := interptest.Run(t, `
local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
local client = assert(socket.connect("127.0.0.1", port))
local peer = assert(server:accept())
-- LuaSocket -> Python: hand the descriptor over and forget it
local fd = peer:getfd()
peer:setfd(-1)
print(peer:getfd())
local py = socket.socket(nil, nil, nil, fd)
client:send("to python\n")
print(py:recv(100))
py:sendall("from python\n")
print(client:receive())
-- Python -> LuaSocket: setfd makes a client of a connected descriptor
local lua = socket.tcp()
lua:setfd(py:detach())
print(lua.class, lua:getpeername() == "127.0.0.1")
lua:send("from lua again\n")
print(client:receive())
local listener = socket.socket()
listener:bind({"127.0.0.1", 0})
listener:listen(1)
local wrapped = socket.tcp()
wrapped:setfd(listener:detach())
print(wrapped.class)
wrapped:close() lua:close() client:close() server:close()
`, modules...)
	want := "-1\nto python\n\nfrom python\tnil\tnil\t"
	if !strings.HasPrefix(out, want) {
		t.Errorf("got %q", out)
	}
	for _, line := range []string{"tcp{client}\ttrue", "from lua again\tnil\tnil\t", "tcp{server}"} {
		if !strings.Contains(out, line) {
			t.Errorf("missing %q in %q", line, out)
		}
	}
}

// TestTrace checks that LuaSocket objects show in socket.trace, being
// Python-API sockets underneath.
func TestTrace(t *testing.T) {
	rt := interptest.New(t, modules...)
	err := rt.RunString(`
socket.trace(true)
local s = assert(socket.bind("127.0.0.1", 0))
local _, port = s:getsockname()
local c = assert(socket.connect("127.0.0.1", port))
local a = s:accept()
c:send("hi\n")
print(a:receive())
socket.trace(false)
`, "test")
	if err != nil {
		t.Fatal(err)
	}
	trace := rt.Stderr.String()
	for _, want := range []string{" connect\n", " accept -> fd=", " send 3 bytes\n", " recv 3 bytes\n"} {
		if !strings.Contains(trace, want) {
			t.Errorf("trace lacks %q:\n%s", want, trace)
		}
	}
}
