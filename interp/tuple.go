package interp

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// A tuple is a Lua sequence whose metatable prints it as Python prints a
// tuple: ('127.0.0.1', 8080). Addresses, struct.unpack results and unpickled
// tuples are tuples, so a learner sees the same text as in the tutorial.
// Tuples are plain tables otherwise: t[1], #t and unpack(t) work.

const tupleMetaKey = "interp.tuple"

// NewTuple makes a tuple of vals.
func NewTuple(L *lua.LState, vals ...lua.LValue) *lua.LTable {
	t := L.CreateTable(len(vals), 0)
	for _, v := range vals {
		t.Append(v)
	}
	L.SetMetatable(t, tupleMeta(L))
	return t
}

// IsTuple reports whether v was made by NewTuple.
func IsTuple(L *lua.LState, v lua.LValue) bool {
	t, ok := v.(*lua.LTable)
	return ok && t.Metatable == tupleMeta(L)
}

func tupleMeta(L *lua.LState) *lua.LTable {
	if mt, ok := L.G.Registry.RawGetString(tupleMetaKey).(*lua.LTable); ok {
		return mt
	}
	mt := L.NewTable()
	mt.RawSetString("__name", lua.LString("tuple"))
	mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(ReprValue(L, L.Get(1))))
		return 1
	}))
	mt.RawSetString("__eq", L.NewFunction(func(L *lua.LState) int {
		a, _ := L.Get(1).(*lua.LTable)
		b, _ := L.Get(2).(*lua.LTable)
		eq := a != nil && b != nil && a.Len() == b.Len()
		for i := 1; eq && i <= a.Len(); i++ {
			eq = L.Equal(a.RawGetInt(i), b.RawGetInt(i))
		}
		L.Push(lua.LBool(eq))
		return 1
	}))
	L.G.Registry.RawSetString(tupleMetaKey, mt)
	return mt
}

// ReprValue is Python's repr for any Lua value: Repr for nil, booleans,
// numbers and strings; tuples as (1, 2); exceptions as ValueError('x');
// other tables as lists or dicts (see reprTable); values with a __tostring
// metamethod (sockets) through it. L must belong to the runtime (GIL held),
// since __tostring may be Lua code.
func ReprValue(L *lua.LState, v lua.LValue) string {
	return reprIn(L, v, &reprState{seen: map[*lua.LTable]bool{}})
}

// reprState is one repr's walk: the tables being printed (to print a cycle
// as [...]), how deep it is (tuples and exceptions can nest without a
// table of their own being seen twice), and a count for the checkpoint.
type reprState struct {
	seen  map[*lua.LTable]bool
	depth int
	steps int
}

func reprIn(L *lua.LState, v lua.LValue, seen *reprState) string {
	if seen.steps++; seen.steps%checkEvery == 0 {
		Checkpoint(L)
	}
	switch v := v.(type) {
	case *lua.LTable:
		if seen.depth >= MaxDepth {
			RaiseRecursion(L, " while getting the repr of an object")
		}
		seen.depth++
		defer func() { seen.depth-- }()
		mt, _ := v.Metatable.(*lua.LTable)
		switch {
		case mt == nil:
			return reprTable(L, v, seen)
		case mt.RawGetString("__name") == lua.LString("tuple"):
			parts := make([]string, 0, v.Len())
			for i := 1; i <= v.Len(); i++ {
				parts = append(parts, reprSlot(L, v, lua.LNumber(i), v.RawGetInt(i), seen))
			}
			if len(parts) == 1 {
				return "(" + parts[0] + ",)"
			}
			return "(" + strings.Join(parts, ", ") + ")"
		case ClassName(v) != "" && v.RawGetString("args") != lua.LNil:
			return exceptionRepr(L, v, seen)
		case mt.RawGetString("__tostring") != lua.LNil:
			return L.ToStringMeta(v).String()
		}
		return reprTable(L, v, seen)
	case *lua.LUserData:
		return L.ToStringMeta(v).String()
	}
	return Repr(v)
}

// reprSlot is the repr of t[key] = v as an element of t: b'...' for a
// bytes slot (see bytes.go).
func reprSlot(L *lua.LState, t *lua.LTable, key, v lua.LValue, seen *reprState) string {
	if s, ok := v.(lua.LString); ok && IsBytes(t, key) {
		return QuoteBytes(string(s))
	}
	return reprIn(L, v, seen)
}

// reprKey is the repr of k as a key of t.
func reprKey(L *lua.LState, t *lua.LTable, k lua.LValue, seen *reprState) string {
	if s, ok := k.(lua.LString); ok && IsBytesKey(t, k) {
		return QuoteBytes(string(s))
	}
	return reprIn(L, k, seen)
}
