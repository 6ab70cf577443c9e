package pickle_test

import (
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/binascii"
	"netlua/stdlib/pickle"
)

// corpus is a Python program that prints, for each generated value, the
// value's pickle at protocol 5 (for netlua to load) and then its pickle at
// each protocol 0-5, as CPython 3.11 writes it. The values are those a
// netlua table stands for without loss: non-integral floats, unique
// strings (CPython memoizes strings by identity, netlua by value), bytes
// (UTF-8 or not: loads marks their slots), None in lists, tuples and dicts,
// dicts whose keys (str, bytes, ints, None) were inserted in netlua's
// sorted order (netlua writes them sorted), sets of ints below their table size (which
// CPython iterates in order; netlua writes sets sorted), tuples, shared lists, and sizes that cross the 1000-item batches
// and the 64 KiB frames.
const corpus = `
import pickle, random
rng = random.Random(20261206)
counter = 0
def text():
    global counter
    counter += 1
    pool = 'abcxyz \n\r\\\0\x1a\u00e9\u6d4b\u8bd5\U0001f600'
    return ''.join(rng.choice(pool) for _ in range(rng.randint(0, 12))) + '#' + str(counter)
def utf8_bytes():
    return text().encode()
def scalar():
    k = rng.randint(0, 9)
    if k == 8: return None
    if k == 9: return utf8_bytes()
    if k == 0: return rng.choice([True, False])
    if k == 1: return rng.choice([0, 1, 255, 256, 65535, 65536, -1, -129, 2**31 - 1, -2**31, 2**31, -2**31 - 1, 2**40, -2**53, 2**53])
    if k == 2: return rng.randint(-10**6, 10**6)
    if k == 3: return rng.choice([0.5, -2.25, 1e-7, 3.141592653589793, 1e300, -1.5e-300])
    if k == 4: return bytes([0xff]) + bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 6)))
    return text()
def value(depth):
    if depth > 3 or rng.random() < 0.4:
        return scalar()
    k = rng.randint(0, 5)
    n = rng.randint(1, 5)
    if k == 5:
        # str and bytes keys in netlua's order (by their bytes), then None
        keys = sorted([text() for _ in range(n)] + [utf8_bytes() for _ in range(n)],
                      key=lambda k: k if type(k) is bytes else k.encode())
        return {key: value(depth + 1) for key in keys + [None] * rng.randint(0, 1)}
    if k == 0: return [value(depth + 1) for _ in range(n)]
    if k == 1:
        keys = sorted({text() for _ in range(n)})
        return {key: value(depth + 1) for key in keys}
    if k == 2: return tuple(value(depth + 1) for _ in range(rng.randint(0, 5)))
    if k == 3:
        keys = sorted({rng.randint(-5, 40) for _ in range(n)})
        return {key: value(depth + 1) for key in keys}
    return rng.choice([set, frozenset])(rng.sample(range(8), min(n, 4)))
# (a bytes standing alone loads as a plain string, which pickles as str
# when it is UTF-8: only bytes inside containers keep their type)
values = [v for v in (value(0) for _ in range(150)) if type(v) is not bytes]
shared = [1, 'two']
values += [
    [shared, shared, (shared,)],
    list(range(2500)),
    {i: str(i) for i in range(1500)},
    set(range(30)),
    'x' * 70000,
    bytes([0xfe]) * 70000,
    [text() * 300 for _ in range(400)],
    (), [()], None,
]
for v in values:
    print(pickle.dumps(v, 5).hex())
    print(' '.join(pickle.dumps(v, p).hex() for p in range(6)))
`

// TestDumpsIsCPythons: netlua's pickle.dumps writes exactly CPython 3.11's
// bytes at every protocol for a generated corpus of values that went from
// CPython to netlua through pickle.loads: the same opcodes, memo,
// batches and frames.
func TestDumpsIsCPythons(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(interptest.Python3(t, corpus, "")), "\n")
	var src strings.Builder
	src.WriteString(luaHexHelpers + "local function dumps_all(h)\n" +
		"  local v = pickle.loads(unhex(h))\n  local out = {}\n" +
		"  for p = 0, 5 do out[#out + 1] = hex(pickle.dumps(v, p)) end\n" +
		"  print(table.concat(out, ' '))\nend\n")
	for i := 0; i < len(lines); i += 2 {
		src.WriteString("dumps_all('" + lines[i] + "')\n")
	}
	got := strings.Split(strings.TrimSpace(interptest.Run(t, src.String(), pickle.Module, binascii.Module)), "\n")
	if len(got) != len(lines)/2 {
		t.Fatalf("netlua printed %d lines for %d values", len(got), len(lines)/2)
	}
	bad := 0
	for i := range got {
		want := strings.Fields(lines[2*i+1])
		have := strings.Fields(got[i])
		for p := range want {
			if p >= len(have) || have[p] != want[p] {
				if bad++; bad <= 5 {
					t.Errorf("value %d (pickle %s), protocol %d:\n got %s\nwant %s", i, short(lines[2*i]), p, short(at(have, p)), short(want[p]))
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d pickles differ from CPython's", bad, 6*len(got))
	}
}

// luaHexHelpers name hex and unhex for the test's Lua code: binascii's,
// from Go (gopher-lua's gsub is quadratic on megabytes of hex).
const luaHexHelpers = "local hex, unhex = binascii.hexlify, binascii.unhexlify\n"

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(missing)"
}

func short(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// Values built in Lua: a table reached twice is written once and referred
// to after; a list that contains itself is written as Python writes one.
func TestDumpsSharedAndRecursive(t *testing.T) {
	out := interptest.Python3(t, `
import pickle
a = [1]
l = [2]
l.append(l)
d = {}
d['self'] = d
for v in ([a, a], l, d):
    print(' '.join(pickle.dumps(v, p).hex() for p in range(6)))
`, "")
	got := interptest.Run(t, luaHexHelpers+`
local function all(v)
  local out = {}
  for p = 0, 5 do out[#out + 1] = hex(pickle.dumps(v, p)) end
  print(table.concat(out, ' '))
end
local a = {1}
all({a, a})
local l = {2}
l[2] = l
all(l)
local d = pickle.dict{}
d.self = d
all(d)`, pickle.Module, binascii.Module)
	if got != out {
		t.Errorf("got\n%s\nwant\n%s", got, out)
	}
}
