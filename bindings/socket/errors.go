package socket

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// The socket module's own exception classes. socket.error is OSError and
// socket.timeout is TimeoutError, as in Python 3.10+.
var (
	GaiError = interp.NewClass("socket.gaierror", interp.OSError)
	HError   = interp.NewClass("socket.herror", interp.OSError)
)

func openErrors(L *lua.LState, mod *lua.LTable) {
	rt := interp.Of(L)
	mod.RawSetString("error", rt.ClassTable(interp.OSError))
	mod.RawSetString("timeout", rt.ClassTable(interp.TimeoutError))
	mod.RawSetString("gaierror", rt.ClassTable(GaiError))
	mod.RawSetString("herror", rt.ClassTable(HError))
}
