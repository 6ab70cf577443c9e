package ssl_test

import (
	"bufio"
	"fmt"
	"netlua/interp"
	"netlua/interp/interptest"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Interop with CPython's ssl (OpenSSL underneath), both directions: echo,
// getpeercert, version, cipher, client certificates with CERT_REQUIRED, ALPN.

func python(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3: not installed")
	}
	return p
}

// pyServer is a CPython TLS echo server for one connection that requires a
// client certificate and offers ALPN; it prints what it saw of the client.
const pyServer = `
import socket, ssl, sys
ca, cert, key = sys.argv[1:4]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
ctx.load_verify_locations(ca)
ctx.verify_mode = ssl.CERT_REQUIRED
ctx.set_alpn_protocols(["h2", "echo/1"])
ls = socket.create_server(("127.0.0.1", 0))
print(ls.getsockname()[1], flush=True)
c, _ = ls.accept()
s = ctx.wrap_socket(c, server_side=True)
print("py server: client", dict(x[0] for x in s.getpeercert()["subject"])["commonName"], s.version(), s.selected_alpn_protocol(), flush=True)
while True:
    d = s.recv(1024)
    if not d:
        break
    s.sendall(d)
s.close()
`

func TestInteropNetluaClientPythonServer(t *testing.T) {
	py := python(t)
	set := certs(t)
	cmd := exec.Command(py, "-c", pyServer, set.CA, set.Server, set.ServerKey)
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		t.Fatalf("python server did not start: %s", stderr.String())
	}
	port := strings.TrimSpace(lines.Text())
	out := run(t, set, fmt.Sprintf(`
local ctx = ssl.create_default_context({cafile = CA})
ctx:load_cert_chain(CLIENT, CLIENTKEY)
ctx:set_alpn_protocols({"echo/1"})
local s = ctx:wrap_socket(socket.create_connection({"127.0.0.1", %s}, 5), {server_hostname = "localhost"})
print(s:version(), s:cipher()[1], s:cipher()[2], s:selected_alpn_protocol())
print(s:getpeercert().subject[3][1][2], s:getpeercert().issuer[2][1][2])
s:sendall("from netlua")
print(s:recv(100))
s:close()
`, port))
	want := "TLSv1.3\tTLS_AES_256_GCM_SHA384\tTLSv1.3\techo/1\nlocalhost\tnetlua test CA\nfrom netlua\n"
	if out != want {
		t.Errorf("netlua client got:\n%s\nwant:\n%s", out, want)
	}
	done := make(chan struct{})
	go func() {
		for lines.Scan() {
			if l := lines.Text(); l != "py server: client netlua client TLSv1.3 echo/1" {
				t.Errorf("python server printed %q", l)
			}
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Error("python server did not finish")
	}
	cmd.Wait()
}

// pyClient connects with a client certificate and ALPN, prints what it saw
// of the netlua server, and checks the echo.
const pyClient = `
import socket, ssl, sys
ca, cert, key, port = sys.argv[1:5]
ctx = ssl.create_default_context(cafile=ca)
ctx.load_cert_chain(cert, key)
ctx.set_alpn_protocols(["echo/1"])
s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", int(port)), timeout=5), server_hostname="localhost")
pc = s.getpeercert()
print(s.version(), s.cipher()[0], s.selected_alpn_protocol())
print(pc["subject"], pc["subjectAltName"])
s.sendall(b"from python")
print(s.recv(100))
s.close()
`

func TestInteropPythonClientNetluaServer(t *testing.T) {
	py := python(t)
	set := certs(t)
	rt := interptest.New(t, modules...)
	// The chunk returns once the server thread waits in accept.
	if err := rt.RunString(prelude(set)+`
print(serve(SERVER, SERVERKEY, function(s)
  print("netlua server: client", s:getpeercert().subject[3][1][2], s:version(), s:selected_alpn_protocol())
  echo(s)
end, function(ctx)
  ctx.verify_mode = ssl.CERT_REQUIRED
  ctx:load_verify_locations(CA)
  ctx:set_alpn_protocols({"h2", "echo/1"})
end))
`, "test"); err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	port := strings.TrimSpace(rt.Stdout.String())
	cmd := exec.Command(py, "-c", pyClient, set.CA, set.Client, set.ClientKey, port)
	var pyOut []byte
	var err error
	ran := make(chan struct{})
	go func() { pyOut, err = cmd.CombinedOutput(); close(ran) }()
	rt.WaitThreads() // lets the server thread run meanwhile
	<-ran
	if err != nil {
		t.Fatalf("python client: %v\n%s", err, pyOut)
	}
	want := `TLSv1.3 TLS_AES_128_GCM_SHA256 echo/1
((('countryName', 'CN'),), (('organizationName', 'netlua'),), (('commonName', 'localhost'),)) (('DNS', 'localhost'), ('IP Address', '127.0.0.1'), ('IP Address', '0:0:0:0:0:0:0:1'))
b'from python'
`
	if string(pyOut) != want {
		t.Errorf("python client got:\n%s\nwant:\n%s", pyOut, want)
	}
	if got := strings.TrimPrefix(rt.Stdout.String(), port+"\n"); got != "netlua server: client\tnetlua client\tTLSv1.3\techo/1\n" {
		t.Errorf("netlua server printed %q", got)
	}
}
