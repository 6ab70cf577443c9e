package pickle_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/binascii"
	"netlua/stdlib/pickle"
)

// The differential tests of issue 19: generated values, with None, bytes,
// str, ints, floats, bools, tuples, lists, dicts, sets and frozensets,
// nested and shared, go CPython → netlua → CPython and must come back
// equal, with their types and their shared references; netlua must print
// each as Python does. The seed is fixed so that a run is repeatable;
// NETLUA_PICKLE_SEED picks another, and every failure names it.

// pyModel is Python code both steps share: the generator and nrepr, Python's
// repr as netlua prints it. netlua sorts dict keys and set elements (Lua
// tables keep no order: false, true, numbers, strings and bytes by their
// bytes, None, then tuples and frozensets by their repr) and prints an
// integral float below 1e16 as an int (a Lua number does not say which it
// was); otherwise nrepr is repr.
const pyModel = `
import math, pickle, random, sys
seed, count = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
counter = 0
POOL = 'abc xyz\'"\\\n\r\t\0\x1a\x7f\x85\u00e9\u00ff\u0100\u200b\u6d4b\u8bd5\U0001f600'

def text():
    global counter
    counter += 1
    return ''.join(rng.choice(POOL) for _ in range(rng.randint(0, 6))) + '#' + str(counter)

def some_bytes():
    global counter
    counter += 1
    k = rng.randint(0, 2)
    if k == 0:   # ASCII: valid UTF-8, so only the slot says it is bytes
        b = bytes(rng.choice(b'abcxyz \n\\\'') for _ in range(rng.randint(0, 6)))
    elif k == 1:
        b = bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 6)))
    else:        # non-ASCII UTF-8
        b = text().encode()
    return b + b'#' + str(counter).encode()

def number():
    k = rng.randint(0, 3)
    if k == 0:
        return rng.choice([0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**31, 2**40, 2**53, -2**53])
    if k == 1:
        return rng.randint(-10**6, 10**6)
    if k == 2:
        return rng.choice([0.5, -2.25, 1e-7, 1e300, -1e-300, 3.0, -0.0, 1e16, 2.0**60, math.inf, -math.inf, math.nan])
    return rng.uniform(-1e6, 1e6)

def scalar():
    k = rng.randint(0, 5)
    if k == 0: return None
    if k == 1: return rng.choice([True, False])
    if k == 2: return number()
    if k == 3: return some_bytes()
    return text()

def key(depth):
    k = rng.randint(0, 9)
    if k == 0: return None
    if k <= 2: return rng.randint(-1000, 1000)
    if k <= 4: return some_bytes()
    if k == 5 and depth < 3: return tuple(key(depth + 1) for _ in range(rng.randint(0, 3)))
    if k == 6 and depth < 3: return frozenset(key(depth + 1) for _ in range(rng.randint(0, 3)))
    return text()

def value(depth, shared):
    if shared and rng.random() < 0.08:
        return rng.choice(shared)
    if depth > 3 or rng.random() < 0.45:
        return scalar()
    k = rng.randint(0, 4)
    n = rng.randint(0, 4)
    if k == 0:
        v = []
        shared.append(v)
        v.extend(value(depth + 1, shared) for _ in range(n))
        if rng.random() < 0.05:
            v.append(v)
    elif k == 1:
        v = {}
        shared.append(v)
        for _ in range(n):
            v[key(0)] = value(depth + 1, shared)
        if rng.random() < 0.05:
            v[text()] = v
    elif k == 2:
        v = tuple(value(depth + 1, shared) for _ in range(n))
        shared.append(v)
    else:
        v = (set, frozenset)[k - 3](key(0) for _ in range(n))
        shared.append(v)
    return v

def values():
    out = []
    for _ in range(count):
        shared = []
        out.append([value(0, shared) for _ in range(rng.randint(1, 4))])
    return out

def order(k):
    if type(k) is bool: return (0, int(k), b'')
    if type(k) in (int, float): return (1, k, b'')
    if type(k) is str: return (2, 0, k.encode('utf-8', 'surrogatepass'))
    if type(k) is bytes: return (2, 0, k)
    if k is None: return (3, 0, b'')
    return (4, 0, nrepr(k).encode())

def nrepr(v, active=None):
    active = set() if active is None else active
    t = type(v)
    if t is float:
        if math.isnan(v): return 'nan'
        if math.isinf(v): return 'inf' if v > 0 else '-inf'
        if v.is_integer() and abs(v) < 1e16: return str(int(v))
        return repr(v)
    if t not in (list, tuple, dict, set, frozenset):
        return repr(v)
    if id(v) in active:
        return {list: '[...]', tuple: '(...)'}.get(t, '{...}')
    active.add(id(v))
    try:
        if t is list:
            return '[' + ', '.join(nrepr(x, active) for x in v) + ']'
        if t is tuple:
            if len(v) == 1: return '(' + nrepr(v[0], active) + ',)'
            return '(' + ', '.join(nrepr(x, active) for x in v) + ')'
        if t is dict:
            return '{' + ', '.join(nrepr(k, active) + ': ' + nrepr(v[k], active) for k in sorted(v, key=order)) + '}'
        items = ', '.join(nrepr(x, active) for x in sorted(v, key=order))
        if t is set: return '{' + items + '}' if v else 'set()'
        return 'frozenset({' + items + '})' if v else 'frozenset()'
    finally:
        active.discard(id(v))
`

