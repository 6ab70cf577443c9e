package json_test

import (
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/json"
	"netlua/stdlib/pickle"
	"netlua/stdlib/pystruct"
)

func run(t *testing.T, src string) string {
	t.Helper()
	return interptest.Run(t, src, json.Module)
}

// Expected texts are CPython 3.11's json.dumps/json.loads for the same
// values (python3 -c "import json; ...").
func TestDumps(t *testing.T) {
	out := run(t, `
print(json.dumps({a={1, {b=none}}, c="é😀\127"}, {indent=2}))
print(json.dumps(json.array()), json.dumps({}), json.dumps({1, json.array()}, {indent=0}))
print(json.dumps({[1]=2, [3]=4, [1.5]=3, [true]=5}))
print(json.dumps(1e16), json.dumps(1.5e-5), json.dumps(0.1), json.dumps(-0.0), json.dumps(2^63), json.dumps(1/0), json.dumps(-1/0), json.dumps(0/0))
print(json.dumps(nil), json.dumps(none), json.dumps({none, 1, none}), json.dumps(true), json.dumps("\"\\/\b\0"))
print(json.dumps({z=1, a=2, m={y=1, b=2}}))
print(json.dumps({z=1, a=2, ["2"]=3}, {sort_keys=true, separators={",", ":"}}))
print(json.dumps({"é", "😀"}, {ensure_ascii=false}), json.dumps({x={}}, {indent="--"}))
print(json.dumps(struct_like or {"a", {1, 2}}, {indent=-3}))
print(json.dumps({f=print, g=1}, {default=function(v) return type(v) end}))
print(json.dumps({[{}]=1, a=2}, {skipkeys=true}))
`)
	want := `{
  "a": [
    1,
    {
      "b": null
    }
  ],
  "c": "\u00e9\ud83d\ude00\u007f"
}
[]	{}	[
1,
[]
]
{"1": 2, "3": 4, "1.5": 3, "true": 5}
10000000000000000	1.5e-05	0.1	0	9.223372036854776e+18	Infinity	-Infinity	NaN
null	null	[null, 1, null]	true	"\"\\/\b\u0000"
{"z": 1, "a": 2, "m": {"y": 1, "b": 2}}
{"2":3,"a":2,"z":1}
["é", "😀"]	{
--"x": {}
}
[
"a",
[
1,
2
]
]
{"f": "function", "g": 1}
{"a": 2}
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestLoads(t *testing.T) {
	out := run(t, `
local v = json.loads('{"a": [1, null, {"b": null}], "c": 1.5, "d": "\\u00e9\\ud83d\\ude00", "e": [], "f": {}}')
print(repr(v), v.a[2] == none, #v.a, v.e[1], getmetatable(v.e) ~= nil)
print(json.loads("null"), json.loads(" 12 "), json.loads("-0.5e-3"), json.loads("NaN") ~= json.loads("NaN"), json.loads("-Infinity"))
print(json.loads('"\\ud800"') == "\239\191\189", json.loads("\239\187\191[1]")[1])
local s = '{"z": 1, "a": [], "m": {"y": null, "b": [true, false, "\\u00e9"]}}'
print(json.dumps(json.loads(s)) == s)
`)
	want := `{'a': [1, None, {'b': None}], 'c': 1.5, 'd': 'é😀', 'e': [], 'f': []}	true	3	nil	true
nil	12	-0.0005	true	-Inf
true	1
true
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	// CPython 3.11's message, pos, lineno and colno for each document.
	cases := []struct{ doc, msg string }{
		{``, "Expecting value: line 1 column 1 (char 0)"},
		{`[1,]`, "Expecting value: line 1 column 4 (char 3)"},
		{`{"a":1,}`, "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"},
		{`{"a" 1}`, "Expecting ':' delimiter: line 1 column 6 (char 5)"},
		{`[1 2]`, "Expecting ',' delimiter: line 1 column 4 (char 3)"},
		{`{1:2}`, "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"},
		{`"abc`, "Unterminated string starting at: line 1 column 1 (char 0)"},
		{`"\x"`, "Invalid \\escape: line 1 column 2 (char 1)"},
		{`"\u12"`, "Invalid \\uXXXX escape: line 1 column 3 (char 2)"},
		{`[1]x`, "Extra data: line 1 column 4 (char 3)"},
		{"\"a\tb\"", "Invalid control character at: line 1 column 3 (char 2)"},
		{`tru`, "Expecting value: line 1 column 1 (char 0)"},
		{`01`, "Extra data: line 1 column 2 (char 1)"},
		{`{"a":`, "Expecting value: line 1 column 6 (char 5)"},
		{"\n\n  x", "Expecting value: line 3 column 3 (char 4)"},
		{`["测试", x]`, "Expecting value: line 1 column 8 (char 7)"},
		{"{\"a\": 1}\n{\"b\": 2}", "Extra data: line 2 column 1 (char 9)"},
	}
	for _, c := range cases {
		src := `local ok, e = pcall(json.loads, ` + luaQuote(c.doc) + `)
print(ok, isinstance(e, json.JSONDecodeError), isinstance(e, ValueError), tostring(e))
print(e.msg .. ": line " .. e.lineno .. " column " .. e.colno .. " (char " .. e.pos .. ")", e.doc == ` + luaQuote(c.doc) + `)`
		want := "false\ttrue\ttrue\t" + c.msg + "\n" + c.msg + "\ttrue\n"
		if got := run(t, src); got != want {
			t.Errorf("%q:\n got %q\nwant %q", c.doc, got, want)
		}
	}
	errs := []struct{ src, want string }{
		{`json.dumps(print)`, "TypeError: dumps(): Object of type function is not JSON serializable"},
		{`json.dumps("\255")`, "TypeError: dumps(): Object of type bytes is not JSON serializable"},
		{`json.dumps({[{}]=1})`, "TypeError: dumps(): keys must be str, int, float, bool or None, not dict"},
		{`local t = {} t[1] = t json.dumps(t)`, "ValueError: dumps(): Circular reference detected"},
		{`json.dumps(0/0, {allow_nan=false})`, "ValueError: dumps(): Out of range float values are not JSON compliant"},
		{`json.dumps({a=1, [1]=2}, {sort_keys=true})`, "TypeError: dumps(): '<' not supported between instances of 'str' and 'int'"},
		{`json.dumps(1, {indnet=2})`, "TypeError: dumps() got an unexpected keyword argument 'indnet'"},
		{`json.dumps(1, 2)`, "TypeError: dumps() takes 1 positional argument but 2 were given"},
		{`json.dumps(1, {indent=1.5})`, "TypeError: dumps() argument 'indent' must be int, not float"},
		{`json.dumps(1, {separators={","}})`, "TypeError: dumps() argument 'separators' must be a pair of strings {item_separator, key_separator}"},
		{`json.loads(5)`, "TypeError: loads() argument 's' must be a string, not int"},
		{`json.loads("[\255]")`, "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte"},
		{`json.loads(string.rep("[", 2000))`, "RuntimeError: maximum recursion depth exceeded while decoding a JSON array from a unicode string"},
		{`local t = {} for i = 1, 1100 do t = {t} end json.dumps(t)`, "RuntimeError: maximum recursion depth exceeded while encoding a JSON object"},
	}
	for _, c := range errs {
		if got := interptest.Error(t, c.src, json.Module); !strings.HasSuffix(got, c.want) {
			t.Errorf("%s:\n got %q\nwant suffix %q", c.src, got, c.want)
		}
	}
}

// luaQuote writes s as a Lua string literal with every byte escaped.
func luaQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		b.WriteString("\\" + itoa(int(s[i])))
	}
	b.WriteByte('"')
	return b.String()
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestBytesAreNotJSON: a slot marked as bytes (interp/bytes.go: what
// struct.unpack and pickle.loads make) holds Python's bytes, which
// CPython's json.dumps refuses whatever the text, as a value (TypeError,
// or default's result) and as a key (TypeError, or skipped with
// skipkeys); once the slot holds another string it is text. What
// pickle.loads returns dumps as the Python value it stands for. The
// pickles are CPython's (protocol 2) of {'a': [1, None, 'é'], 'b': (2.5,
// True)}, {'a': [1, b'x']} and {b'k': 1, 'a': 2}; the expected texts are
// CPython's json.dumps of the same values.
func TestBytesAreNotJSON(t *testing.T) {
	out := interptest.Run(t, `
local function try(...)
  local ok, e = pcall(json.dumps, ...)
  print(ok and e or repr(e))
end
local t = struct.unpack('<3sH', 'abc\1\2')
try(t)
try({struct.unpack('<c', 'x')})
try(t, {default=function(b) return 'B:' .. b end})
try(pickle.loads('\128\2}q\0(X\1\0\0\0aq\1]q\2(K\1NX\2\0\0\0\195\169q\3eX\1\0\0\0bq\4G@\4\0\0\0\0\0\0\136\134q\5u.'))
try(pickle.loads('\128\2}q\0X\1\0\0\0aq\1]q\2(K\1c_codecs\10encode\10q\3X\1\0\0\0xq\4X\6\0\0\0latin1q\5\134q\6Rq\7es.'))
local d = pickle.loads('\128\2}q\0(c_codecs\10encode\10q\1X\1\0\0\0kq\2X\6\0\0\0latin1q\3\134q\4Rq\5K\1X\1\0\0\0aq\6K\2u.')
try(d)
try(d, {skipkeys=true})
t[1] = 'text'
try(t)
`, json.Module, pystruct.Module, pickle.Module)
	want := `TypeError('dumps(): Object of type bytes is not JSON serializable')
TypeError('dumps(): Object of type bytes is not JSON serializable')
["B:abc", 513]
{"a": [1, null, "\u00e9"], "b": [2.5, true]}
TypeError('dumps(): Object of type bytes is not JSON serializable')
TypeError('dumps(): keys must be str, int, float, bool or None, not bytes')
{"a": 2}
["text", 513]
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// TestNoneAndHolesAreNull: none anywhere in a container, and a nil hole
// in an array (a json.array, a tuple's end), are null as CPython writes
// None; a plain table with a hole is not a sequence, so it is an object
// (the package's rule: its keys are 1 and 3, not 1..n).
func TestNoneAndHolesAreNull(t *testing.T) {
	out := run(t, `
local a = json.array()
a[1] = 1 a[3] = 3
print(json.dumps(a), json.dumps({none, {k=none, [none]=none}, {none}}))
print(json.dumps({1, nil, 3}), json.dumps(json.loads('[null, {"k": [null]}, null]')))
`)
	want := `[1, null, 3]	[null, {"k": null, "null": null}, [null]]
{"1": 1, "3": 3}	[null, {"k": [null]}, null]
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// TestPickleTypes: pickle's explicit types dump as the Python values they
// stand for (a pickle.str as a string, key or value; pickle.list and
// pickle.dict as array and object, whatever their keys), and the ones
// JSON has no form for are refused with CPython's type names.
func TestPickleTypes(t *testing.T) {
	out := interptest.Run(t, `
local function try(...)
  local ok, e = pcall(json.dumps, ...)
  print(ok and e or repr(e))
end
local d = {}
d[1] = pickle.str('x')
d[pickle.str('k')] = pickle.str('v')
try(d)
try(pickle.list({1, nil, 3}))
try(pickle.dict({1, 2}))
try(pickle.set({[1] = true}))
try({pickle.bytes('ab')})
try(pickle.frozenset({}))
`, json.Module, pickle.Module)
	want := `{"1": "x", "k": "v"}
[1, null, 3]
{"1": 1, "2": 2}
TypeError('dumps(): Object of type set is not JSON serializable')
TypeError('dumps(): Object of type bytes is not JSON serializable')
TypeError('dumps(): Object of type frozenset is not JSON serializable')
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}
