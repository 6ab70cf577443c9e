package json

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// A decoder is CPython's json scanner (Lib/json/decoder.py and scanner.py)
// over a Lua string: the same grammar (NaN, Infinity and -Infinity
// included), the same error at the same position. Positions in errors are
// counted in characters, as Python's str indexes are.
type decoder struct {
	L         *lua.LState
	s         string
	depth     int
	arrayMeta *lua.LTable // json.array's metatable, looked up once
	none      lua.LValue  // the None sentinel, looked up once
}

// errorAt raises JSONDecodeError(msg, doc, pos) for byte offset i.
func (d *decoder) errorAt(msg string, i int) {
	pos := utf8.RuneCountInString(d.s[:i])
	line := strings.Count(d.s[:i], "\n") + 1
	col := pos + 1
	if nl := strings.LastIndexByte(d.s[:i], '\n'); nl >= 0 {
		col = utf8.RuneCountInString(d.s[nl+1:i]) + 1
	}
	text := fmt.Sprintf("%s: line %d column %d (char %d)", msg, line, col, pos)
	e := interp.NewException(d.L, DecodeError, lua.LString(text))
	e.RawSetString("msg", lua.LString(msg))
	e.RawSetString("doc", lua.LString(d.s))
	e.RawSetString("pos", lua.LNumber(pos))
	e.RawSetString("lineno", lua.LNumber(line))
	e.RawSetString("colno", lua.LNumber(col))
	interp.RaiseValue(d.L, e)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (d *decoder) skip(i int) int {
	for i < len(d.s) && isSpace(d.s[i]) {
		i++
	}
	return i
}

// decode is json.loads on the whole string.
func (d *decoder) decode() lua.LValue {
	i := d.skip(0)
	v, end := d.value(i, true)
	end = d.skip(end)
	if end != len(d.s) {
		d.errorAt("Extra data", end)
	}
	return v
}

// value scans one value at i (scan_once). top says whether it is the
// document itself: only a null inside a container becomes `none`.
func (d *decoder) value(i int, top bool) (lua.LValue, int) {
	if i >= len(d.s) {
		d.errorAt("Expecting value", i)
	}
	switch c := d.s[i]; {
	case c == '"':
		s, end := d.str(i + 1)
		return lua.LString(s), end
	case c == '{':
		return d.object(i + 1)
	case c == '[':
		return d.array(i + 1)
	case strings.HasPrefix(d.s[i:], "null"):
		if top {
			return lua.LNil, i + 4
		}
		return d.none, i + 4
	case strings.HasPrefix(d.s[i:], "true"):
		return lua.LTrue, i + 4
	case strings.HasPrefix(d.s[i:], "false"):
		return lua.LFalse, i + 5
	case strings.HasPrefix(d.s[i:], "NaN"):
		return lua.LNumber(nan()), i + 3
	case strings.HasPrefix(d.s[i:], "Infinity"):
		return lua.LNumber(inf(1)), i + 8
	case strings.HasPrefix(d.s[i:], "-Infinity"):
		return lua.LNumber(inf(-1)), i + 9
	}
	if end := numberEnd(d.s, i); end > i {
		f, err := strconv.ParseFloat(d.s[i:end], 64)
		if err != nil && !isRangeErr(err) {
			d.errorAt("Expecting value", i)
		}
		return lua.LNumber(f), end
	}
	d.errorAt("Expecting value", i)
	return nil, 0
}

// numberEnd matches CPython's NUMBER_RE,
// (-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?, at i: the end of the match,
// or i when there is none.
func numberEnd(s string, i int) int {
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	digits := func(k int) int {
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		return k
	}
	switch {
	case j < len(s) && s[j] == '0':
		j++
	case j < len(s) && s[j] >= '1' && s[j] <= '9':
		j = digits(j)
	default:
		return i
	}
	if j+1 < len(s) && s[j] == '.' && s[j+1] >= '0' && s[j+1] <= '9' {
		j = digits(j + 1)
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && s[k] >= '0' && s[k] <= '9' {
			j = digits(k)
		}
	}
	return j
}

func (d *decoder) enter(i int, what string) {
	d.depth++
	if d.depth > maxDepth {
		interp.Raise(d.L, interp.RuntimeError, "maximum recursion depth exceeded while decoding a JSON %s from a unicode string", what)
	}
}

func (d *decoder) array(i int) (lua.LValue, int) {
	d.enter(i, "array")
	defer func() { d.depth-- }()
	// CreateTable, not NewTable: NewTable reserves 32 array slots and 32
	// map entries, most of the allocation for many small tables.
	t := d.L.CreateTable(4, 0)
	t.Metatable = d.arrayMeta
	i = d.skip(i)
	if i < len(d.s) && d.s[i] == ']' {
		return t, i + 1
	}
	for {
		var v lua.LValue
		v, i = d.value(i, false)
		t.Append(v)
		i = d.skip(i)
		if i < len(d.s) && d.s[i] == ']' {
			return t, i + 1
		}
		if i >= len(d.s) || d.s[i] != ',' {
			d.errorAt("Expecting ',' delimiter", i)
		}
		i = d.skip(i + 1)
	}
}

func (d *decoder) object(i int) (lua.LValue, int) {
	d.enter(i, "object")
	defer func() { d.depth-- }()
	t := d.L.CreateTable(0, 4)
	i = d.skip(i)
	if i < len(d.s) && d.s[i] == '}' {
		return t, i + 1
	}
	for {
		if i >= len(d.s) || d.s[i] != '"' {
			d.errorAt("Expecting property name enclosed in double quotes", i)
		}
		key, end := d.str(i + 1)
		i = d.skip(end)
		if i >= len(d.s) || d.s[i] != ':' {
			d.errorAt("Expecting ':' delimiter", i)
		}
		i = d.skip(i + 1)
		var v lua.LValue
		v, i = d.value(i, false)
		t.RawSetString(key, v)
		i = d.skip(i)
		if i < len(d.s) && d.s[i] == '}' {
			return t, i + 1
		}
		if i >= len(d.s) || d.s[i] != ',' {
			d.errorAt("Expecting ',' delimiter", i)
		}
		i = d.skip(i + 1)
	}
}

// str scans a string whose opening quote is just before i (scanstring,
// strict): control characters must be escaped; \uXXXX pairs of surrogates
// join into one character. A lone surrogate, which a Lua string cannot
// hold as text, becomes U+FFFD.
func (d *decoder) str(i int) (string, int) {
	start := i - 1
	j := i
	for j < len(d.s) && d.s[j] != '"' && d.s[j] != '\\' && d.s[j] >= 0x20 {
		j++
	}
	if j < len(d.s) && d.s[j] == '"' {
		return d.s[i:j], j + 1 // no escapes: the text is a slice of the document
	}
	var b strings.Builder
	for {
		j := i
		for j < len(d.s) && d.s[j] != '"' && d.s[j] != '\\' && d.s[j] >= 0x20 {
			j++
		}
		b.WriteString(d.s[i:j])
		if j >= len(d.s) {
			d.errorAt("Unterminated string starting at", start)
		}
		switch c := d.s[j]; {
		case c == '"':
			return b.String(), j + 1
		case c < 0x20:
			d.errorAt("Invalid control character at", j)
		}
		// A backslash.
		if j+1 >= len(d.s) {
			d.errorAt("Unterminated string starting at", start)
		}
		esc := d.s[j+1]
		if esc != 'u' {
			r, ok := escapes[esc]
			if !ok {
				d.errorAt("Invalid \\escape", j)
			}
			b.WriteByte(r)
			i = j + 2
			continue
		}
		r := d.hex4(j)
		i = j + 6
		if utf16.IsSurrogate(r) && r < 0xdc00 && strings.HasPrefix(d.s[i:], `\u`) {
			if lo := d.hex4(i); lo >= 0xdc00 && lo <= 0xdfff {
				r = utf16.DecodeRune(r, lo)
				i += 6
			}
		}
		b.WriteRune(r) // a lone surrogate is written as U+FFFD
	}
}

// escapes are the one-character escapes JSON has, and what they stand for.
var escapes = map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// hex4 reads the four hex digits of the \u escape at j.
func (d *decoder) hex4(j int) rune {
	if j+6 > len(d.s) {
		d.errorAt("Invalid \\uXXXX escape", j+1)
	}
	n, err := strconv.ParseUint(d.s[j+2:j+6], 16, 32)
	if err != nil || strings.ContainsAny(d.s[j+2:j+6], "+-_xX") {
		d.errorAt("Invalid \\uXXXX escape", j+1)
	}
	return rune(n)
}