// pyGenerate prints, for each generated value, nrepr and its pickles at
// protocols 0-5, in hex.
const pyGenerate = pyModel + `
for v in values():
    print(nrepr(v))
    print(' '.join(pickle.dumps(v, p).hex() for p in range(6)))
`

// pyCheck reads netlua's pickles of the same values (one line per value,
// protocols 0-5) and compares what they load as with the originals:
// equal, of the same types (bytes and str, tuple and list, set and
// frozenset, float only as the int a Lua number makes of an integral one),
// and sharing exactly the same containers. It prints one line per value:
// ok, or the first difference.
const pyCheck = pyModel + `
class Differ(Exception): pass

def same(a, b, path, ida, idb):
    ta, tb = type(a), type(b)
    if ta is float and tb is int:
        if not (a.is_integer() and abs(a) <= 2**53 and math.copysign(1, a) > 0 and a == b):
            raise Differ(f'{path}: {a!r} came back as {b!r}')
        return
    if ta is not tb:
        raise Differ(f'{path}: {ta.__name__} {nrepr(a)} came back as {tb.__name__} {nrepr(b)}')
    if ta is float:
        if not (a == b and math.copysign(1, a) == math.copysign(1, b) or math.isnan(a) and math.isnan(b)):
            raise Differ(f'{path}: {a!r} came back as {b!r}')
        return
    if ta not in (list, tuple, dict, set, frozenset):
        if a != b:
            raise Differ(f'{path}: {a!r} came back as {b!r}')
        return
    # Containers: one object in the original is one object in the copy.
    if id(a) in ida:
        if ida[id(a)] is not b:
            raise Differ(f'{path}: a shared {ta.__name__} came back as two objects')
        return
    if id(b) in idb:
        raise Differ(f'{path}: two {ta.__name__}s came back as one object')
    ida[id(a)], idb[id(b)] = b, a
    keep.extend((a, b))
    if ta in (list, tuple):
        if len(a) != len(b):
            raise Differ(f'{path}: {len(a)} items came back as {len(b)}')
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f'{path}[{i}]', ida, idb)
        return
    bykey = {nrepr(k): k for k in b}
    if len(bykey) != len(b) or len(a) != len(b):
        raise Differ(f'{path}: {nrepr(a)} came back as {nrepr(b)}')
    for k in a:
        kb = bykey.get(nrepr(k), bykey)
        if kb is bykey:
            raise Differ(f'{path}: key {nrepr(k)} is missing from {nrepr(b)}')
        same(k, kb, f'{path} key {nrepr(k)}', ida, idb)
        if ta is dict:
            same(a[k], b[kb], f'{path}[{nrepr(k)}]', ida, idb)

keep = []
originals = values()
for i, line in enumerate(sys.stdin):
    pickles = line.split()
    for p, h in enumerate(pickles):
        try:
            same(originals[i], pickle.loads(bytes.fromhex(h)), 'v', {}, {})
        except Differ as e:
            print(f'protocol {p}: {e}')
            break
        except Exception as e:
            print(f'protocol {p}: pickle.loads raised {type(e).__name__}: {e}')
            break
    else:
        print('ok')
`

// diffSeed is the generators' seed: NETLUA_PICKLE_SEED, or a fixed one.
func diffSeed(t *testing.T) int {
	if s := os.Getenv("NETLUA_PICKLE_SEED"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("NETLUA_PICKLE_SEED=%q is not an int", s)
		}
		return n
	}
	return 19
}

