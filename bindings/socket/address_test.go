package socket

import (
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// addrModule exposes toSockaddr and fromSockaddr to Lua, so the address
// conversions are tested the way every binding uses them:
// addr.bind(family, address) converts there and back, as bind followed
// by getsockname would.
var addrModule = &interp.Module{
	Name: "addr",
	Funcs: []interp.Func{{Name: "bind", Fn: func(L *lua.LState) int {
		var family int
		var addr lua.LValue
		interp.UnpackArgs(L, 1, "family", &family, "address", &addr)
		L.Push(fromSockaddr(L, toSockaddr(L, family, addr)))
		return 1
	}}},
}

func runAddr(t *testing.T, src string) string {
	t.Helper()
	return interptest.Run(t, src, Module, addrModule)
}

func TestAddressRoundTrip(t *testing.T) {
	// Expected values from python3.11: bind(addr) then getsockname() on this
	// machine, whose /etc/hosts maps localhost and vm to 127.0.0.1.
	out := runAddr(t, `
		local r = addr.bind
		print(r(socket.AF_INET, {"127.0.0.1", 8080}))
		print(r(socket.AF_INET, {"", 0}))
		print(r(socket.AF_INET, {"localhost", 65535}))
		print(r(socket.AF_INET, {"<broadcast>", 9}))
		print(r(socket.AF_INET, {"1.2.3", 1}))
		print(r(socket.AF_INET, {"0x7f.1", 1}))
		print(r(socket.AF_INET6, {"::1", 80}))
		print(r(socket.AF_INET6, {"", 80}))
		print(r(socket.AF_INET6, {"::ffff:1.2.3.4", 80, 0, 0}))
		print(r(socket.AF_INET6, {"::1.2.3.4", 80}))
		print(r(socket.AF_INET6, {"fe80::1", 80, 5, 1}))
		print(r(socket.AF_INET6, {"2001:db8:0:0:1:0:0:1", 80}))
		print(r(socket.AF_INET6, {"::1", 0, 0, -1}))
	`)
	want := `('127.0.0.1', 8080)
('0.0.0.0', 0)
('127.0.0.1', 65535)
('255.255.255.255', 9)
('1.2.0.3', 1)
('127.0.0.1', 1)
('::1', 80, 0, 0)
('::', 80, 0, 0)
('::ffff:1.2.3.4', 80, 0, 0)
('::1.2.3.4', 80, 0, 0)
('fe80::1', 80, 0, 1)
('2001:db8::1:0:0:1', 80, 0, 0)
('::1', 0, 0, 4294967295)
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestAddressErrors(t *testing.T) {
	// CPython 3.11's messages for the same addresses passed to bind(), with
	// Lua's type names (string, number, table) in place of Python's.
	for _, c := range []struct{ src, want string }{
		{`addr.bind(socket.AF_INET, "x")`, "TypeError: bind(): AF_INET address must be tuple, not str"},
		{`addr.bind(socket.AF_INET, {"x"})`, "TypeError: bind(): AF_INET address must be a pair (host, port)"},
		{`addr.bind(socket.AF_INET, {"127.0.0.1", 1, 2})`, "TypeError: bind(): AF_INET address must be a pair (host, port)"},
		{`addr.bind(socket.AF_INET, {1, 2})`, "TypeError: bind(): str, bytes or bytearray expected, not int"},
		{`addr.bind(socket.AF_INET, {"127.0.0.1", "80"})`, "TypeError: bind(): 'str' object cannot be interpreted as an integer"},
		{`addr.bind(socket.AF_INET, {"127.0.0.1", 1.5})`, "TypeError: bind(): 'float' object cannot be interpreted as an integer"},
		{`addr.bind(socket.AF_INET, {"127.0.0.1", 0/0})`, "TypeError: bind(): 'float' object cannot be interpreted as an integer"},
		{`addr.bind(socket.AF_INET, {"127.0.0.1", -1})`, "OverflowError: bind(): port must be 0-65535."},
		{`addr.bind(socket.AF_INET, {"127.0.0.1", 65536})`, "OverflowError: bind(): port must be 0-65535."},
		{`addr.bind(socket.AF_INET, {"127.0.0.1", 2^64})`, "OverflowError: bind(): port must be 0-65535."},
		{`addr.bind(socket.AF_INET, {"nonexistent.invalid", 80})`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`addr.bind(socket.AF_INET, {"1.2.3.256", 80})`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`addr.bind(socket.AF_INET, {"::1", 80})`, "socket.gaierror: [Errno -9] Address family for hostname not supported"},
		{`addr.bind(socket.AF_INET, {"a\0b", 80})`, "TypeError: bind(): host name must not contain null character"},
		{`addr.bind(socket.AF_INET6, "x")`, "TypeError: bind(): AF_INET6 address must be tuple, not str"},
		{`addr.bind(socket.AF_INET6, {"::1"})`, "TypeError: bind(): AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"},
		{`addr.bind(socket.AF_INET6, {"::1", 1, 2, 3, 4})`, "TypeError: bind(): AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"},
		{`addr.bind(socket.AF_INET6, {"::1", 70000})`, "OverflowError: bind(): port must be 0-65535."},
		{`addr.bind(socket.AF_INET6, {"::1", 0, -1})`, "OverflowError: bind(): flowinfo must be 0-1048575."},
		{`addr.bind(socket.AF_INET6, {"::1", 0, 2^20})`, "OverflowError: bind(): flowinfo must be 0-1048575."},
		{`addr.bind(socket.AF_INET6, {"::1", 0, "x"})`, "TypeError: bind(): 'str' object cannot be interpreted as an integer"},
		{`addr.bind(socket.AF_INET6, {"127.0.0.1", 0})`, "socket.gaierror: [Errno -9] Address family for hostname not supported"},
		{`addr.bind(socket.AF_INET6, {"localhost", 0})`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`addr.bind(socket.AF_INET6, {"<broadcast>", 0})`, "OSError: address family mismatched"},
	} {
		got := interptest.Error(t, c.src, Module, addrModule)
		if want := platformText(c.want); !strings.HasSuffix(got, want) {
			t.Errorf("%s\n got: %s\nwant: ...%s", c.src, got, want)
		}
	}
}
