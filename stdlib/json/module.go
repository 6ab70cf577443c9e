// Package json is netlua's `json` module: CPython 3.11's json.dumps and
// json.loads for Lua values, with the same text out (separators, indent,
// sort_keys, ensure_ascii, float repr, Infinity/NaN) and the same errors
// in (JSONDecodeError's message, line, column and character position).
//
// Python → Lua, and the rules Lua's data model needs:
//
//   - null inside an array or object is `none` (interp's None sentinel),
//     because a Lua table cannot hold nil: [null, 1] would lose its first
//     element and {"k": null} its key. A null document is nil. dumps
//     writes null for both nil and none.
//   - An array is a table with keys 1..n (a sequence) or one marked as an
//     array. loads marks every array it makes (json.array does the same
//     for your tables), so json.dumps(json.loads("[]")) is "[]"; an
//     unmarked empty table is written as {}, as Python's {} is a dict.
//     Any other plain table is an object; keys that are numbers or
//     booleans become strings as in Python ({[1]="a"} is {"1": "a"} only
//     when it is not a sequence).
//   - Object keys keep their order: dumps walks a table in pairs() order,
//     which in netlua's Lua (gopher-lua) is the order keys were first
//     inserted, as a Python dict's is, after the array part. loads
//     inserts keys in document order, so dumps(loads(s)) == s for text
//     CPython wrote with the same options.
//   - Numbers are Lua numbers: one with no fraction is written as an
//     integer (Python's 1.0 comes back as 1), others with Python's float
//     repr. A string that is not valid UTF-8 is Python's bytes: not JSON
//     serializable; so is a string in a container slot marked as bytes
//     (interp/bytes.go: struct.unpack's 's' values, pickle's bytes).
//   - pickle's types are the Python values they stand for: pickle.list an
//     array, pickle.dict an object, pickle.str a string; pickle.bytes,
//     pickle.set and pickle.frozenset are not serializable, as in Python.
//
// The scanner and the writer are written here rather than on
// encoding/json: CPython's error messages and positions come from its own
// scanner, and its output formatting (float repr, ensure_ascii escapes,
// indent and separator rules) differs from encoding/json's in ways the
// latter cannot be configured to follow; strconv, unicode/utf8 and
// unicode/utf16 do the conversions.
package json

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// DecodeError is json.JSONDecodeError, a ValueError, with fields msg, doc,
// pos, lineno and colno as in Python.
var DecodeError = interp.NewClass("json.JSONDecodeError", interp.ValueError)

// Module is the json module.
var Module = &interp.Module{
	Name: "json",
	Doc:  "Python's json: json.dumps(value [, {indent=2, sort_keys=true, ...}]) writes JSON text as CPython does, byte for byte; json.loads(text) reads it. null inside a container is `none` (a Lua table cannot hold nil), a top-level null is nil; a table with keys 1..n is an array, other tables are objects, and {} is an empty object unless made with json.array().",
	Funcs: []interp.Func{
		{Name: "dumps", Fn: dumps, PyFunc: true, Sig: "json.dumps(obj [, {skipkeys, ensure_ascii=true, check_circular=true, allow_nan=true, indent, separators, default, sort_keys}]) -> string",
			Doc: "Returns obj as JSON text, exactly as CPython's json.dumps writes it: ', ' and ': ' between items on one line, or each item on its own line with indent (a number of spaces or a string); separators is a {item, key} pair; sort_keys orders object keys; ensure_ascii (the default) writes non-ASCII as \\uXXXX escapes; default(value) is called for values JSON cannot hold and its result written instead. Raises TypeError for those values without default (Object of type function is not JSON serializable; bytes are a string that is not UTF-8 or one whose slot a struct.unpack or pickle.loads result marks as bytes), ValueError for a circular table or, with allow_nan false, NaN and infinities.",
			Py:  "json.dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, indent=None, separators=None, default=None, sort_keys=False)"},
		{Name: "loads", Fn: loads, Sig: "json.loads(s) -> value",
			Doc: "Parses JSON text (a UTF-8 string, as received from a socket; a leading byte order mark is skipped) into Lua values: objects and arrays become tables (arrays marked as such, keys in document order), null inside them `none`, a null document nil. Malformed text raises json.JSONDecodeError, a ValueError whose message gives line, column and character position as CPython's does (Expecting value: line 1 column 1 (char 0)); its fields are msg, doc, pos, lineno and colno.",
			Py:  "json.loads(s)"},
		{Name: "array", Fn: array, Sig: "json.array([t]) -> table",
			Doc: "Marks t (or a new empty table) as a JSON array and returns it, so that an empty one is written as [] rather than {}. loads marks the arrays it makes the same way.",
			Py:  "[]  # an empty list"},
	},
	Classes: []*interp.Class{DecodeError},
}

