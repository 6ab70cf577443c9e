package ssl_test

import (
	"fmt"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/testcert"
	"netlua/interp"
)

// FuzzServerHandshake feeds arbitrary bytes to a server-side handshake, as a
// hostile client would: each input is sent on a socket pair, whose sending
// side then closes, and the server's handshake must end in a Python
// exception (or succeed), never a Go panic or a hang past its timeout.
// Seeds are a real ClientHello's first bytes, HTTP, and short junk.
func FuzzServerHandshake(f *testing.F) {
	for _, s := range []string{
		"", "GET / HTTP/1.1\r\n\r\n", "\x16\x03\x01\x00\x05hello", "\x16\x03\x01\xff\xff",
		"\x16\x03\x03\x00\x2a\x01\x00\x00\x26\x03\x03" + string(make([]byte, 32)) + "\x00\x00\x02\x13\x01\x01\x00",
		"\x15\x03\x03\x00\x02\x02\x28", "\x17\x03\x03\x00\x10" + string(make([]byte, 16)),
	} {
		f.Add([]byte(s))
	}
	set, err := testcert.Write(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	rt := interp.New(modules...)
	if err := rt.RunString(fmt.Sprintf(`
socket = require("socket")
ssl = require("ssl")
local ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx:load_cert_chain(%q, %q)
function handshake(data)
  local a, b = socket.socketpair()
  a:settimeout(2)
  b:sendall(data)
  b:shutdown(socket.SHUT_WR)
  local ok, e = pcall(function()
    local s = ctx:wrap_socket(a, {server_side = true})
    s:close()
  end)
  a:close()
  b:close()
  return ok or getmetatable(e) ~= nil
end
`, set.Server, set.ServerKey), "fuzz"); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := rt.Call(rt.L.GetGlobal("handshake"), 1, lua.LString(data)); err != nil {
			t.Fatalf("handshake(%q): %v", data, err)
		}
		if ok := rt.L.Get(-1); ok != lua.LTrue {
			t.Fatalf("handshake(%q) raised a plain Lua error, not an exception", data)
		}
		rt.L.Pop(1)
	})
}
