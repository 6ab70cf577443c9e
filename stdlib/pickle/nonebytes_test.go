package pickle_test

import (
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/binascii"
	"netlua/stdlib/pickle"
)

// cpythonPickles returns CPython's pickles of a Python expression at
// protocols 0-5, as Lua string literals.
func cpythonPickles(t *testing.T, expr string) []string {
	t.Helper()
	out := interptest.Python3(t, "import pickle\nv = "+expr+"\nfor p in range(6): print(pickle.dumps(v, p).hex())", "")
	var lits []string
	for _, h := range strings.Fields(out) {
		lits = append(lits, luaHex(h))
	}
	return lits
}

// A None inside a list, tuple, dict (value or key) or set loads as the
// global none, at every protocol, and prints as CPython prints the value;
// a None standing alone is nil.
func TestLoadsNoneInContainers(t *testing.T) {
	for _, c := range []struct{ python, check string }{
		{`[None, 1, None]`, `#v == 3 and v[1] == none and v[2] == 1 and v[3] == none`},
		{`{'k': None}`, `v.k == none`},
		{`(None,)`, `#v == 1 and v[1] == none`},
		{`{None: 1}`, `v[none] == 1`},
		{`{None}`, `v[none] == true`},
		{`[[None], {'a': (None, 2)}]`, `v[1][1] == none and v[2].a[1] == none`},
	} {
		for p, lit := range cpythonPickles(t, c.python) {
			got := interptest.Run(t, "local v = pickle.loads("+lit+")\nprint(v)\nprint("+c.check+")", pickle.Module)
			if want := c.python + "\ntrue\n"; got != want {
				t.Errorf("%s, protocol %d: got %q, want %q", c.python, p, got, want)
			}
		}
	}
	for p, lit := range cpythonPickles(t, `None`) {
		got := interptest.Run(t, "print(select('#', pickle.loads("+lit+")), pickle.loads("+lit+") == nil)", pickle.Module)
		if got != "1\ttrue\n" {
			t.Errorf("None alone, protocol %d: got %q, want nil", p, got)
		}
	}
}

// Bytes load as plain strings whose container slot is marked: they print
// as b'...', compare and work as strings, and pickle back as bytes. A
// different string in the slot ends the mark; pickle.str keeps the text
// and makes it str. A bytes alone is a plain string, which pickles by the
// UTF-8 rule; a bytearray loads as bytes.
func TestLoadsBytesMarked(t *testing.T) {
	for p, lit := range cpythonPickles(t, `(b'abc', 258, [b'\x00\xff', 'abc'], {b'k': b'v', 'x': b''}, {b'e'}, frozenset({b'f', 'f2'}))`) {
		got := interptest.Run(t, luaHexHelpers+`
local v = pickle.loads(`+lit+`)
print(v)
print(v[1] == "abc", v[1]:upper(), #v[3][1], v[4].k .. "!", v[5].e)
print(bytes_repr(pickle.dumps(v[3], 3)))
v[3][1] = "text"
v[4].k = pickle.str(v[4].k)
print(v[3], v[4])
`, pickle.Module, binascii.Module)
		want := "(b'abc', 258, [b'\\x00\\xff', 'abc'], {b'k': b'v', 'x': b''}, {b'e'}, frozenset({b'f', 'f2'}))\n" +
			"true\tABC\t2\tv!\ttrue\n" +
			`b'\x80\x03]q\x00(C\x02\x00\xffq\x01X\x03\x00\x00\x00abcq\x02e.'` + "\n" +
			"['text', 'abc']\t{b'k': 'v', 'x': b''}\n"
		if got != want {
			t.Errorf("protocol %d:\n got %q\nwant %q", p, got, want)
		}
	}
	for p, lit := range cpythonPickles(t, `b'abc'`) {
		got := interptest.Run(t, `local s = pickle.loads(`+lit+`) print(type(s), s, bytes_repr(pickle.dumps(s, 4)))`, pickle.Module)
		if want := "string\tabc\tb'\\x80\\x04\\x95\\x07\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x8c\\x03abc\\x94.'\n"; got != want {
			t.Errorf("b'abc' alone, protocol %d: got %q, want %q", p, got, want)
		}
	}
	for p, lit := range cpythonPickles(t, `[bytearray(b'a\xffb'), bytearray()]`) {
		got := interptest.Run(t, `print(pickle.loads(`+lit+`))`, pickle.Module)
		if want := "[b'a\\xffb', b'']\n"; got != want {
			t.Errorf("bytearray, protocol %d: got %q, want %q", p, got, want)
		}
	}
	got := interptest.Error(t, `pickle.str("a\255")`, pickle.Module)
	if want := "test:1: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte"; got != want {
		t.Errorf("pickle.str of bytes that are not UTF-8:\n got %q\nwant %q", got, want)
	}
}

// Shared and self-containing lists, dicts, sets, frozensets and tuples
// from CPython stay one table in netlua, and one object when netlua
// pickles them back: CPython → netlua → CPython keeps a[0] is a[1], and
// netlua writes CPython's very bytes.
func TestSharedReferencesRoundTrip(t *testing.T) {
	const build = `
import pickle, sys
a = [1]; d = {'x': b'y'}; t = (a, 2); s = {1, 2}; fs = frozenset({b'q'})
l = [None]; l.append(l)
tt = ([],); tt[0].append(tt)
dd = {}; dd['self'] = dd; dd[None] = [dd]
v = [a, a, d, d, t, t, s, s, fs, fs, l, tt, dd]
`
	var lits []string
	for _, h := range strings.Fields(interptest.Python3(t, build+"for p in range(6): print(pickle.dumps(v, p).hex())", "")) {
		lits = append(lits, luaHex(h))
	}
	var src strings.Builder
	src.WriteString(luaHexHelpers)
	for p, lit := range lits {
		src.WriteString(`local v = pickle.loads(` + lit + `)
print(rawequal(v[1], v[2]), rawequal(v[3], v[4]), rawequal(v[5], v[6]), rawequal(v[5][1], v[1]), rawequal(v[7], v[8]),
  rawequal(v[9], v[10]), rawequal(v[11][2], v[11]), rawequal(v[12][1][1], v[12]), rawequal(v[13].self, v[13]), rawequal(v[13][none][1], v[13]))
print(hex(pickle.dumps(v, ` + string(rune('0'+p)) + `)))
`)
	}
	out := strings.Split(strings.TrimSpace(interptest.Run(t, src.String(), pickle.Module, binascii.Module)), "\n")
	var back strings.Builder
	for p := range lits {
		if want := strings.TrimSuffix(strings.Repeat("true\t", 10), "\t"); out[2*p] != want {
			t.Errorf("protocol %d: netlua's identities %q, want all true", p, out[2*p])
		}
		back.WriteString(out[2*p+1] + "\n")
	}
	got := interptest.Python3(t, build+`
for p, line in enumerate(sys.stdin):
    h = line.strip()
    w = pickle.loads(bytes.fromhex(h))
    print(p, w[0] is w[1], w[2] is w[3], w[4] is w[5], w[4][0] is w[0], w[6] is w[7], w[8] is w[9],
          w[10][1] is w[10], w[11][0][0] is w[11], w[12]['self'] is w[12], w[12][None][0] is w[12],
          repr(w) == repr(v), h == pickle.dumps(v, p).hex())
`, back.String())
	var want strings.Builder
	for p := range lits {
		want.WriteString(string(rune('0'+p)) + strings.Repeat(" True", 12) + "\n")
	}
	if got != want.String() {
		t.Errorf("CPython → netlua → CPython:\n got %s\nwant %s", got, want.String())
	}
}
