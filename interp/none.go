package interp

import lua "github.com/yuin/gopher-lua"

// Python's None inside containers. A Lua table cannot hold nil: {nil, 1}
// has no first element and t.k = nil deletes k. So a Python value such as
// [None, 1] or {'k': None} would lose its Nones on the way into Lua. netlua
// keeps them with one sentinel per runtime, the global `none`: a value
// distinct from every other, which tostring and repr show as None.
//
// The rule: a None *inside* a container becomes `none`; a None standing
// alone (a function's result, a top-level value) stays nil, as Lua code
// expects. Going back to Python, both nil and `none` are None. Modules that
// convert Python values (json, and later pickle and struct) use None and
// IsNone from here, so there is one sentinel for the whole runtime.
//
// It is a userdata, so it is true in a Lua `if` (Python's None is false):
// test `v == none` or `v == nil or v == none`, not `if v`.

// noneMarker is the userdata's Value: IsNone compares it, so the check is
// the same whatever runtime made the value.
var noneMarker = &struct{ name string }{"None"}

const noneKey = "interp.none"

// None returns the runtime's sentinel for a None inside a container.
func None(L *lua.LState) lua.LValue {
	return Of(L).L.G.Registry.RawGetString(noneKey)
}

// IsNone reports whether v is the None sentinel.
func IsNone(v lua.LValue) bool {
	ud, ok := v.(*lua.LUserData)
	return ok && ud.Value == noneMarker
}

// installNone makes the sentinel and sets it as the global `none`.
func (rt *Runtime) installNone() {
	L := rt.L
	meta := L.CreateTable(0, 3)
	meta.RawSetString("__name", lua.LString("NoneType"))
	meta.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString("None"))
		return 1
	}))
	// Fields cannot be set on it: none.x = 1 is an error, as in Python.
	meta.RawSetString("__metatable", lua.LString("NoneType"))
	ud := L.NewUserData()
	ud.Value = noneMarker
	ud.Metatable = meta
	L.G.Registry.RawSetString(noneKey, ud)
	L.SetGlobal("none", ud)
}