// TestDifferentialFromCPython: 300 values generated by CPython, each
// pickled at protocols 0-5. netlua loads every pickle, prints the value
// (Python's repr, keys sorted) and pickles it again at the same protocol;
// CPython loads that and finds the original: same values, same types,
// same sharing.
func TestDifferentialFromCPython(t *testing.T) {
	const count = 300
	seed := diffSeed(t)
	lines := strings.Split(strings.TrimSuffix(interptest.Python3(t, pyGenerate, "", strconv.Itoa(seed), strconv.Itoa(count)), "\n"), "\n")
	if len(lines) != 2*count {
		t.Fatalf("the generator printed %d lines for %d values", len(lines), count)
	}
	var src strings.Builder
	src.WriteString(luaHexHelpers + `
local function trip(...)
  local reprs, back = {}, {}
  for p, h in ipairs{...} do
    local v = pickle.loads(unhex(h))
    reprs[p] = repr(v)
    back[p] = hex(pickle.dumps(v, p - 1))
  end
  print(table.concat(reprs, "\0"))
  print(table.concat(back, " "))
end
`)
	for i := 0; i < count; i++ {
		src.WriteString("trip('" + strings.ReplaceAll(lines[2*i+1], " ", "', '") + "')\n")
	}
	out := strings.Split(strings.TrimSuffix(interptest.Run(t, src.String(), pickle.Module, binascii.Module), "\n"), "\n")
	if len(out) != 2*count {
		t.Fatalf("netlua printed %d lines for %d values", len(out), count)
	}
	var back strings.Builder
	bad := 0
	for i := 0; i < count; i++ {
		for p, got := range strings.Split(out[2*i], "\x00") {
			if want := lines[2*i]; got != want && bad < 5 {
				bad++
				t.Errorf("seed %d, value %d, protocol %d: netlua prints\n%s\nPython\n%s", seed, i, p, got, want)
			}
		}
		back.WriteString(out[2*i+1] + "\n")
	}
	verdicts := strings.Split(strings.TrimSuffix(interptest.Python3(t, pyCheck, back.String(), strconv.Itoa(seed), strconv.Itoa(count)), "\n"), "\n")
	for i, v := range verdicts {
		if v != "ok" && bad < 10 {
			bad++
			t.Errorf("seed %d, value %d (%s): CPython → netlua → CPython: %s", seed, i, short(lines[2*i]), v)
		}
	}
	if len(verdicts) != count {
		t.Errorf("seed %d: CPython checked %d values of %d", seed, len(verdicts), count)
	}
}