func dumps(L *lua.LState) int {
	var obj, indent, seps, dflt lua.LValue = lua.LNil, lua.LNil, lua.LNil, lua.LNil
	e := &encoder{L: L, ensureASCII: true, checkCircular: true, allowNaN: true, active: map[*lua.LTable]bool{}}
	interp.UnpackArgs(L, 1, "obj", &obj, "skipkeys?", &e.skipKeys, "ensure_ascii?", &e.ensureASCII,
		"check_circular?", &e.checkCircular, "allow_nan?", &e.allowNaN, "indent?", &indent,
		"separators?", &seps, "default?", &dflt, "sort_keys?", &e.sortKeys)
	e.setIndent(indent)
	e.setSeparators(seps)
	if dflt != lua.LNil && !interp.IsNone(dflt) {
		e.dflt = dflt
	}
	e.value(obj, 0)
	L.Push(lua.LString(e.b.String()))
	return 1
}

// setIndent applies indent=: None is one line; a number n is n spaces
// (none if n <= 0, but still one item per line); a string is used as is.
func (e *encoder) setIndent(v lua.LValue) {
	e.itemSep, e.keySep = ", ", ": "
	switch v := v.(type) {
	case lua.LNumber:
		n, msg := interp.ToInt(v)
		if msg != "" {
			e.fail(interp.TypeError, "%s() argument 'indent' %s", interp.FuncName(e.L), msg)
		}
		s := strings.Repeat(" ", int(max(0, min(n, 1000))))
		e.indent = &s
	case lua.LString:
		s := string(v)
		e.indent = &s
	default:
		if v != lua.LNil && !interp.IsNone(v) {
			e.fail(interp.TypeError, "%s() argument 'indent' must be int or str, not %s", interp.FuncName(e.L), pyTypeName(e.L, v))
		}
		return
	}
	e.itemSep = ","
}

// setSeparators applies separators=(item_separator, key_separator).
func (e *encoder) setSeparators(v lua.LValue) {
	if v == lua.LNil || interp.IsNone(v) {
		return
	}
	t, ok := v.(*lua.LTable)
	item, ok1 := lua.LValue(lua.LNil), false
	key, ok2 := lua.LValue(lua.LNil), false
	if ok && t.Len() == 2 {
		item, key = t.RawGetInt(1), t.RawGetInt(2)
		_, ok1 = item.(lua.LString)
		_, ok2 = key.(lua.LString)
	}
	if !ok1 || !ok2 {
		e.fail(interp.TypeError, "%s() argument 'separators' must be a pair of strings {item_separator, key_separator}", interp.FuncName(e.L))
	}
	e.itemSep, e.keySep = string(item.(lua.LString)), string(key.(lua.LString))
}

func loads(L *lua.LState) int {
	var s string
	interp.UnpackArgs(L, 1, "s", &s)
	s = strings.TrimPrefix(s, "\ufeff")
	if !utf8.ValidString(s) {
		raiseNotUTF8(L, s)
	}
	d := &decoder{L: L, s: s, arrayMeta: arrayMeta(L), none: interp.None(L)}
	L.Push(d.decode())
	return 1
}

// raiseNotUTF8 is the UnicodeDecodeError CPython raises for bytes that
// are not UTF-8 text.
func raiseNotUTF8(L *lua.LState, s string) {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	reason := "invalid continuation byte"
	switch c := s[i]; {
	case c < 0xc2 || c > 0xf4:
		reason = "invalid start byte"
	case !utf8.FullRuneInString(s[i:]):
		reason = "unexpected end of data"
	}
	interp.Raise(L, interp.UnicodeDecodeError, "'utf-8' codec can't decode byte 0x%02x in position %d: %s", s[i], i, reason)
}

func array(L *lua.LState) int {
	var t *lua.LTable
	interp.UnpackArgs(L, 1, "t?", &t)
	if t == nil {
		t = L.NewTable()
	}
	if t.Metatable != lua.LNil && t.Metatable != arrayMeta(L) {
		interp.Raise(L, interp.ValueError, "array(): table already has a metatable")
	}
	t.Metatable = arrayMeta(L)
	L.Push(t)
	return 1
}

func nan() float64              { return math.NaN() }
func inf(sign int) float64      { return math.Inf(sign) }
func isRangeErr(err error) bool { return errors.Is(err, strconv.ErrRange) }
