package queue

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// less is Python's a < b for the values a PriorityQueue holds: numbers
// (and booleans, which Python counts as 0 and 1), strings, and tables
// compared element by element as Python compares tuples, so that
// {priority, data} entries order by priority and then by data. Anything
// else raises CPython's TypeError.
func less(L *lua.LState, a, b lua.LValue) bool {
	if an, ok := number(a); ok {
		if bn, ok := number(b); ok {
			return an < bn
		}
	}
	switch a := a.(type) {
	case lua.LString:
		if b, ok := b.(lua.LString); ok {
			return a < b
		}
	case *lua.LTable:
		if b, ok := b.(*lua.LTable); ok {
			na, nb := a.Len(), b.Len()
			for i := 1; i <= na && i <= nb; i++ {
				x, y := a.RawGetInt(i), b.RawGetInt(i)
				if !equal(x, y) {
					return less(L, x, y)
				}
			}
			return na < nb
		}
	}
	interp.Raise(L, interp.TypeError, "'<' not supported between instances of '%s' and '%s'", pyType(L, a), pyType(L, b))
	return false
}

// number is v as a Python number: true and false count as 1 and 0.
func number(v lua.LValue) (lua.LNumber, bool) {
	n, ok := interp.BoolAsInt(v).(lua.LNumber)
	return n, ok
}

// equal is Python's == for the same values: tables by their elements.
func equal(a, b lua.LValue) bool {
	if an, ok := number(a); ok {
		bn, ok := number(b)
		return ok && an == bn
	}
	at, ok1 := a.(*lua.LTable)
	bt, ok2 := b.(*lua.LTable)
	if ok1 && ok2 {
		if at.Len() != bt.Len() {
			return false
		}
		for i := 1; i <= at.Len(); i++ {
			if !equal(at.RawGetInt(i), bt.RawGetInt(i)) {
				return false
			}
		}
		return true
	}
	return a == b
}

// pyType names a value's Python type for the TypeError.
func pyType(L *lua.LState, v lua.LValue) string {
	switch v := v.(type) {
	case lua.LNumber:
		if float64(v) == float64(int64(v)) {
			return "int"
		}
		return "float"
	case lua.LString:
		return "str"
	case lua.LBool:
		return "bool"
	case *lua.LNilType:
		return "NoneType"
	case *lua.LTable:
		if interp.IsTuple(L, v) {
			return "tuple"
		}
		return "table"
	}
	return interp.TypeName(v)
}
