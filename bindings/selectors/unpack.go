package selectors

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// unpackArgs is interp.UnpackArgs in the form this package's calls still
// have, with the function's name first. interp now takes the name from the
// function's declared entry (interp.FuncName), so fname is not used: the
// calls become interp.UnpackArgs(L, first, ...) when this package is
// converted, after its rewrite for other systems lands, and this file goes.
func unpackArgs(L *lua.LState, fname string, first int, pairs ...any) {
	interp.UnpackArgs(L, first, pairs...)
}
