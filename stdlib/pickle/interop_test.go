package pickle_test

import (
	"encoding/hex"
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/pickle"
)

// Python pickles a value at each protocol; netlua loads it and prints it.
// The value's dicts are built in sorted key order and hold small-int sets,
// so Python's repr and netlua's (which sorts) must be the same text, bytes
// printed as b'...'.
func TestInteropLoads(t *testing.T) {
	out := interptest.Python3(t, `
a = [1, 2]
v = {1: 'Client', 2: 'Server', 'bytes': b'\x00\xff', 'fs': frozenset({3}), 'nested': {'l': [1, 2.5, -7, ('t', 1), [True, False]], 'u': '测试'}, 'set': {1, 2, 3}, 'shared': [a, a]}
import pickle
print(repr(v))
for p in range(6):
    print(pickle.dumps(v, p).hex())
`, "")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := lines[0]
	for p, h := range lines[1:] {
		got := interptest.Run(t, "print(pickle.loads("+luaHex(h)+"))", pickle.Module)
		if got != want+"\n" {
			t.Errorf("protocol %d:\n got %q\nwant %q", p, got, want)
		}
	}
}

// netlua pickles values at each protocol; Python loads them and prints
// them with pprint, which sorts dict keys since og-rek writes dicts in no
// fixed order.
func TestInteropDumps(t *testing.T) {
	cases := []struct{ lua, python string }{
		{`nil`, `None`},
		{`{true, false}`, `[True, False]`},
		{`{1, -5, 300, 70000, 2^40, 2^53, -2^53}`, `[1, -5, 300, 70000, 1099511627776, 9007199254740992, -9007199254740992]`},
		{`{0.1, -2.5, 1e300, 2^60, 1/0, -1/0}`, `[0.1, -2.5, 1e+300, 1.152921504606847e+18, inf, -inf]`},
		{`{"", "abc", "测试", "a\nb\\c\r\0\26'\""}`, `['', 'abc', '测试', 'a\nb\\c\r\x00\x1a\'"']`},
		{`{"\255\0", pickle.bytes(""), pickle.bytes("ab")}`, `[b'\xff\x00', b'', b'ab']`},
		{`{[1] = "Client", [2] = "Server", x = {}}`, `{1: 'Client', 2: 'Server', 'x': {}}`},
		{`pickle.dict{"Client", "Server"}`, `{1: 'Client', 2: 'Server'}`},
		{`{pickle.set{1, 2}, pickle.frozenset{3}, pickle.set(), pickle.list()}`, `[{1, 2}, frozenset({3}), set(), []]`},
		{`pickle.loads("\128\4K\1\140\1x\134.")`, `(1, 'x')`},
		{`{[pickle.loads("\128\4K\1K\2\134.")] = "pair"}`, `{(1, 2): 'pair'}`},
		// None inside containers is none; a list's nil holes are None too
		{`none`, `None`},
		{`{none, 1, none}`, `[None, 1, None]`},
		{`{k = none, [none] = 1}`, `{None: 1, 'k': None}`},
		{`{pickle.set{none}, pickle.frozenset{none}}`, `[{None}, frozenset({None})]`},
		// slots pickle.loads marked as bytes, and the explicit wrappers
		{`pickle.loads("\128\3C\3abcM\2\1\134.")`, `(b'abc', 258)`},
		{`pickle.loads("\128\4](C\1a\140\1be.")`, `[b'a', 'b']`},
		{`{pickle.str("x"), pickle.bytes("y")}`, `['x', b'y']`},
		{`{[pickle.bytes("k")] = pickle.str("v")}`, `{b'k': 'v'}`},
	}
	var src strings.Builder
	src.WriteString("local hex = function(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end\n")
	for _, c := range cases {
		src.WriteString("for p = 0, 5 do print(hex(pickle.dumps(" + c.lua + ", p))) end\n")
	}
	pickles := interptest.Run(t, src.String(), pickle.Module)
	out := interptest.Python3(t, `
import pickle, pprint, sys
for line in sys.stdin:
    print(pprint.pformat(pickle.loads(bytes.fromhex(line.strip())), width=1000))
`, pickles)
	got := strings.Split(strings.TrimSpace(out), "\n")
	for i, c := range cases {
		for p := 0; p <= 5; p++ {
			if g := got[i*6+p]; g != c.python {
				b, _ := hex.DecodeString(strings.Split(pickles, "\n")[i*6+p])
				t.Errorf("dumps(%s, %d) = %q, Python loads %s, want %s", c.lua, p, b, g, c.python)
			}
		}
	}
}

// CPython's pickles of a bytearray, at every protocol (bytearray(bytes)
// at 0-4, BYTEARRAY8 at 5), load as the Lua string of its bytes.
func TestInteropLoadsBytearray(t *testing.T) {
	out := interptest.Python3(t, `
import pickle
for p in range(6):
    print(pickle.dumps([bytearray(b'a\xffb'), bytearray()], p).hex())
`, "")
	for p, h := range strings.Fields(out) {
		got := interptest.Run(t, `local v = pickle.loads(`+luaHex(h)+`) print(v[1] == "a\255b", v[2] == "")`, pickle.Module)
		if got != "true\ttrue\n" {
			t.Errorf("protocol %d: got %q", p, got)
		}
	}
}
