package luasocket

import (
	lua "github.com/yuin/gopher-lua"
	"golang.org/x/sys/windows"
)

// disconnect is core.disconnect(fd): on Windows, connecting a UDP socket to
// the any-address dissolves its association. Errors are ignored, as
// LuaSocket ignores them.
func disconnect(L *lua.LState) int {
	fd := L.CheckInt(1)
	windows.Connect(windows.Handle(fd), &windows.SockaddrInet4{})
	return 0
}
