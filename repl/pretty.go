package repl

import (
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// Limits that keep an auto-printed value on a screen: deeper tables print as
// {...}, longer ones end with "...".
const (
	maxDepth = 3
	maxItems = 40
)

// pretty is how the prompt shows a value. The user types Lua, so plain
// tables print as Lua constructors ({1, 2, name = 'x'}) that could be typed
// back, with the list part first and the other keys sorted; nil and booleans
// are Lua's. Everything netlua gives a Python face (strings, numbers,
// tuples, exceptions, sockets) prints as interp.ReprValue does, so the
// prompt shows what the tutorials show. Modules and documented functions
// print by name instead of dumping their tables.
func pretty(rt *interp.Runtime, L *lua.LState, v lua.LValue) string {
	var b strings.Builder
	p := printer{rt: rt, L: L, b: &b, seen: map[*lua.LTable]bool{}}
	p.value(v, 0)
	return b.String()
}

type printer struct {
	rt   *interp.Runtime
	L    *lua.LState
	b    *strings.Builder
	seen map[*lua.LTable]bool // tables being printed, to mark cycles
}

func (p *printer) value(v lua.LValue, depth int) {
	switch v := v.(type) {
	case *lua.LNilType, lua.LBool:
		p.b.WriteString(v.String())
	case *lua.LFunction:
		if d := p.rt.EntryOf(v); d != nil {
			p.b.WriteString("<function " + d.Qualified + ">")
		} else {
			p.b.WriteString(v.String())
		}
	case *lua.LTable:
		if d := p.rt.EntryOf(v); d != nil {
			p.b.WriteString(docLabel(p.rt, d))
			return
		}
		if v.Metatable != lua.LNil {
			p.b.WriteString(interp.ReprValue(p.L, v))
			return
		}
		p.table(v, depth)
	case *lua.LState:
		p.b.WriteString(v.String())
	default:
		p.b.WriteString(interp.ReprValue(p.L, v))
	}
}

func (p *printer) table(t *lua.LTable, depth int) {
	if p.seen[t] {
		p.b.WriteString("<cycle>")
		return
	}
	if depth >= maxDepth {
		p.b.WriteString("{...}")
		return
	}
	p.seen[t] = true
	defer delete(p.seen, t)

	n := 0
	for t.RawGetInt(n+1) != lua.LNil {
		n++
	}
	type pair struct{ k, v lua.LValue }
	var rest []pair
	t.ForEach(func(k, v lua.LValue) {
		if i, ok := k.(lua.LNumber); ok && float64(i) >= 1 && float64(i) <= float64(n) && float64(i) == float64(int(i)) {
			return
		}
		rest = append(rest, pair{k, v})
	})
	sort.Slice(rest, func(i, j int) bool { return keyLess(rest[i].k, rest[j].k) })

	p.b.WriteByte('{')
	items := 0
	sep := func() bool {
		if items > 0 {
			p.b.WriteString(", ")
		}
		items++
		if items > maxItems {
			p.b.WriteString("...")
			return false
		}
		return true
	}
	for i := 1; i <= n; i++ {
		if !sep() {
			p.b.WriteByte('}')
			return
		}
		p.value(t.RawGetInt(i), depth+1)
	}
	for _, kv := range rest {
		if !sep() {
			break
		}
		if s, ok := kv.k.(lua.LString); ok && isIdent(string(s)) {
			p.b.WriteString(string(s))
		} else {
			p.b.WriteByte('[')
			p.value(kv.k, depth+1)
			p.b.WriteByte(']')
		}
		p.b.WriteString(" = ")
		p.value(kv.v, depth+1)
	}
	p.b.WriteByte('}')
}

// docLabel names a documented table: a module, or the methods of a type.
func docLabel(rt *interp.Runtime, d *interp.Entry) string {
	for _, m := range rt.Modules() {
		if m.Name == d.Qualified {
			return "<module '" + d.Qualified + "'>"
		}
	}
	return "<methods of '" + d.Qualified + "'>"
}

// keyLess orders the non-list keys: strings first (the fields a reader looks
// for), then numbers, then the rest by their text.
func keyLess(a, b lua.LValue) bool {
	rank := func(v lua.LValue) int {
		switch v.(type) {
		case lua.LString:
			return 0
		case lua.LNumber:
			return 1
		}
		return 2
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra < rb
	}
	if an, ok := a.(lua.LNumber); ok {
		return an < b.(lua.LNumber)
	}
	return a.String() < b.String()
}

var keywords = map[string]bool{
	"and": true, "break": true, "do": true, "else": true, "elseif": true, "end": true,
	"false": true, "for": true, "function": true, "if": true, "in": true, "local": true,
	"nil": true, "not": true, "or": true, "repeat": true, "return": true, "then": true,
	"true": true, "until": true, "while": true,
}

// isIdent reports whether s can be written as a field name (t.s).
func isIdent(s string) bool {
	if s == "" || keywords[s] {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
