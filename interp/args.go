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
// Keyword arguments: a function whose declaration's Sig ends its arguments
// with a table ({errors=, ...}) also takes Python's keyword arguments, as a
// last table; the names are these parameter names, keyword-only ones listed
// last or after the "*" rest (keywords.go has the rule for telling the
// keyword table from a table argument).
//
// Pointer types: *int, *int64 (integers; true and false are 1 and 0, as
// Python's bools are ints), *float64 (numbers and bools), *string (strings
// only: Python does not turn numbers into text), *bool (truthiness; nil only for an optional flag),
// *lua.LValue (anything), *lua.LTable, *lua.LFunction, *lua.LUserData, and
// Unpacker.
//
// Errors are TypeError/ValueError with CPython's wording:
// "recv() missing required argument 'bufsize' (pos 1)",
// "recv() argument 'bufsize' must be int, not string".
func UnpackArgs(L *lua.LState, first int, pairs ...any) {
	if len(pairs)%2 != 0 {
		panic("interp.UnpackArgs: pairs must alternate names and pointers")
	}
	top := L.GetTop()
	if top >= first {
		if t, ok := L.Get(top).(*lua.LTable); ok && t.Metatable == lua.LNil {
			if e := runningEntry(L); e != nil && len(e.Keywords) > 0 {
				unpackCall(L, e, first, t, pairs)
				return
			}
		}
	}
	nparams := len(pairs) / 2
	nargs := max(top-first+1, 0)
	for r := 0; r < nparams; r++ {
		if strings.HasPrefix(pairs[2*r].(string), "*") {
			// the rest; names after it are keyword-only (Python's
			// f(*args, key=...)), given only in a keyword table
			nparams = r
			rest := pairs[2*r+1].(*[]lua.LValue)
			*rest = (*rest)[:0]
			for i := first + nparams; i <= top; i++ {
				*rest = append(*rest, L.Get(i))
			}
			nargs = min(nargs, nparams)
		}
	}
	if nargs > nparams {
		refuseKeywords(L, L.Get(top))
		Raise(L, TypeError, "%s() takes at most %d argument%s (%d given)", FuncName(L), nparams, plural(nparams), nargs)
	}
	optional := -1
	for i := 0; i < nparams; i++ {
		name := pairs[2*i].(string)
		if strings.HasSuffix(name, "?") {
			name = name[:len(name)-1]
			if optional < 0 {
				optional = i
			}
		}
		v := L.Get(first + i)
		if v == lua.LNil {
			if optional >= 0 {
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
			if first+i == top {
				refuseKeywords(L, v)
			}
			raiseArg(L, name, msg)
		}
	}
	if optional >= 0 && nargs > optional {
		// An optional argument was given positionally: refuse it if
		// CPython takes it only by keyword.
		if e := runningEntry(L); e != nil && len(e.Keywords) > 0 {
			p := parseParams(pairs)
			checkPositional(L, e, &p, nargs)
		}
	}
}

// unpackCall is UnpackArgs for a call to a function declaring keywords
// whose last argument is a plain table t: the keyword table or not.
func unpackCall(L *lua.LState, e *Entry, first int, t *lua.LTable, pairs []any) {
	p := parseParams(pairs)
	top := L.GetTop()
	nargs := top - first + 1
	var kw *lua.LTable
	if keywordTable(e, &p, t, nargs) {
		kw = t
		nargs--
		top--
	}
	if p.rest != nil {
		*p.rest = (*p.rest)[:0]
		for i := first + p.restAt; i <= top; i++ {
			*p.rest = append(*p.rest, L.Get(i))
		}
		nargs = min(nargs, p.restAt)
	}
	// Names and counts are checked before any value is converted, in
	// the order CPython checks them: a Python function binds keywords
	// then finds what is missing; argument clinic counts, finds what is
	// missing, then looks at the keywords.
	checkPositional(L, e, &p, nargs)
	keys := keywordNames(L, kw)
	if e.PyFunc {
		checkKeywords(L, e, &p, keys, nargs)
		checkMissing(L, e, &p, kw, nargs)
	} else {
		if total := nargs + len(keys); p.rest == nil && total > len(p.names) {
			if nargs == 0 {
				Raise(L, TypeError, "%s() takes at most %d keyword argument%s (%d given)", e.Name, len(p.names), plural(len(p.names)), total)
			}
			Raise(L, TypeError, "%s() takes at most %d argument%s (%d given)", e.Name, len(p.names), plural(len(p.names)), total)
		}
		checkMissing(L, e, &p, kw, nargs)
		checkKeywords(L, e, &p, keys, nargs)
	}
	for i := 0; i < nargs; i++ {
		if v := L.Get(first + i); v != lua.LNil || i < p.required {
			if msg := unpackOne(L, v, p.ptrs[i]); msg != "" {
				raiseArg(L, p.names[i], msg)
			}
		}
	}
	for _, key := range keys {
		if msg := unpackOne(L, kw.RawGetString(key), p.ptrs[indexOf(p.names, key)]); msg != "" {
			raiseArg(L, key, msg)
		}
	}
}

// checkMissing raises CPython's TypeError for the first required
// parameter given neither among the nargs positional arguments nor in kw.
func checkMissing(L *lua.LState, e *Entry, p *params, kw *lua.LTable, nargs int) {
	var names []string
	for i := nargs; i < p.required; i++ {
		if kw == nil || kw.RawGetString(p.names[i]) == lua.LNil {
			if !e.PyFunc {
				missing(L, e, p, i, nargs)
			}
			names = append(names, "'"+p.names[i]+"'")
		}
	}
	// Python names every missing one: "'host' and 'port'",
	// "'a', 'b', and 'c'".
	switch n := len(names); {
	case n == 1:
		Raise(L, TypeError, "%s() missing 1 required positional argument: %s", e.pyName(L), names[0])
	case n == 2:
		Raise(L, TypeError, "%s() missing 2 required positional arguments: %s and %s", e.pyName(L), names[0], names[1])
	case n > 2:
		Raise(L, TypeError, "%s() missing %d required positional arguments: %s, and %s", e.pyName(L), n,
			strings.Join(names[:n-1], ", "), names[n-1])
	}
}

// missing raises CPython's TypeError for required parameter i of a C
// function.
func missing(L *lua.LState, e *Entry, p *params, i, nargs int) {
	name := p.names[i]
	switch most := p.positional(e); {
	case e.keywordOf(name) != nil:
		Raise(L, TypeError, "%s() missing required argument '%s' (pos %d)", e.Name, name, i+1)
	case p.required == most:
		Raise(L, TypeError, "%s() takes exactly %d positional argument%s (%d given)", e.Name, most, plural(most), nargs)
	default:
		// at least the required ones that only come positionally
		least := 0
		for _, n := range p.names[:p.required] {
			if e.keywordOf(n) == nil {
				least++
			}
		}
		Raise(L, TypeError, "%s() takes at least %d positional argument%s (%d given)", e.Name, least, plural(least), nargs)
	}
}

// checkPositional raises CPython's TypeError when nargs positional
// arguments are more than e takes positionally.
func checkPositional(L *lua.LState, e *Entry, p *params, nargs int) {
	most := p.positional(e)
	if nargs <= most || p.rest != nil {
		return
	}
	least := p.required
	if e.PyFunc && e.pyName(L) != e.Name {
		// Python counts self among a method's positional arguments
		least, most, nargs = least+1, most+1, nargs+1
	}
	switch {
	case e.PyFunc && least == most:
		Raise(L, TypeError, "%s() takes %d positional argument%s but %d were given", e.pyName(L), most, plural(most), nargs)
	case e.PyFunc:
		Raise(L, TypeError, "%s() takes from %d to %d positional arguments but %d were given", e.pyName(L), least, most, nargs)
	case most == len(p.names):
		Raise(L, TypeError, "%s() takes at most %d argument%s (%d given)", e.Name, most, plural(most), nargs)
	case least == most:
		Raise(L, TypeError, "%s() takes exactly %d positional argument%s (%d given)", e.Name, most, plural(most), nargs)
	default:
		Raise(L, TypeError, "%s() takes at most %d positional arguments (%d given)", e.Name, most, nargs)
	}
}

// refuseKeywords raises CPython's "f() takes no keyword arguments" when v,
// a last argument UnpackArgs refuses, looks like keywords (a plain table
// with string keys) given to a function that declares none: a table is
// never silently taken for something else.
func refuseKeywords(L *lua.LState, v lua.LValue) {
	t, ok := v.(*lua.LTable)
	if !ok || t.Metatable != lua.LNil {
		return
	}
	k, _ := t.Next(lua.LNil)
	if _, ok := k.(lua.LString); !ok {
		return
	}
	if e := runningEntry(L); e != nil && len(e.Keywords) == 0 {
		Raise(L, TypeError, "%s() takes no keyword arguments", e.Name)
	}
}

// raiseArg raises unpackOne's complaint msg about parameter name.
func raiseArg(L *lua.LState, name, msg string) {
	if msg == floatNotInt {
		Raise(L, TypeError, "'float' object cannot be interpreted as an integer")
	}
	Raise(L, TypeError, "%s() argument '%s' %s", FuncName(L), name, msg)
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
		switch n := v.(type) {
		case lua.LNumber:
			*p = float64(n)
		case lua.LBool:
			*p = float64(boolInt(n))
		default:
			return "must be a number, not " + TypeName(v)
		}
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

// floatNotInt is ToInt's complaint about a number that is not integral:
// UnpackArgs raises it as CPython does, "'float' object cannot be
// interpreted as an integer".
const floatNotInt = "must be int, not float"

// ToInt converts a Lua value that Python would take as an int, or explains
// why not in UnpackArgs' phrasing ("must be int, not string"). Lua has one
// number type, so an integral number is Python's int and only a
// non-integral one (or an infinity, or NaN) is a float; true and false are
// 1 and 0, as Python's bool is an int.
func ToInt(v lua.LValue) (int64, string) {
	if b, ok := v.(lua.LBool); ok {
		return boolInt(b), ""
	}
	n, ok := v.(lua.LNumber)
	if !ok {
		return 0, "must be int, not " + TypeName(v)
	}
	f := float64(n)
	if f != math.Trunc(f) || math.IsInf(f, 0) {
		return 0, floatNotInt
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

func boolInt(b lua.LBool) int64 {
	if b {
		return 1
	}
	return 0
}

// BoolAsInt is v with true and false as the numbers 1 and 0, as Python's
// bool is an int, for a binding that reads a raw value where CPython takes
// an int or a float (setsockopt's value, htons, settimeout); any other
// value is returned as it is.
func BoolAsInt(v lua.LValue) lua.LValue {
	if b, ok := v.(lua.LBool); ok {
		return lua.LNumber(boolInt(b))
	}
	return v
}
