package json_test

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/json"
)

// optionSets are the dumps options compared, as Python keyword arguments
// and as the netlua table.
var optionSets = []struct{ py, lua string }{
	{``, `{}`},
	{`indent=2`, `{indent=2}`},
	{`sort_keys=True`, `{sort_keys=true}`},
	{`separators=(',', ':')`, `{separators={",", ":"}}`},
	{`ensure_ascii=False`, `{ensure_ascii=false}`},
	{`indent='\t', sort_keys=True, ensure_ascii=False`, `{indent="\t", sort_keys=true, ensure_ascii=false}`},
	{`indent=0, separators=(' ,', ' : ')`, `{indent=0, separators={" ,", " : "}}`},
}

// pyGenerator makes random nested values of every JSON kind (None in
// containers, str with escapes and non-BMP characters, int, float with a
// fraction, inf, bool, list, dict), seeded so failures repeat.
const pyGenerator = `
import json, random, math
rng = random.Random(19)
def text():
    pool = 'abc xyz"\\/\b\f\n\r\t\x00\x1f\x7f' + 'éß测试' + '\U0001F600\U00010348'
    return ''.join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
def number():
    k = rng.randint(0, 5)
    if k == 0: return rng.randint(-2**53, 2**53)
    if k == 1: return rng.randint(-1000, 1000)
    if k == 2: return rng.choice([math.inf, -math.inf, 0.5, -1e-7, 1.5e300, 123456.789])
    f = rng.uniform(-1e6, 1e6) * 10 ** rng.randint(-20, 8)
    return f if f != int(f) else f + 0.5
def value(depth):
    k = rng.randint(0, 7 if depth < 4 else 4)
    if k == 0: return None
    if k == 1: return rng.choice([True, False])
    if k == 2: return number()
    if k in (3, 4): return text()
    if k in (5, 6): return [value(depth + 1) for _ in range(rng.randint(0, 4))]
    return {text(): value(depth + 1) for _ in range(rng.randint(0, 4))}
`

// TestPythonToNetlua: CPython writes random values; netlua loads each and
// writes it again with every option set, which must be CPython's text for
// the same value and options, byte for byte (so also dumps(loads(s)) == s).
func TestPythonToNetlua(t *testing.T) {
	var py strings.Builder
	py.WriteString(pyGenerator + "\nfor _ in range(300):\n    v = [value(0)]\n    print(json.dumps(v).encode().hex())\n")
	for _, o := range optionSets {
		fmt.Fprintf(&py, "    print(json.dumps(v, %s).encode().hex())\n", o.py)
	}
	lines := strings.Split(strings.TrimSpace(interptest.Python3(t, py.String(), "")), "\n")
	per := len(optionSets) + 1
	var lua strings.Builder
	lua.WriteString("local opts = {")
	for _, o := range optionSets {
		lua.WriteString(o.lua + ", ")
	}
	lua.WriteString("}\nlocal function unhex(h) return (h:gsub('..', function(c) return string.char(tonumber(c, 16)) end)) end\n")
	lua.WriteString("local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end\n")
	lua.WriteString("local data = {")
	for i := 0; i < len(lines); i += per {
		lua.WriteString("'" + lines[i] + "',\n")
	}
	lua.WriteString("}\nfor _, line in ipairs(data) do local v = json.loads(unhex(line)) for _, o in ipairs(opts) do print(hex(json.dumps(v, o))) end end\n")
	got := interptest.Run(t, lua.String(), json.Module)
	gotLines := strings.Split(strings.TrimSpace(got), "\n")
	n := 0
	for i := 0; i < len(lines); i += per {
		for j := range optionSets {
			want := lines[i+1+j]
			if n >= len(gotLines) {
				t.Fatalf("netlua printed %d lines, want more", len(gotLines))
			}
			if gotLines[n] != want {
				w, _ := hex.DecodeString(want)
				g, _ := hex.DecodeString(gotLines[n])
				src, _ := hex.DecodeString(lines[i])
				t.Fatalf("value %s with options %s:\n got %s\nwant %s", src, optionSets[j].py, g, w)
			}
			n++
		}
	}
}

// TestNetluaToPython: netlua writes random Lua values (none and nil holes
// in arrays among them); CPython loads each and writes it again with every
// option set, which must be netlua's text.
func TestNetluaToPython(t *testing.T) {
	var lua strings.Builder
	lua.WriteString(`
math.randomseed(19)
local pool = {"a", "b", " ", '"', "\\", "/", "\b", "\f", "\n", "\r", "\t", "\0", "\31", "\127", "é", "ß", "测", "试", "😀", "𐍈"}
local function text()
  local t = {}
  for i = 1, math.random(0, 8) do t[i] = pool[math.random(#pool)] end
  return table.concat(t)
end
local function number()
  local k = math.random(0, 3)
  if k == 0 then return math.random(-1000000, 1000000) * 2^20 + math.random(0, 2^20) end
  if k == 1 then return math.random(-1000, 1000) end
  if k == 2 then return ({1/0, -1/0, 0.5, -1e-7, 1.5e300, 123456.789})[math.random(6)] end
  local f = (math.random() - 0.5) * 10 ^ math.random(-20, 8)
  if f == math.floor(f) then f = f + 0.5 end
  return f
end
local function value(depth)
  local k = math.random(0, depth < 4 and 7 or 4)
  if k == 0 then return none end
  if k == 1 then return math.random(2) == 1 end
  if k == 2 then return number() end
  if k <= 4 then return text() end
  if k <= 6 then
    local t = json.array()
    for i = 1, math.random(0, 4) do
      if math.random(6) > 1 then t[i] = value(depth + 1) end -- else a nil hole: null
    end
    return t
  end
  local t = {}
  for i = 1, math.random(0, 4) do t[text()] = value(depth + 1) end
  return t
end
local opts = {`)
	for _, o := range optionSets {
		lua.WriteString(o.lua + ", ")
	}
	lua.WriteString(`}
local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end
for i = 1, 300 do
  local v = {value(0)}
  print(hex(json.dumps(v)))
  for _, o in ipairs(opts) do print(hex(json.dumps(v, o))) end
end
`)
	out := interptest.Run(t, lua.String(), json.Module)
	var py strings.Builder
	py.WriteString("import json, sys\nlines = sys.stdin.read().split()\nper = " + fmt.Sprint(len(optionSets)+1) + "\nfor i in range(0, len(lines), per):\n    v = json.loads(bytes.fromhex(lines[i]))\n")
	for j, o := range optionSets {
		fmt.Fprintf(&py, "    got = json.dumps(v, %s).encode().hex()\n", o.py)
		fmt.Fprintf(&py, "    if got != lines[i+%d]: print('MISMATCH', %q, bytes.fromhex(lines[i]), bytes.fromhex(lines[i+%d]), bytes.fromhex(got))\n", j+1, o.py, j+1)
	}
	py.WriteString("print('checked', len(lines) // per)\n")
	res := interptest.Python3(t, py.String(), out)
	if strings.TrimSpace(res) != "checked 300" {
		t.Fatalf("CPython disagrees:\n%s", res)
	}
}
