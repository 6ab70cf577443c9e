package json

import (
	"strings"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// How a Lua table is written (see the package doc for the rule).
type tableKind int

const (
	listKind tableKind = iota
	dictKind
	otherKind
)

const arrayMetaKey = "json.array"

// arrayMeta is the metatable that marks a table as a JSON array: loads
// puts it on every array it makes, json.array puts it on any table. It
// names the type "list", so messages and type checks say what it is.
func arrayMeta(L *lua.LState) *lua.LTable {
	reg := interp.Of(L).L.G.Registry
	if mt, ok := reg.RawGetString(arrayMetaKey).(*lua.LTable); ok {
		return mt
	}
	mt := L.CreateTable(0, 1)
	mt.RawSetString("__name", lua.LString("list"))
	reg.RawSetString(arrayMetaKey, mt)
	return mt
}

// kindOf decides whether t is written as an array or an object: marked
// arrays, tuples and pickle's lists are arrays, pickle's dicts objects; a plain table is an array when its keys
// are exactly 1..n with n >= 1, else an object (so {} is {}, as Python's
// {} is); a table with any other metatable (an exception, an object) is
// not JSON.
func kindOf(L *lua.LState, t *lua.LTable) tableKind {
	if t.Metatable != lua.LNil {
		switch {
		case t.Metatable == arrayMeta(L) || interp.IsTuple(L, t):
			return listKind
		case interp.TypeName(t) == "pickle.list":
			return listKind // what pickle.loads makes of a list: json.dumps(pickle.loads(p)) works as in Python
		case interp.TypeName(t) == "pickle.dict":
			return dictKind
		}
		return otherKind
	}
	n := t.Len()
	if n == 0 {
		return dictKind
	}
	count := 0
	for k, _ := t.Next(lua.LNil); k != lua.LNil; k, _ = t.Next(k) {
		count++
		if count > n {
			return dictKind
		}
		if kn, ok := k.(lua.LNumber); !ok || float64(kn) != float64(int(kn)) || kn < 1 || int(kn) > n {
			return dictKind
		}
	}
	if count != n {
		return dictKind
	}
	return listKind
}

// pyTypeName names v's type as Python would in json's TypeErrors: a Lua
// function is a function, a string that is not UTF-8 text is bytes.
func pyTypeName(L *lua.LState, v lua.LValue) string {
	switch v := v.(type) {
	case lua.LString:
		if utf8.ValidString(string(v)) {
			return "str"
		}
		return "bytes"
	case *lua.LFunction:
		return "function"
	case lua.LNumber:
		if float64(v) == float64(int64(v)) {
			return "int"
		}
		return "float"
	case lua.LBool:
		return "bool"
	case *lua.LNilType:
		return "NoneType"
	case *lua.LTable:
		if interp.IsTuple(L, v) {
			return "tuple"
		}
		if name, ok := strings.CutPrefix(interp.TypeName(v), "pickle."); ok {
			return name // pickle.set, pickle.bytes: the Python type they stand for
		}
		if name := interp.ClassName(v); name != "" {
			return name
		}
		return "dict"
	}
	return interp.TypeName(v)
}

// pickleStr is the text of a pickle.str wrapper ({text}, which pickle.str
// makes to say "this is str"): JSON writes it as the string it stands for.
func pickleStr(t *lua.LTable) (string, bool) {
	text, ok := t.RawGetInt(1).(lua.LString)
	return string(text), ok && interp.TypeName(t) == "pickle.str" && utf8.ValidString(string(text))
}
