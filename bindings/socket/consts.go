package socket

import (
	lua "github.com/yuin/gopher-lua"
)

func openConstants(L *lua.LState, mod *lua.LTable) {}