// luaModel builds values in netlua from a seeded generator of its own (an
// LCG: math.random's sequence is not fixed by a seed in gopher-lua): none,
// plain text, pickle.bytes, strings that are not UTF-8, marked slots from
// a loaded CPython pickle, numbers, lists with nil holes, dicts keyed by
// none, bytes and frozensets, sets, frozensets, and tables shared between
// the top-level items. It prints, per value, pickle's repr, the pickle at each
// protocol, and which top-level items are one table.
const luaModel = `
local seed = %d
local function rand(n) -- 0 .. n-1
  seed = (seed * 1103515245 + 12345) %% 2147483648
  return math.floor(seed / 65536) %% n
end
local counter = 0
local function text()
  counter = counter + 1
  local pool = {"a", "b", "z", " ", "'", '"', "\\", "\n", "\0", "é", "测", "😀"}
  local s = {}
  for i = 1, rand(5) do s[i] = pool[rand(#pool) + 1] end
  return table.concat(s) .. "#" .. counter
end
local function rawbytes()
  counter = counter + 1
  local s = {}
  for i = 1, rand(5) do s[i] = string.char(rand(256)) end
  return "\255" .. table.concat(s) .. "#" .. counter
end
-- CPython's pickle of (b'abc', 258, [b'', 'x'], {b'k': b'v', None: None},
-- {b'e', None}): its strings' slots are marked as bytes.
local loaded = %s
local function scalar()
  local k = rand(8)
  if k == 0 then return none end
  if k == 1 then return rand(2) == 1 end
  if k == 2 then return rand(2000001) - 1000000 end
  if k == 3 then return ({0.5, -2.25, 1e300, 1/0, -1/0, 2^53, -2^40})[rand(7) + 1] end
  if k == 4 then return pickle.bytes(text()) end
  -- (an unmarked string that is not UTF-8 pickles as bytes too, but
  -- prints as a str with \x escapes: TestInteropDumps has those)
  if k == 5 then return pickle.bytes(rawbytes()) end
  return text()
end
local function key()
  local k = rand(6)
  if k == 0 then return none end
  if k == 1 then return rand(2001) - 1000 end
  if k == 2 then return pickle.bytes(text()) end
  if k == 3 then return pickle.frozenset{text(), rand(10)} end
  return text()
end
local function value(depth, shared)
  if #shared > 0 and rand(12) == 0 then return shared[rand(#shared) + 1] end
  if depth > 3 or rand(9) < 4 then return scalar() end
  local k, n = rand(7), rand(5)
  local v
  if k == 0 then
    v = {}
    for i = 1, n do v[i] = value(depth + 1, shared) end
    if n > 1 and rand(4) == 0 then v = pickle.list(v) v[2] = nil end -- a hole
  elseif k == 1 or k == 2 then
    v = k == 1 and {} or pickle.dict()
    for _ = 1, n do v[key()] = value(depth + 1, shared) end
  elseif k == 3 then
    local items = {}
    for i = 1, n do items[i] = key() end
    v = (rand(2) == 0 and pickle.set or pickle.frozenset)(items)
  else
    v = pickle.loads(loaded)
  end
  shared[#shared + 1] = v
  return v
end
for _ = 1, %d do
  local shared, v = {}, pickle.list()
  for i = 1, rand(4) + 1 do v[i] = value(0, shared) end
  local same = {}
  for i = 1, #v do
    for j = i + 1, #v do
      if type(v[i]) == "table" and rawequal(v[i], v[j]) then same[#same + 1] = (i - 1) .. "=" .. (j - 1) end
    end
  end
  local pickles = {}
  for p = 0, 5 do pickles[#pickles + 1] = hex(pickle.dumps(v, p)) end
  print(repr(v))
  print(table.concat(pickles, " ") .. " " .. (#same > 0 and table.concat(same, ",") or "-"))
end
`

// pyLoadNetlua loads each of netlua's pickles and prints nrepr of the
// value, which must be what netlua printed, once per protocol; and checks
// that the top-level items netlua built as one table are one object.
const pyLoadNetlua = pyModel + `
for line in sys.stdin:
    *pickles, same = line.split()
    reprs = []
    for p, h in enumerate(pickles):
        v = pickle.loads(bytes.fromhex(h))
        for pair in same.split(','):
            if pair != '-':
                i, j = map(int, pair.split('='))
                if v[i] is not v[j]:
                    reprs.append(f'protocol {p}: items {i} and {j} are one table in netlua, two objects here')
        reprs.append(nrepr(v))
    print('\0'.join(reprs))
`

// TestDifferentialFromNetlua: 300 values built in Lua, with none, nil
// holes, pickle.bytes, non-UTF-8 strings and slots marked as bytes by
// pickle.loads, pickled at protocols 0-5: CPython loads each and prints
// what netlua printed, and keeps netlua's shared tables shared.
func TestDifferentialFromNetlua(t *testing.T) {
	const count = 300
	seed := diffSeed(t)
	loaded := interptest.Python3(t, `import pickle; print(pickle.dumps((b'abc', 258, [b'', 'x'], {b'k': b'v', None: None}, {b'e', None}), 4).hex())`, "", "0", "0")
	src := fmt.Sprintf(luaHexHelpers+luaModel, seed, luaHex(strings.TrimSpace(loaded)), count)
	out := strings.Split(strings.TrimSuffix(interptest.Run(t, src, pickle.Module, binascii.Module), "\n"), "\n")
	if len(out) != 2*count {
		t.Fatalf("netlua printed %d lines for %d values", len(out), count)
	}
	var in strings.Builder
	for i := 0; i < count; i++ {
		in.WriteString(out[2*i+1] + "\n")
	}
	got := strings.Split(strings.TrimSuffix(interptest.Python3(t, pyLoadNetlua, in.String(), "0", "0"), "\n"), "\n")
	if len(got) != count {
		t.Fatalf("seed %d: CPython printed %d lines for %d values", seed, len(got), count)
	}
	bad := 0
	for i := 0; i < count; i++ {
		for p, g := range strings.Split(got[i], "\x00") {
			if want := out[2*i]; g != want && bad < 8 {
				bad++
				t.Errorf("seed %d, value %d, protocol %d: netlua built and printed\n%s\nCPython loads\n%s", seed, i, p, want, g)
			}
		}
	}
}
