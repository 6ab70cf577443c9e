package interp

import (
	"fmt"
	"math"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// An Unpacker converts one Lua argument itself; return a message such as
// "must be an address tuple, not number" to reject it.
type Unpacker interface {
	Unpack(L *lua.LState, v lua.LValue) error
}

// UnpackArgs is the one way every builtin checks its arguments (after
// go.starlark.net's UnpackArgs). Messages name the function by its declared
// entry (FuncName), so no builtin spells its own name. Arguments are read
// from Lua stack index first on (2 for methods, after Self took the
// receiver). pairs alternate a parameter name
// and a pointer to store it in; a name ending in "?" and every one after it
// is optional, and a missing or nil optional argument leaves the pointer's
// current value (its default) alone. A last name starting with "*" (as in
// Python's *args) takes every remaining argument into a *[]lua.LValue, for
// functions like struct.pack(fmt, v1, v2, ...).
//
// Pointer types: *int, *int64, *float64 (numbers), *string (strings only:
// Python does not turn numbers into text), *bool (truthiness; nil only for an
// optional flag), *lua.LValue
// (anything), *lua.LTable, *lua.LFunction, *lua.LUserData, and Unpacker.
//
// Errors are TypeError/ValueError with CPython's wording:
// "recv() missing required argument 'bufsize' (pos 1)",
// "recv() argument 'bufsize' must be int, not string".
func UnpackArgs(L *lua.LState, first int, pairs ...any) {
	if len(pairs)%2 != 0 {
		panic("interp.UnpackArgs: pairs must alternate names and pointers")
	}
	nparams := len(pairs) / 2
	nargs := L.GetTop() - first + 1
	if nargs < 0 {
		nargs = 0
	}
	if nparams > 0 && strings.HasPrefix(pairs[2*nparams-2].(string), "*") {
		nparams--
		rest := pairs[2*nparams+1].(*[]lua.LValue)
		*rest = (*rest)[:0]
		for i := first + nparams; i <= L.GetTop(); i++ {
			*rest = append(*rest, L.Get(i))
		}
		nargs = min(nargs, nparams)
	}
	if nargs > nparams {
		Raise(L, TypeError, "%s() takes at most %d argument%s (%d given)", FuncName(L), nparams, plural(nparams), nargs)
	}
	optional := false
	for i := 0; i < nparams; i++ {
		name := pairs[2*i].(string)
		if strings.HasSuffix(name, "?") {
			name = name[:len(name)-1]
			optional = true
		}
		v := L.Get(first + i)
		if v == lua.LNil {
			if optional {
				continue
			}
			if i >= nargs {
				Raise(L, TypeError, "%s() missing required argument '%s' (pos %d)", FuncName(L), name, i+1)
			}
			// A required flag given nil is not false: Python's None is
			// no flag either (s.setblocking(None) is a TypeError).
			if _, flag := pairs[2*i+1].(*bool); flag {
				Raise(L, TypeError, "%s() argument '%s' must be true or false, not nil", FuncName(L), name)
			}
		}
		if msg := unpackOne(L, v, pairs[2*i+1]); msg != "" {
			Raise(L, TypeError, "%s() argument '%s' %s", FuncName(L), name, msg)
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// unpackOne stores v into ptr, or returns why it cannot.
func unpackOne(L *lua.LState, v lua.LValue, ptr any) string {
	switch p := ptr.(type) {
	case *int:
		n, msg := ToInt(v)
		if msg != "" {
			return msg
		}
		*p = int(n)
	case *int64:
		n, msg := ToInt(v)
		if msg != "" {
			return msg
		}
		*p = n
	case *float64:
		n, ok := v.(lua.LNumber)
		if !ok {
			return "must be a number, not " + TypeName(v)
		}
		*p = float64(n)
	case *string:
		s, ok := v.(lua.LString)
		if !ok {
			return "must be a string, not " + TypeName(v)
		}
		*p = string(s)
	case *bool:
		*p = lua.LVAsBool(v)
	case *lua.LValue:
		*p = v
	case **lua.LTable:
		t, ok := v.(*lua.LTable)
		if !ok {
			return "must be a table, not " + TypeName(v)
		}
		*p = t
	case **lua.LFunction:
		f, ok := v.(*lua.LFunction)
		if !ok {
			return "must be a function, not " + TypeName(v)
		}
		*p = f
	case **lua.LUserData:
		u, ok := v.(*lua.LUserData)
		if !ok {
			return "must be userdata, not " + TypeName(v)
		}
		*p = u
	case Unpacker:
		if err := p.Unpack(L, v); err != nil {
			return err.Error()
		}
	default:
		panic(fmt.Sprintf("interp.UnpackArgs: unsupported pointer type %T", ptr))
	}
	return ""
}

// ToInt converts a Lua number holding an integer, or explains why not in
// UnpackArgs' phrasing ("must be int, not string").
func ToInt(v lua.LValue) (int64, string) {
	n, ok := v.(lua.LNumber)
	if !ok {
		return 0, "must be int, not " + TypeName(v)
	}
	f := float64(n)
	if f != math.Trunc(f) || math.IsInf(f, 0) {
		return 0, "must be int, not float"
	}
	if f >= 1<<63 || f < -(1<<63) {
		return 0, "is too large for a 64-bit integer"
	}
	return int64(f), ""
}

// TypeName names v's type for error messages as Python names the value's
// counterpart, so that a TypeError reads as CPython's does ("'str' object
// cannot be interpreted as an integer"): str, int or float (by the number's
// value), bool, NoneType; userdata and tables with a __name in their
// metatable use it ("socket.socket"); other tables and functions keep
// Lua's names, having no one Python type.
func TypeName(v lua.LValue) string {
	if name := objectTypeName(v); name != "" {
		return name
	}
	switch v := v.(type) {
	case lua.LString:
		return "str"
	case lua.LNumber:
		if f := float64(v); f == math.Trunc(f) && !math.IsInf(f, 0) {
			return "int"
		}
		return "float"
	case lua.LBool:
		return "bool"
	case *lua.LNilType:
		return "NoneType"
	}
	return v.Type().String()
}

// objectTypeName is the __name in the metatable of a table or userdata, or "".
func objectTypeName(v lua.LValue) string {
	var mt lua.LValue = lua.LNil
	switch v := v.(type) {
	case *lua.LUserData:
		mt = v.Metatable
	case *lua.LTable:
		mt = v.Metatable
	}
	if t, ok := mt.(*lua.LTable); ok {
		if n, ok := t.RawGetString("__name").(lua.LString); ok {
			return string(n)
		}
	}
	return ""
}
