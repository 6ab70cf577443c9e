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
// The declared dests come first, in CPython's order, each shown even when
// its value is None (a missing key: args.host stays nil, so `if args.host
// then` is Python's `if args.host:`); then the fields the program added
// (args.extra = 1), in the order they were added, as CPython's __dict__
// keeps them, with a name that is not an identifier in a **{...} at the end.
func namespaceString(L *lua.LState) int {
	ns := L.CheckTable(1)
	meta, _ := ns.Metatable.(*lua.LTable)
	var parts []string
	declared := map[lua.LValue]bool{}
	if meta != nil {
		if dests, ok := meta.RawGetString("__dests").(*lua.LTable); ok {
			for i := 1; i <= dests.Len(); i++ {
				d := dests.RawGetInt(i)
				declared[d] = true
				parts = append(parts, lua.LVAsString(d)+"="+interp.ReprValue(L, ns.RawGet(d)))
			}
		}
	}
	var star []string
	// Next, not ForEach: Next walks the keys in insertion order.
	for k, v := ns.Next(lua.LNil); k != lua.LNil; k, v = ns.Next(k) {
		name, ok := k.(lua.LString)
		switch {
		case declared[k]:
		case ok && isIdentifier(string(name)):
			parts = append(parts, string(name)+"="+interp.ReprValue(L, v))
		default:
			star = append(star, interp.ReprValue(L, k)+": "+interp.ReprValue(L, v))
		}
	}
	if len(star) > 0 {
		parts = append(parts, "**{"+strings.Join(star, ", ")+"}")
	}
	L.Push(lua.LString("Namespace(" + strings.Join(parts, ", ") + ")"))
	return 1
}

// isIdentifier is Python's str.isidentifier for the ASCII names a Lua
// program writes; a name with other characters goes in the **{...} part.
func isIdentifier(s string) bool {
	if s == "" || '0' <= s[0] && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && !('0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
