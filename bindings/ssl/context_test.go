package ssl_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Contexts: CPython's field rules, certificate and key loading (plain,
// encrypted, broken), and the ways to trust an authority.

func TestContextRules(t *testing.T) {
	set := certs(t)
	garbage := t.TempDir() + "/garbage.pem"
	os.WriteFile(garbage, []byte("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"), 0o644)
	out := run(t, set, fmt.Sprintf(`
local function try(f) local ok, e = pcall(f) print(ok and "ok" or (getmetatable(e).__name .. ": " .. tostring(e))) end
local c = ssl.create_default_context()
print(c.protocol, c.verify_mode, c.check_hostname, c.minimum_version, c.maximum_version)
try(function() c.verify_mode = ssl.CERT_NONE end)
c.check_hostname = false
c.verify_mode = ssl.CERT_NONE
print(c.verify_mode)
local s = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
print(s.verify_mode, s.check_hostname)
s.check_hostname = true
print(s.verify_mode)
try(function() ssl.SSLContext(99) end)
try(function() c.verify_mode = 7 end)
try(function() c.protocol = 1 end)
try(function() s:load_cert_chain("/nonexistent/cert.pem") end)
try(function() s:load_cert_chain(%q, SERVERKEY) end)
try(function() s:load_cert_chain(SERVER, CLIENTKEY) end)
try(function() s:load_cert_chain(SERVER, SERVER) end)
try(function() s:load_verify_locations("/nonexistent/ca.pem") end)
try(function() s:load_verify_locations() end)
try(function() s:load_verify_locations(nil, nil, "garbage") end)
try(function() s:load_verify_locations(SERVERKEY) end)
try(function() s:set_ciphers("NOPE:!ALL") end)
try(function() s:set_ciphers("ECDHE+AESGCM:!aNULL") end)
s:load_verify_locations(CA)
print(#s:get_ca_certs(), repr(s:get_ca_certs()[1].subject))
try(function() ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT):wrap_socket(socket.socket()) end)
try(function() ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT):wrap_socket(socket.socket(), {server_side = true}) end)
try(function() ssl.PEM_cert_to_DER_cert("nope") end)
print(ssl.OPENSSL_VERSION:match("^Go crypto/tls") ~= nil, ssl.HAS_SNI, ssl.HAS_ALPN, ssl.HAS_TLSv1_3, ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3)
print(ssl.PROTOCOL_TLS_CLIENT, ssl.PROTOCOL_TLS_SERVER, ssl.CERT_NONE, ssl.CERT_OPTIONAL, ssl.CERT_REQUIRED)
print(ssl.SSLWantReadError, isinstance(ssl.SSLEOFError(8, "x"), ssl.SSLError), tostring(ssl.SSLError(1, "[SSL] text")))
`, garbage))
	want := `16	2	true	771	-1
ValueError: Cannot set verify_mode to CERT_NONE when check_hostname is enabled.
0
0	false
2
ValueError: SSLContext(): invalid or unsupported protocol version 99
ValueError: invalid value for verify_mode
AttributeError: attribute 'protocol' of 'ssl.SSLContext' objects is not writable
FileNotFoundError: [Errno 2] No such file or directory
ssl.SSLError: [SSL] PEM lib
ssl.SSLError: [X509: KEY_VALUES_MISMATCH] key values mismatch
ssl.SSLError: [SSL] PEM lib
FileNotFoundError: [Errno 2] No such file or directory
TypeError: load_verify_locations(): cafile, capath and cadata cannot be all omitted
ssl.SSLError: no start line: cadata does not contain a certificate
ssl.SSLError: [X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found
ssl.SSLError: No cipher can be selected.
ok
1	((('organizationName', 'netlua'),), (('commonName', 'netlua test CA'),))
ValueError: wrap_socket(): check_hostname requires server_hostname
ValueError: wrap_socket(): Cannot create a server socket with a PROTOCOL_TLS_CLIENT context
ValueError: PEM_cert_to_DER_cert(): Invalid PEM encoding; must start with -----BEGIN CERTIFICATE-----
true	true	true	true	771	772
16	17	0	1	2
<class 'ssl.SSLWantReadError'>	true	[SSL] text
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// TestEncryptedKey loads keys encrypted by openssl (PKCS #8 with PBES2, as
// OpenSSL 3 writes by default, and the legacy PEM form) with a password, a
// password function, and a wrong password (CPython's "[SSL] PEM lib").
func TestEncryptedKey(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl: not installed")
	}
	set := certs(t)
	pkcs8 := filepath.Join(set.Dir, "pkcs8.key")
	legacy := filepath.Join(set.Dir, "legacy.key")
	for _, args := range [][]string{
		{"pkcs8", "-topk8", "-in", set.ServerKey, "-out", pkcs8, "-passout", "pass:secret", "-v2", "aes-256-cbc"},
		{"ec", "-in", set.ServerKey, "-out", legacy, "-aes128", "-passout", "pass:secret"},
	} {
		if out, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
			t.Fatalf("openssl %v: %v\n%s", args, err, out)
		}
	}
	out := run(t, set, fmt.Sprintf(`
local function try(f) local ok, e = pcall(f) print(ok and "ok" or (getmetatable(e).__name .. ": " .. tostring(e))) end
for _, key in ipairs({%q, %q}) do
  local ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
  try(function() ctx:load_cert_chain(SERVER, key, "secret") end)
  try(function() ctx:load_cert_chain(SERVER, key, function() return "secret" end) end)
  try(function() ctx:load_cert_chain(SERVER, key, "wrong") end)
  try(function() ctx:load_cert_chain(SERVER, key) end)
end
try(function() ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER):load_cert_chain(SERVER, SERVERKEY, function() return 5 end) end)
try(function() ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER):load_cert_chain(SERVER, SERVERKEY, 5) end)
-- The key decrypted is the server's: a client can verify it.
local port = serve(SERVER, SERVERKEY, echo, function(ctx) ctx:load_cert_chain(SERVER, %q, "secret") end)
local s = client(port)
s:sendall("decrypted")
print(s:recv(100))
s:close()
`, pkcs8, legacy, pkcs8))
	want := strings.Repeat("ok\nok\nssl.SSLError: [SSL] PEM lib\nssl.SSLError: [SSL] PEM lib\n", 2) +
		"TypeError: load_cert_chain(): password callback must return a string\nTypeError: load_cert_chain(): password should be a string or callable\ndecrypted\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// TestTrustSources: a CA given as a capath directory, as PEM text and as DER
// bytes (cadata) is trusted for a handshake and listed by get_ca_certs; a
// server without client authentication sees no client certificate.
func TestTrustSources(t *testing.T) {
	set := certs(t)
	capath := t.TempDir()
	pemText, err := os.ReadFile(set.CA)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(capath, "ca.pem"), pemText, 0o644)
	out := run(t, set, fmt.Sprintf(`
local pem = io.open(CA):read("*a")
local der = ssl.PEM_cert_to_DER_cert(pem)
for _, how in ipairs({"capath", "pem", "der"}) do
  local ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
  if how == "capath" then ctx:load_verify_locations(nil, %q)
  elseif how == "pem" then ctx:load_verify_locations(nil, nil, pem)
  else ctx:load_verify_locations(nil, nil, der) end
  local port = serve(SERVER, SERVERKEY, function(s) print("server sees client cert", s:getpeercert()) echo(s) end)
  local s = ctx:wrap_socket(socket.create_connection({"127.0.0.1", port}, 5), {server_hostname = "localhost"})
  s:sendall(how)
  print(s:recv(10), #ctx:get_ca_certs(), ctx:get_ca_certs(true)[1] == der, ctx:get_ca_certs()[1].subject[2][1][2])
  s:close()
  SERVER_THREAD:join()
end
`, capath))
	want := ""
	for _, how := range []string{"capath", "pem", "der"} {
		want += "server sees client cert\tnil\n" + how + "\t1\ttrue\tnetlua test CA\n"
	}
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}
