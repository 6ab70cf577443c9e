package json

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// maxDepth bounds nesting both ways, where CPython's recursion limit would
// stop it, so that no input can exhaust the Go stack.
const maxDepth = 1000

// encoder writes JSON as CPython's json.dumps does, byte for byte.
type encoder struct {
	L             *lua.LState
	b             strings.Builder
	ensureASCII   bool
	allowNaN      bool
	sortKeys      bool
	skipKeys      bool
	checkCircular bool
	indent        *string // nil: everything on one line
	itemSep       string
	keySep        string
	dflt          lua.LValue // the default= function, or nil
	active        map[*lua.LTable]bool
	defaults      int // calls of default now in progress
}

func (e *encoder) fail(cls *interp.Class, format string, args ...any) {
	interp.Raise(e.L, cls, format, args...)
}

func (e *encoder) newline(level int) {
	if e.indent != nil {
		e.b.WriteByte('\n')
		for i := 0; i < level; i++ {
			e.b.WriteString(*e.indent)
		}
	}
}

func (e *encoder) value(v lua.LValue, level int) {
	if level > maxDepth {
		e.fail(interp.RuntimeError, "maximum recursion depth exceeded while encoding a JSON object")
	}
	switch v := v.(type) {
	case *lua.LNilType:
		e.b.WriteString("null")
	case lua.LBool:
		if v {
			e.b.WriteString("true")
		} else {
			e.b.WriteString("false")
		}
	case lua.LNumber:
		e.b.WriteString(e.number(float64(v)))
	case lua.LString:
		if !utf8.ValidString(string(v)) {
			e.other(v, "", level)
			return
		}
		e.str(string(v))
	case *lua.LTable:
		if text, ok := pickleStr(v); ok {
			e.str(text)
			return
		}
		switch kindOf(e.L, v) {
		case listKind:
			e.list(v, level)
		case dictKind:
			e.dict(v, level)
		default:
			e.other(v, "", level)
		}
	case *lua.LUserData:
		if interp.IsNone(v) {
			e.b.WriteString("null")
			return
		}
		e.other(v, "", level)
	default:
		e.other(v, "", level)
	}
}

// number is CPython's float/int formatting: a Lua number with no fraction
// is written as the int it stands for (within int64's range), others as
// Python's repr of a float; non-finite values as JavaScript names them.
func (e *encoder) number(f float64) string {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		if !e.allowNaN {
			e.fail(interp.ValueError, "Out of range float values are not JSON compliant")
		}
		if math.IsNaN(f) {
			return "NaN"
		} else if f > 0 {
			return "Infinity"
		}
		return "-Infinity"
	case f == math.Trunc(f) && math.Abs(f) < 1<<63:
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return interp.FormatNumber(f)
}

// str writes a JSON string as CPython's encoder escapes it: with
// ensure_ascii every character outside printable ASCII is \uXXXX (a
// surrogate pair above U+FFFF), else only quotes, backslashes and control
// characters are escaped.
func (e *encoder) str(s string) {
	const hex = "0123456789abcdef"
	u4 := func(r rune) {
		e.b.WriteString(`\u`)
		e.b.WriteByte(hex[r>>12&15])
		e.b.WriteByte(hex[r>>8&15])
		e.b.WriteByte(hex[r>>4&15])
		e.b.WriteByte(hex[r&15])
	}
	e.b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			e.b.WriteString(`\"`)
		case '\\':
			e.b.WriteString(`\\`)
		case '\n':
			e.b.WriteString(`\n`)
		case '\r':
			e.b.WriteString(`\r`)
		case '\t':
			e.b.WriteString(`\t`)
		case '\b':
			e.b.WriteString(`\b`)
		case '\f':
			e.b.WriteString(`\f`)
		default:
			switch {
			case r < 0x20:
				u4(r)
			case r < 0x7f || !e.ensureASCII:
				e.b.WriteRune(r)
			case r > 0xffff:
				hi, lo := utf16.EncodeRune(r)
				u4(hi)
				u4(lo)
			default:
				u4(r)
			}
		}
	}
	e.b.WriteByte('"')
}

func (e *encoder) enter(t *lua.LTable) {
	if e.checkCircular {
		if e.active[t] {
			e.fail(interp.ValueError, "Circular reference detected")
		}
		e.active[t] = true
	}
}

func (e *encoder) leave(t *lua.LTable) { delete(e.active, t) }

func (e *encoder) list(t *lua.LTable, level int) {
	n := t.Len()
	if n == 0 {
		e.b.WriteString("[]")
		return
	}
	e.enter(t)
	e.b.WriteByte('[')
	for i := 1; i <= n; i++ {
		if i > 1 {
			e.b.WriteString(e.itemSep)
		}
		e.newline(level + 1)
		e.slot(t, lua.LNumber(i), t.RawGetInt(i), level+1)
	}
	e.newline(level)
	e.b.WriteByte(']')
	e.leave(t)
}

