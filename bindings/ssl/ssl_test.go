package ssl_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"netlua/bindings/selectors"
	"netlua/bindings/socket"
	"netlua/bindings/ssl"
	"netlua/bindings/threading"
	"netlua/internal/testcert"
	"netlua/interp"
	"netlua/interp/interptest"
)

var modules = []*interp.Module{socket.Module, ssl.Module, threading.Module, selectors.SelectModule}

// certs makes a fresh certificate set for one test.
func certs(t *testing.T) *testcert.Set {
	t.Helper()
	set, err := testcert.Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// prelude defines, for a snippet, the certificate paths (CA, SERVER, ...)
// and serve(certfile, keyfile, handler): a TLS server on a free loopback
// port whose thread accepts one connection, wraps it and passes it to
// handler (errors in the handshake are printed as "server: CLASS: TEXT");
// it returns the port.
func prelude(set *testcert.Set) string {
	return fmt.Sprintf(`
CA, SERVER, SERVERKEY = %q, %q, %q
CLIENT, CLIENTKEY = %q, %q
EXPIRED, EXPIREDKEY = %q, %q
WRONG, WRONGKEY = %q, %q
SELF, SELFKEY = %q, %q
OTHERCA = %q
function serve(certfile, keyfile, handler, setup)
  local ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
  ctx:load_cert_chain(certfile, keyfile)
  if setup then setup(ctx) end
  local ls = socket.socket()
  ls:bind({"127.0.0.1", 0})
  ls:listen()
  local t = threading.Thread{target = function()
    local c = ls:accept()
    c:settimeout(5)
    local ok, e = pcall(function()
      local s = ctx:wrap_socket(c, {server_side = true})
      handler(s)
      s:close()
    end)
    if not ok then print("server: " .. (getmetatable(e) and getmetatable(e).__name or "") .. ": " .. tostring(e)) end
    c:close()
    ls:close()
  end}
  t:start()
  SERVER_THREAD = t
  return ls:getsockname()[2]
end
function echo(s)
  while true do
    local d = s:recv(1024)
    if d == "" then break end
    s:sendall(d)
  end
end
function client(port, host, cafile)
  local ctx = ssl.create_default_context({cafile = cafile or CA})
  local c = socket.create_connection({"127.0.0.1", port}, 5)
  return ctx:wrap_socket(c, {server_hostname = host or "localhost"})
end
`, set.CA, set.Server, set.ServerKey, set.Client, set.ClientKey, set.Expired, set.ExpiredKey,
		set.WrongName, set.WrongNameKey, set.SelfSigned, set.SelfSignedKey, set.OtherCA)
}

func run(t *testing.T, set *testcert.Set, src string) string {
	t.Helper()
	return interptest.Run(t, prelude(set)+src, modules...)
}

func TestEchoAndConnectionInfo(t *testing.T) {
	set := certs(t)
	out := run(t, set, `
local port = serve(SERVER, SERVERKEY, echo, function(ctx) ctx:set_alpn_protocols({"h2", "echo/1"}) end)
local ctx = ssl.create_default_context({cafile = CA})
ctx:set_alpn_protocols({"echo/1"})
local plain = socket.create_connection({"127.0.0.1", port}, 5)
local s = ctx:wrap_socket(plain, {server_hostname = "localhost"})
print(plain:fileno(), s:fileno() > 0, s.server_hostname, s.context == ctx, s.server_side)
print(tostring(s):match("^<ssl.SSLSocket fd=%d+, family=2, type=1, proto=6, laddr=%('127.0.0.1', %d+%), raddr=%('127.0.0.1', %d+%)>$") ~= nil)
print(s:version(), s:cipher()[1], s:cipher()[2], s:cipher()[3], s:selected_alpn_protocol())
local cert = s:getpeercert()
print(repr(cert.subject))
print(repr(cert.issuer))
print(repr(cert.subjectAltName))
print(cert.version, cert.serialNumber:match("^%x+$") ~= nil, cert.notAfter:match("^%a%a%a [ %d]%d %d%d:%d%d:%d%d %d%d%d%d GMT$") ~= nil)
local der = s:getpeercert(true)
print(ssl.PEM_cert_to_DER_cert(ssl.DER_cert_to_PEM_cert(der)) == der)
s:sendall("hello ")
s:send("tls")
local got = ""
while #got < 9 do got = got .. s:recv(3) end
print(got, s:pending())
s:sendall(("x"):rep(100000))
local n = 0
while n < 100000 do n = n + #s:recv(65536) end
print(n)
local f = s:makefile("rw")
f:write("line one\nline two\n")
f:flush()
print(f:readline(), f:readline())
f:close()
s:close()
print(s:fileno(), tostring(s):find("closed") ~= nil)
`)
	want := `-1	true	localhost	true	false
true
TLSv1.3	TLS_AES_128_GCM_SHA256	TLSv1.3	128	echo/1
((('countryName', 'CN'),), (('organizationName', 'netlua'),), (('commonName', 'localhost'),))
((('organizationName', 'netlua'),), (('commonName', 'netlua test CA'),))
(('DNS', 'localhost'), ('IP Address', '127.0.0.1'), ('IP Address', '0:0:0:0:0:0:0:1'))
3	true	true
true
hello tls	0
100000
line one
	line two

-1	true
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// TestVerificationFailures compares with CPython's texts and codes (checked
// against python3 3.11 with OpenSSL 3).
func TestVerificationFailures(t *testing.T) {
	set := certs(t)
	for _, c := range []struct{ name, cert, key, host, cafile, want string }{
		{"self-signed", "SELF", "SELFKEY", "localhost", "CA", "18 certificate verify failed: self-signed certificate"},
		{"wrong name", "SERVER", "SERVERKEY", "other.example", "CA", "62 certificate verify failed: Hostname mismatch, certificate is not valid for 'other.example'."},
		{"wrong ip", "SERVER", "SERVERKEY", "10.0.0.1", "CA", "64 certificate verify failed: IP address mismatch, certificate is not valid for '10.0.0.1'."},
		{"wrong-name cert", "WRONG", "WRONGKEY", "localhost", "CA", "62 certificate verify failed: Hostname mismatch, certificate is not valid for 'localhost'."},
		{"expired", "EXPIRED", "EXPIREDKEY", "localhost", "CA", "10 certificate verify failed: certificate has expired"},
		{"unknown issuer", "SERVER", "SERVERKEY", "localhost", "OTHERCA", "20 certificate verify failed: unable to get local issuer certificate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := run(t, set, fmt.Sprintf(`
local port = serve(%s, %s, echo)
local ok, e = pcall(client, port, %q, %s)
SERVER_THREAD:join() -- the server's line first
print(ok, getmetatable(e).__name, isinstance(e, ssl.SSLError), isinstance(e, OSError), e.errno, e.library, e.reason)
print(e.verify_code, tostring(e):gsub("^%%[SSL: CERTIFICATE_VERIFY_FAILED%%] ", ""))
print(e.verify_message)
`, c.cert, c.key, c.host, c.cafile))
			lines := interptest.Lines(out)
			// The server sees the client's alert, as OpenSSL reports it.
			if !strings.HasPrefix(lines[0], "server: ssl.SSLError: [SSL: SSLV3_ALERT_BAD_CERTIFICATE] ") {
				t.Errorf("server side: got %q", lines[0])
			}
			lines = lines[1:]
			if len(lines) < 3 || lines[0] != "false\tssl.SSLCertVerificationError\ttrue\ttrue\t1\tSSL\tCERTIFICATE_VERIFY_FAILED" ||
				lines[1] != strings.Replace(c.want, " ", "\t", 1)+"\t1" || !strings.HasSuffix(c.want, lines[2]) {
				t.Errorf("got:\n%s\nwant the verification error %q", out, c.want)
			}
		})
	}
}

// TestNonBlockingSelectLoop drives a handshake and an echo the way a
// select-loop program does: SSLWantReadError means wait for readability.
func TestNonBlockingSelectLoop(t *testing.T) {
	set := certs(t)
	out := run(t, set, `
-- The server answers the ClientHello only 0.3 s after accepting, so the
-- client's first do_handshake surely finds nothing to read.
local sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx:load_cert_chain(SERVER, SERVERKEY)
local ls = socket.socket()
ls:bind({"127.0.0.1", 0})
ls:listen()
local port = ls:getsockname()[2]
threading.Thread{target = function()
  local conn = ls:accept()
  threading.Event():wait(0.3)
  local s = sctx:wrap_socket(conn, {server_side = true})
  echo(s)
  s:close()
  ls:close()
end}:start()
local ctx = ssl.create_default_context({cafile = CA})
local c = socket.create_connection({"127.0.0.1", port}, 5)
c:setblocking(false)
local s = ctx:wrap_socket(c, {server_hostname = "localhost", do_handshake_on_connect = false})
local wants = 0
local function retry(f)
  while true do
    local ok, r = pcall(f)
    if ok then return r end
    if isinstance(r, ssl.SSLWantReadError) then
      wants = wants + 1
      local rl = select.select({s}, {}, {}, 5)
      assert(#rl == 1, "select timed out")
    elseif isinstance(r, ssl.SSLWantWriteError) then
      select.select({}, {s}, {}, 5)
    else
      error(r)
    end
  end
end
retry(function() return s:do_handshake() end)
print("handshake", s:version(), wants > 0)
local ok, e = pcall(s.recv, s, 10)
print(ok, getmetatable(e).__name, tostring(e), e.errno)
retry(function() return s:sendall("ping") end)
print(retry(function() return s:recv(10) end))
s:close()
`)
	want := `handshake	TLSv1.3	true
false	ssl.SSLWantReadError	The operation did not complete (read)	2
ping
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// TestClientCertificates: CERT_REQUIRED on the server, with and without a
// client certificate.
func TestClientCertificates(t *testing.T) {
	set := certs(t)
	out := run(t, set, `
local function setup(ctx) ctx.verify_mode = ssl.CERT_REQUIRED ctx:load_verify_locations(CA) end
local port = serve(SERVER, SERVERKEY, function(s)
  print("server sees", s:getpeercert().subject[3][1][2])
  echo(s)
end, setup)
local ctx = ssl.create_default_context({cafile = CA})
ctx:load_cert_chain(CLIENT, CLIENTKEY)
local s = ctx:wrap_socket(socket.create_connection({"127.0.0.1", port}, 5), {server_hostname = "localhost"})
s:sendall("with cert")
print(s:recv(100))
s:close()
SERVER_THREAD:join()
port = serve(SERVER, SERVERKEY, echo, setup)
local s = client(port)
local ok, e = pcall(function() s:sendall("x") return s:recv(10) end)
SERVER_THREAD:join() -- the server's line first
print(ok, getmetatable(e).__name, tostring(e))
s:close()
`)
	lines := interptest.Lines(out)
	if len(lines) != 4 || lines[0] != "server sees\tnetlua client" || lines[1] != "with cert" ||
		lines[2] != "server: ssl.SSLError: [SSL: PEER_DID_NOT_RETURN_A_CERTIFICATE] peer did not return a certificate" ||
		lines[3] != "false\tssl.SSLError\t[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required" {
		t.Errorf("got:\n%s", out)
	}
}

func TestTrace(t *testing.T) {
	set := certs(t)
	rt := interptest.New(t, modules...)
	err := rt.RunString(prelude(set)+`
local port = serve(SERVER, SERVERKEY, echo)
local c = socket.create_connection({"127.0.0.1", port}, 5)
socket.trace(c)
local s = ssl.create_default_context({cafile = CA}):wrap_socket(c, {server_hostname = "localhost"})
s:sendall("secret")
s:recv(10)
s:close()
SERVER_THREAD:join()
`, "test")
	if err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	trace := rt.Stderr.String()
	for _, want := range []string{"TLS handshake done: TLSv1.3, TLS_AES_128_GCM_SHA256, peer subject CN=localhost,O=netlua,C=CN",
		"TLS sendall 6 bytes", "73 65 63 72 65 74", "secret", "TLS recv 6 bytes", "close"} {
		if !strings.Contains(trace, want) {
			t.Errorf("trace lacks %q:\n%s", want, trace)
		}
	}
}

// TestBadPeers: a plaintext client to a TLS server, a TLS client to a
// plaintext server that says nothing (the timeout ends it), a peer that
// closes mid-handshake. Each ends in an exception, and nothing leaks.
func TestBadPeers(t *testing.T) {
	set := certs(t)
	sockets, goroutines := openSockets(t), runtime.NumGoroutine()
	start := time.Now()
	out := run(t, set, `
local function errtext(e) return getmetatable(e).__name .. ": " .. tostring(e) end
-- A plaintext HTTP client, then junk, to a TLS server: the server raises and goes on.
for _, junk in ipairs({"GET / HTTP/1.0\r\n\r\n", "hello there, not TLS\n"}) do
  local port = serve(SERVER, SERVERKEY, echo)
  local c = socket.create_connection({"127.0.0.1", port}, 5)
  c:sendall(junk)
  print("client got", #c:recv(100) >= 0)
  c:close()
  SERVER_THREAD:join()
end
-- A TLS client to a server that accepts and says nothing: the timeout.
local ls = socket.socket() ls:bind({"127.0.0.1", 0}) ls:listen()
local c = socket.create_connection(ls:getsockname(), 0.3)
local silent = ls:accept()
local ok, e = pcall(function() return ssl.create_default_context({cafile = CA}):wrap_socket(c, {server_hostname = "localhost"}) end)
print(errtext(e))
-- The same server closing mid-handshake.
local c = socket.create_connection(ls:getsockname(), 5)
local peer = ls:accept()
threading.Thread{target = function() peer:recv(4096) peer:close() end}:start()
local ok, e = pcall(function() return ssl.create_default_context({cafile = CA}):wrap_socket(c, {server_hostname = "localhost"}) end)
print(errtext(e))
-- A TLS client to a plaintext server that answers in text.
local c = socket.create_connection(ls:getsockname(), 5)
local peer2 = ls:accept()
threading.Thread{target = function() peer2:recv(1000) peer2:sendall("HTTP/1.0 400 Bad Request\r\n\r\n") peer2:close() end}:start()
local ok, e = pcall(function() return ssl.create_default_context({cafile = CA}):wrap_socket(c, {server_hostname = "localhost"}) end)
print(errtext(e))
ls:close()
silent:close()
collectgarbage()
`)
	want := `server: ssl.SSLError: [SSL: HTTP_REQUEST] http request
client got	true
server: ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number
client got	true
TimeoutError: The handshake operation timed out
ssl.SSLEOFError: [SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol
ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v: something waited past its timeout", d)
	}
	// Handshake goroutines end with their handshakes; descriptors close.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > goroutines+2 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines+2 {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines before, %d after:\n%s", goroutines, n, buf[:runtime.Stack(buf, true)])
	}
	if n := openSockets(t); n > sockets {
		t.Errorf("%d sockets open before, %d after", sockets, n)
	}
}

// TestTimeoutsInterruptAndUnwrap: a read timeout leaves the connection
// usable, Ctrl-C ends a thread blocked in a TLS recv, connect on a wrapped
// unconnected socket does the handshake, and unwrap gives back a plain
// socket after close_notify both ways.
func TestTimeoutsInterruptAndUnwrap(t *testing.T) {
	set := certs(t)
	rt := interptest.New(t, modules...)
	go func() {
		// The chunk prints "blocked" just before its last recv.
		for !strings.Contains(rt.Stdout.String(), "blocked") {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond)
		rt.Interrupt()
	}()
	err := rt.RunString(prelude(set)+`
local port = serve(SERVER, SERVERKEY, function(s)
  s:settimeout(nil)
  local got = s:recv(100)          -- "late", after the client's timeout
  s:sendall(got)
  local plain = s:unwrap()         -- the client unwraps too
  print("server unwrapped", plain:recv(100))
  plain:sendall("plain back")
  plain:recv(100)                  -- until the client closes
  plain:close()
end)
local ctx = ssl.create_default_context({cafile = CA})
local s = ctx:wrap_socket(socket.socket(), {server_hostname = "localhost"})
print(s:version())
s:connect({"127.0.0.1", port})
print(s:version(), s:gettimeout())
s:settimeout(0.2)
local ok, e = pcall(s.recv, s, 10)
print(ok, getmetatable(e).__name, tostring(e))
s:sendall("late")
print(s:recv(10))
local plain = s:unwrap()
print(tostring(plain):match("^<socket.socket fd=%d+") ~= nil, s:fileno())
plain:sendall("plain")
print(plain:recv(100))
-- Ctrl-C during a TLS wait: the server waits for this side to close.
plain:close()
SERVER_THREAD:join()
local port2 = serve(SERVER, SERVERKEY, function(s) s:recv(10) end)
local s2 = client(port2)
s2:settimeout(nil)
print("blocked")
s2:recv(10)
`, "test")
	if err == nil {
		t.Fatal("the last recv returned; Ctrl-C should have ended it")
	}
	e := interp.FromLuaError(rt.Runtime, err)
	if !e.IsA(interp.KeyboardInterrupt) {
		t.Errorf("ended with %s, want KeyboardInterrupt", e.Report())
	}
	want := `nil
TLSv1.3	nil
false	TimeoutError	The read operation timed out
late
true	-1
server unwrapped	plain
plain back
blocked
`
	if got := rt.Stdout.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
