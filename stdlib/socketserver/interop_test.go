package socketserver_test

import (
	"bufio"
	"context"
	"os/exec"
	"strings"
	"testing"
	gotime "time"

	"netlua/interp"
	"netlua/interp/interptest"
)

func python(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: interop with CPython not tested")
	}
	return path
}

// pythonClient connects three clients at once to the port in argv[1], each
// sending one line, and prints the replies in order.
const pythonClient = `
import socket, sys
port = int(sys.argv[1])
clients = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(3)]
for i, c in enumerate(clients):
    c.sendall(b"python %d\n" % i)
for c in clients:
    print(c.makefile("rb").readline().decode().rstrip())
    c.close()
`

// TestPythonClientAgainstNetluaServer runs a netlua ThreadingTCPServer with
// a StreamRequestHandler; CPython's clients talk to it.
func TestPythonClientAgainstNetluaServer(t *testing.T) {
	py := python(t)
	rt := interptest.New(t, modules...)
	// The Python client starts once the Lua server has printed its port.
	result := make(chan string, 1)
	go func() {
		deadline := gotime.Now().Add(5 * gotime.Second)
		for !strings.Contains(rt.Stdout.String(), "\n") && gotime.Now().Before(deadline) {
			gotime.Sleep(5 * gotime.Millisecond)
		}
		port := strings.TrimSpace(rt.Stdout.String())
		ctx, cancel := context.WithTimeout(context.Background(), 10*gotime.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, py, "-c", pythonClient, port).CombinedOutput()
		if err != nil {
			out = append(out, []byte(err.Error())...)
		}
		result <- string(out)
	}()
	err := rt.RunString(`
local Echo = socketserver.StreamRequestHandler:subclass("Echo")
function Echo:handle()
  local line = self.rfile:readline()
  self.wfile:write("netlua echo: " .. line)
end
local server = socketserver.ThreadingTCPServer({"127.0.0.1", 0}, Echo)
server.timeout = 10 -- handle_request gives up rather than hang the test
print(server.server_address[2])
for i = 1, 3 do server:handle_request() end
server:server_close()
`, "test")
	if err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	want := "netlua echo: python 0\nnetlua echo: python 1\nnetlua echo: python 2\n"
	if got := <-result; got != want {
		t.Errorf("python client printed\n%s\nwant\n%s", got, want)
	}
}

// pythonServer is CPython's socketserver echoing lines in upper case; it
// prints its port, and ends when its standard input closes.
const pythonServer = `
import socketserver, sys, threading
class Upper(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(self.rfile.readline().upper())
server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Upper)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
server.server_close()
`

// TestNetluaClientAgainstPythonServer is the other way round: CPython's
// socketserver serves, netlua's socket module is the client.
func TestNetluaClientAgainstPythonServer(t *testing.T) {
	py := python(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*gotime.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "-c", pythonServer)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close() // the server shuts down and exits
		if err := cmd.Wait(); err != nil {
			t.Errorf("python server: %v", err)
		}
	}()
	port, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("python server printed no port: %v", err)
	}
	out := run(t, `
local port = `+strings.TrimSpace(port)+`
for i = 1, 3 do
  local c = socket.create_connection({"127.0.0.1", port}, 5)
  c:sendall("netlua " .. i .. "\n")
  local f = c:makefile("rb")
  io.write(f:readline())
  f:close()
  c:close()
end
`)
	if want := "NETLUA 1\nNETLUA 2\nNETLUA 3\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
