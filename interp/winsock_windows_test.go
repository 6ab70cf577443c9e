package interp_test

import (
	"syscall"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// TestWinsockErrors: a Winsock error is raised as CPython on Windows raises
// it: the class from the WSA code, errno and winerror set, "[WinError N]"
// and real Windows' text (Wine's FormatMessage says "Connection refused.");
// OSError(10061, ...) made in Lua picks the same class.
func TestWinsockErrors(t *testing.T) {
	rt := interptest.New(t)
	rt.L.SetGlobal("raise_wsa", rt.L.NewFunction(func(L *lua.LState) int {
		interp.RaiseErrno(L, syscall.Errno(L.CheckInt(1)))
		return 0
	}))
	if err := rt.RunString(`
for _, code in ipairs({10061, 10054, 10060, 10035, 10038, 10058}) do
  local ok, e = pcall(raise_wsa, code)
  print(e.__name, e.errno, e.winerror, tostring(e))
end
print(OSError(10061, "x").__name)
`, "test"); err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	want := "ConnectionRefusedError\t10061\t10061\t[WinError 10061] No connection could be made because the target machine actively refused it\n" +
		"ConnectionResetError\t10054\t10054\t[WinError 10054] An existing connection was forcibly closed by the remote host\n" +
		"TimeoutError\t10060\t10060\t[WinError 10060] A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond\n" +
		"BlockingIOError\t10035\t10035\t[WinError 10035] A non-blocking socket operation could not be completed immediately\n" +
		"OSError\t10038\t10038\t[WinError 10038] An operation was attempted on something that is not a socket\n" +
		"BrokenPipeError\t10058\t10058\t[WinError 10058] A request to send or receive data was disallowed because the socket had already been shut down in that direction with a previous shutdown call\n" +
		"ConnectionRefusedError\n"
	if got := rt.Stdout.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
