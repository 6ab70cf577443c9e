package pystruct_test

import (
	"fmt"
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/pickle"
	"netlua/stdlib/pystruct"
)

// pyFormats makes random formats (every code, byte order, repeat count and
// spacing) with random data of each one's size, seeded so a failure
// repeats, and prints per case: the format and data in hex, then CPython's
// repr of unpack and the hex of pack(*values); or OverflowError where an
// 8-byte integer is beyond 2^53-1, which netlua refuses (a Lua number could
// not hold it exactly). Floats are printed by netlua's number rule (README:
// a float with no fraction prints as an integer); everything else,
// including the b'...' of 's', 'p' and 'c', is CPython's repr verbatim.
const pyFormats = `
import math, random, struct
rng = random.Random(19)
def fmt():
    order = rng.choice(['', '@', '=', '<', '>', '!'])
    parts = []
    for _ in range(rng.randint(1, 5)):
        c = rng.choice('xcbB?hHiIlLqQnNefdspP')
        if order not in ('', '@') and c in 'nNP':
            c = 'H'  # native only
        # '0p' is a SystemError in CPython 3.11
        parts.append(rng.choice(['', '', str(rng.randint(1 if c == 'p' else 0, 4))]) + c)
    return order + rng.choice(['', ' ']).join(parts)
def show(v):
    if isinstance(v, float) and math.isfinite(v) and v == int(v) and abs(v) < 1e16:
        return str(int(v))
    return repr(v)
for _ in range(500):
    f = fmt()
    data = bytes(rng.choice([0, 0, 0, 0, 1, 0x7f, 0x80, 0xff, rng.randint(0, 255)]) for _ in range(struct.calcsize(f)))
    vals = struct.unpack(f, data)
    if any(type(v) is int and abs(v) > 2**53 - 1 for v in vals):
        want = 'OverflowError'
    else:
        parts = [show(v) for v in vals]
        want = ('(' + parts[0] + ',)' if len(parts) == 1 else '(' + ', '.join(parts) + ')') + ' ' + struct.pack(f, *vals).hex()
    print(f.encode().hex(), data.hex(), want, sep='\t')
`

// TestGeneratedFormatsMatchCPython unpacks CPython's random data with
// CPython's random formats through unpack, unpack_from, iter_unpack and
// Struct:unpack: each tuple must print as CPython's (bytes as b'...', by
// tostring and by string.format's %s), and packing its values again must
// give CPython's bytes.
func TestGeneratedFormatsMatchCPython(t *testing.T) {
	cases := generatedFormats(t)
	var lua strings.Builder
	lua.WriteString(hex + `
local function unhex(h) return (h:gsub('..', function(c) return string.char(tonumber(c, 16)) end)) end
local function one(f, data)
  local ok, t = pcall(struct.unpack, f, data)
  if not ok then return repr(t):match('^%w+') end
  local from = struct.unpack_from(f, 'pad' .. data, 3)
  local s = struct.Struct(f):unpack(data)
  local text = tostring(t)
  local each = text -- iter_unpack refuses a format of size 0, as CPython does
  if #data > 0 then
    for x in struct.iter_unpack(f, data .. data) do each = tostring(x) end
  end
  for _, other in ipairs({string.format('%s', t), tostring(from), tostring(s), each}) do
    if other ~= text then return 'differs: ' .. text .. ' / ' .. other end
  end
  return text .. ' ' .. hex(struct.pack(f, unpack(t, 1, #t)))
end
local cases = {
`)
	for _, c := range cases {
		f := strings.Split(c, "\t")
		lua.WriteString("{'" + f[0] + "', '" + f[1] + "'},\n")
	}
	lua.WriteString("}\nfor _, c in ipairs(cases) do print(one(unhex(c[1]), unhex(c[2]))) end\n")
	got := strings.Split(strings.TrimSpace(interptest.Run(t, lua.String(), pystruct.Module)), "\n")
	if len(got) != len(cases) {
		t.Fatalf("netlua printed %d lines for %d cases:\n%s", len(got), len(cases), strings.Join(got, "\n"))
	}
	for i, c := range cases {
		f := strings.Split(c, "\t")
		if got[i] != f[2] {
			t.Errorf("format %s data %s:\n got %s\nwant %s", f[0], f[1], got[i], f[2])
		}
	}
}

// generatedFormats are pyFormats' cases, one "format data want" line each.
func generatedFormats(t *testing.T) []string {
	return strings.Split(strings.TrimSpace(interptest.Python3(t, pyFormats, "")), "\n")
}

// TestUnpackedValuesPickleAsCPythons: pickle.dumps of each generated
// unpack result, loaded by CPython, equals CPython's own unpack of the
// same data: the 's', 'p' and 'c' values come back as bytes, not str.
func TestUnpackedValuesPickleAsCPythons(t *testing.T) {
	var lua strings.Builder
	lua.WriteString(hex + `
local function unhex(h) return (h:gsub('..', function(c) return string.char(tonumber(c, 16)) end)) end
local cases = {
`)
	n := 0
	for _, c := range generatedFormats(t) {
		if f := strings.Split(c, "\t"); f[2] != "OverflowError" {
			lua.WriteString("{'" + f[0] + "', '" + f[1] + "'},\n")
			n++
		}
	}
	lua.WriteString(`}
for _, c in ipairs(cases) do
  print(c[1], c[2], hex(pickle.dumps(struct.unpack(unhex(c[1]), unhex(c[2])))))
end
`)
	out := interptest.Run(t, lua.String(), pystruct.Module, pickle.Module)
	res := interptest.Python3(t, `
import math, pickle, struct, sys
def same(a, b):
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    if isinstance(a, (bytes, str, bool)) or isinstance(b, (bytes, str, bool)):
        return type(a) is type(b) and a == b
    return a == b  # numbers: a Lua number with no fraction pickles as an int
n = 0
for line in sys.stdin:
    f, data, p = line.rstrip('\n').split('\t')
    want = struct.unpack(bytes.fromhex(f).decode(), bytes.fromhex(data))
    got = pickle.loads(bytes.fromhex(p))
    if type(got) is not tuple or len(got) != len(want) or not all(same(a, b) for a, b in zip(want, got)):
        print('MISMATCH', bytes.fromhex(f), want, got)
    n += 1
print('checked', n)
`, out)
	if want := fmt.Sprintf("checked %d", n); strings.TrimSpace(res) != want {
		t.Fatalf("CPython disagrees (%s expected):\n%s", want, res)
	}
}
