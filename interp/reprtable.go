package interp

import (
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// reprTable is Python's repr for a plain table: a sequence (keys 1..n) prints
// as a list [1, 'a'], anything else as a dict {1: 'Client', 'k': True} with
// keys sorted (numbers first), since Lua tables keep no insertion order. A
// table met again inside itself prints as [...] or {...}, as Python does.
func reprTable(L *lua.LState, t *lua.LTable, seen *reprState) string {
	n := t.Len()
	isList := true
	count := 0
	t.ForEach(func(k, _ lua.LValue) {
		count++
		if kn, ok := k.(lua.LNumber); !ok || float64(kn) < 1 || float64(kn) > float64(n) || float64(kn) != float64(int(kn)) {
			isList = false
		}
	})
	if count != n {
		isList = false
	}
	if seen.seen[t] {
		if isList {
			return "[...]"
		}
		return "{...}"
	}
	seen.seen[t] = true
	defer delete(seen.seen, t)
	if isList {
		parts := make([]string, n)
		for i := 1; i <= n; i++ {
			parts[i-1] = reprSlot(L, t, lua.LNumber(i), t.RawGetInt(i), seen)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	type pair struct{ k, v lua.LValue }
	var pairs []pair
	t.ForEach(func(k, v lua.LValue) { pairs = append(pairs, pair{k, v}) })
	sort.Slice(pairs, func(i, j int) bool { return keyLess(pairs[i].k, pairs[j].k) })
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = reprKey(L, t, p.k, seen) + ": " + reprSlot(L, t, p.k, p.v, seen)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// keyLess orders table keys for printing: numbers ascending, then strings,
// then everything else by its text.
func keyLess(a, b lua.LValue) bool {
	an, aNum := a.(lua.LNumber)
	bn, bNum := b.(lua.LNumber)
	switch {
	case aNum && bNum:
		return an < bn
	case aNum != bNum:
		return aNum
	}
	as, aStr := a.(lua.LString)
	bs, bStr := b.(lua.LString)
	switch {
	case aStr && bStr:
		return as < bs
	case aStr != bStr:
		return aStr
	}
	return a.String() < b.String()
}

// exceptionRepr is Python's repr of an exception: ValueError('bad').
func exceptionRepr(L *lua.LState, e *lua.LTable, seen *reprState) string {
	args, _ := e.RawGetString("args").(*lua.LTable)
	n := argCount(args)
	parts := make([]string, n)
	for i := 1; i <= n; i++ {
		parts[i-1] = reprIn(L, args.RawGetInt(i), seen)
	}
	// The class's own name, as CPython's repr gives it: gaierror(-2, ...),
	// not socket.gaierror (which is how a traceback names it).
	name := ClassName(e)
	return name[strings.LastIndexByte(name, '.')+1:] + "(" + strings.Join(parts, ", ") + ")"
}

func builtinRepr(L *lua.LState) int {
	var v lua.LValue
	UnpackArgs(L, 1, "value", &v)
	L.Push(lua.LString(ReprValue(L, v)))
	return 1
}
