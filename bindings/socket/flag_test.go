package socket_test

import (
	"testing"

	"netlua/bindings/socket"
	"netlua/interp/interptest"
)

// A nil passed for a required flag is an error, as Python's None is for
// setblocking, not a silent false that turns the socket non-blocking.
func TestNilFlagIsAnError(t *testing.T) {
	out := interptest.Run(t, `
		local s = socket.socket()
		local ok, e = pcall(s.setblocking, s, nil)
		print(ok, isinstance(e, TypeError), e)
		print(s:gettimeout(), s:getblocking())
		s:setblocking(false)
		print(s:gettimeout())
		s:close()
	`, socket.Module)
	want := "false\ttrue\tsetblocking() argument 'flag' must be true or false, not nil\nnil\ttrue\n0\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
