package argparse

import (
	"strings"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// newNamespace makes the table parse_args returns. Its metatable is
// namespaceType's with the dests in Python's order added, since a None
// value is a missing key and the printed Namespace(...) still shows it.
func newNamespace(L *lua.LState, ps *parse) *lua.LTable {
	ns := L.NewTable()
	meta := L.NewTable()
	interp.Of(L).TypeMeta(namespaceType).ForEach(func(k, v lua.LValue) { meta.RawSet(k, v) })
	dests := L.NewTable()
	for _, d := range ps.order {
		dests.Append(lua.LString(d))
		ns.RawSetString(d, ps.values[d])
	}
	meta.RawSetString("__dests", dests)
	meta.RawSetString("__tostring", L.NewFunction(namespaceString))
	L.SetMetatable(ns, meta)
	return ns
}

// namespaceString is Namespace.__repr__: Namespace(port=9999, files=['a']).
func namespaceString(L *lua.LState) int {
	ns := L.CheckTable(1)
	meta, _ := ns.Metatable.(*lua.LTable)
	var parts []string
	if meta != nil {
		if dests, ok := meta.RawGetString("__dests").(*lua.LTable); ok {
			for i := 1; i <= dests.Len(); i++ {
				d := dests.RawGetInt(i)
				parts = append(parts, lua.LVAsString(d)+"="+interp.ReprValue(L, ns.RawGet(d)))
			}
		}
	}
	L.Push(lua.LString("Namespace(" + strings.Join(parts, ", ") + ")"))
	return 1
}
