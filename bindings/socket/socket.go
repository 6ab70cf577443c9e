package socket

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// objectFuncs are the module functions that make socket objects.
var objectFuncs = []interp.Func{}

// objectTypes are the object types: socket.socket and its helpers.
var objectTypes = []*interp.Type{}

func openObjects(L *lua.LState, mod *lua.LTable) {}
