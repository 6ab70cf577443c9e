//go:build unix

package socket

import (
	"strings"
	"testing"

	"netlua/interp/interptest"
)

// The cases of the address and conversion tests that need what CPython has
// only on Unix: AF_UNIX addresses, and CMSG_LEN and CMSG_SPACE.

func TestUnixAddresses(t *testing.T) {
	out := runAddr(t, `
		local r = addr.bind
		print(r(socket.AF_UNIX, "/tmp/x.sock") == "/tmp/x.sock")
		print(r(socket.AF_UNIX, "\0abstract") == "\0abstract")
		print(r(socket.AF_UNIX, "") == "")
	`)
	if out != "true\ntrue\ntrue\n" {
		t.Errorf("got %q", out)
	}
	for _, c := range []struct{ src, want string }{
		{`addr.bind(socket.AF_UNIX, 1)`, "TypeError: bind(): a bytes-like object is required, not 'int'"},
		{`addr.bind(socket.AF_UNIX, {"a"})`, "TypeError: bind(): a bytes-like object is required, not 'table'"},
		{`addr.bind(socket.AF_UNIX, ("a"):rep(200))`, "OSError: AF_UNIX path too long"},
	} {
		got := interptest.Error(t, c.src, Module, addrModule)
		if !strings.HasSuffix(got, c.want) {
			t.Errorf("%s\n got: %s\nwant: ...%s", c.src, got, c.want)
		}
	}
	errorCases(t, []exprCase{
		{`socket.inet_pton(socket.AF_UNIX, "x")`, "OSError: [Errno 97] Address family not supported by protocol"},
		{`socket.inet_ntop(socket.AF_UNIX, "abcd")`, "ValueError: inet_ntop(): unknown address family 1"},
	})
}

func TestCmsgSizes(t *testing.T) {
	runExprs(t, []exprCase{
		{`socket.CMSG_LEN(4)`, `20`},
		{`socket.CMSG_SPACE(4)`, `24`},
		{`socket.CMSG_LEN(2^31 - 17)`, `2147483647`},
	})
	errorCases(t, []exprCase{
		{`socket.CMSG_LEN(-1)`, "OverflowError: CMSG_LEN() argument out of range"},
		{`socket.CMSG_SPACE(-1)`, "OverflowError: CMSG_SPACE() argument out of range"},
		{`socket.CMSG_LEN(2^31 - 16)`, "OverflowError: CMSG_LEN() argument out of range"},
		{`socket.CMSG_SPACE(2^31 - 24)`, "OverflowError: CMSG_SPACE() argument out of range"},
	})
}