// dict writes a table as an object. Keys come in the table's own order
// (insertion order: see package doc), or sorted with sort_keys.
func (e *encoder) dict(t *lua.LTable, level int) {
	type pair struct{ k, v lua.LValue }
	var pairs []pair
	for k, v := t.Next(lua.LNil); k != lua.LNil; k, v = t.Next(k) {
		pairs = append(pairs, pair{k, v})
	}
	if len(pairs) == 0 {
		e.b.WriteString("{}")
		return
	}
	if e.sortKeys {
		sort.SliceStable(pairs, func(i, j int) bool { return e.keyLess(pairs[i].k, pairs[j].k) })
	}
	e.enter(t)
	e.b.WriteByte('{')
	first := true
	for _, p := range pairs {
		key, ok := e.key(t, p.k)
		if !ok {
			continue
		}
		if !first {
			e.b.WriteString(e.itemSep)
		}
		first = false
		e.newline(level + 1)
		e.str(key)
		e.b.WriteString(e.keySep)
		e.slot(t, p.k, p.v, level+1)
	}
	e.newline(level)
	e.b.WriteByte('}')
	e.leave(t)
}

// slot writes v, the value of t[k]: a slot marked as bytes
// (interp/bytes.go: struct.unpack's 's' values, pickle's bytes) holds
// Python's bytes, which JSON cannot hold, whatever its text.
func (e *encoder) slot(t *lua.LTable, k, v lua.LValue, level int) {
	if interp.IsBytes(t, k) {
		e.other(v, "bytes", level)
		return
	}
	e.value(v, level)
}

// key coerces a key of t as CPython does: str as is, numbers and booleans
// to their JSON text, None to "null"; others (bytes among them: a key not
// UTF-8 or marked as bytes) are skipped with skipkeys, else TypeError.
func (e *encoder) key(t *lua.LTable, k lua.LValue) (string, bool) {
	switch k := k.(type) {
	case lua.LString:
		if utf8.ValidString(string(k)) && !interp.IsBytesKey(t, k) {
			return string(k), true
		}
		if e.skipKeys {
			return "", false
		}
		e.fail(interp.TypeError, "keys must be str, int, float, bool or None, not bytes")
	case lua.LNumber:
		return e.number(float64(k)), true
	case lua.LBool:
		if k {
			return "true", true
		}
		return "false", true
	case *lua.LUserData:
		if interp.IsNone(k) {
			return "null", true
		}
	case *lua.LTable:
		if text, ok := pickleStr(k); ok {
			return text, true
		}
	}
	if e.skipKeys {
		return "", false
	}
	e.fail(interp.TypeError, "keys must be str, int, float, bool or None, not %s", pyTypeName(e.L, k))
	return "", false
}

// keyLess is Python's < between two dict keys, for sort_keys: numbers
// with numbers, strings with strings (by code point, which UTF-8 byte
// order preserves); mixing them raises CPython's TypeError.
func (e *encoder) keyLess(a, b lua.LValue) bool {
	an, aNum := a.(lua.LNumber)
	bn, bNum := b.(lua.LNumber)
	if aNum && bNum {
		return an < bn
	}
	as, aStr := a.(lua.LString)
	bs, bStr := b.(lua.LString)
	if aStr && bStr {
		return as < bs
	}
	e.fail(interp.TypeError, "'<' not supported between instances of '%s' and '%s'", pyTypeName(e.L, a), pyTypeName(e.L, b))
	return false
}

// other handles a value JSON has no form for: default(v)'s result is
// written instead, or CPython's TypeError is raised naming typ, v's
// Python type ("" to find it from v).
func (e *encoder) other(v lua.LValue, typ string, level int) {
	if e.dflt == nil {
		if typ == "" {
			typ = pyTypeName(e.L, v)
		}
		e.fail(interp.TypeError, "Object of type %s is not JSON serializable", typ)
	}
	// default may return another value it must be called for again:
	// count those calls, as Python's recursion limit would.
	e.defaults++
	if e.defaults > maxDepth {
		e.fail(interp.RuntimeError, "maximum recursion depth exceeded while encoding a JSON object")
	}
	defer func() { e.defaults-- }()
	t, isTable := v.(*lua.LTable)
	if isTable {
		e.enter(t)
	}
	e.L.Push(e.dflt)
	e.L.Push(v)
	e.L.Call(1, 1)
	r := e.L.Get(-1)
	e.L.Pop(1)
	e.value(r, level)
	if isTable {
		e.leave(t)
	}
}
