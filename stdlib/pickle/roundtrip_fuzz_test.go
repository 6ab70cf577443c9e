package pickle

import (
	"encoding/binary"
	"math"
	"testing"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// valueGen builds a Lua value of the kinds pickle maps (nil, booleans,
// ints, floats of any bits, text and bytes, lists with holes, dicts,
// tuples, sets, frozensets, pickle.bytes) from fuzz bytes, so that every
// input is a value to round-trip.
type valueGen struct {
	L    *lua.LState
	data []byte
}

func (g *valueGen) byte() byte {
	if len(g.data) == 0 {
		return 0
	}
	b := g.data[0]
	g.data = g.data[1:]
	return b
}

func (g *valueGen) bytes(n int) []byte {
	n = min(n, len(g.data))
	b := g.data[:n]
	g.data = g.data[n:]
	return b
}

func (g *valueGen) value(depth int) lua.LValue {
	op := g.byte() % 11
	if depth > 6 && op >= 5 {
		op %= 5
	}
	switch op {
	case 0:
		return lua.LNil
	case 1:
		return lua.LBool(g.byte()%2 == 1)
	case 2, 3:
		return g.key()
	case 4:
		b := g.bytes(8)
		return lua.LNumber(math.Float64frombits(binary.LittleEndian.Uint64(append(b, make([]byte, 8-len(b))...))))
	case 5:
		t := g.L.NewTable()
		for i := 1; i <= int(g.byte()%6); i++ {
			t.RawSetInt(i, g.value(depth+1))
		}
		g.L.SetMetatable(t, typeMeta(g.L, listType))
		return t
	case 6, 7:
		t := g.L.NewTable()
		for n := int(g.byte() % 6); n > 0; n-- {
			if v := g.value(depth + 1); v != lua.LNil {
				t.RawSet(g.key(), v)
			}
		}
		if op == 6 {
			g.L.SetMetatable(t, typeMeta(g.L, dictType))
		}
		return t
	case 8:
		vals := make([]lua.LValue, g.byte()%4)
		for i := range vals {
			vals[i] = g.value(depth + 1)
		}
		return interp.NewTuple(g.L, vals...)
	case 9:
		t := g.L.NewTable()
		for n := int(g.byte() % 5); n > 0; n-- {
			t.RawSet(g.key(), lua.LTrue)
		}
		g.L.SetMetatable(t, typeMeta(g.L, []*pyType{setType, frozensetType}[g.byte()%2]))
		return t
	}
	t := g.L.CreateTable(1, 0)
	t.RawSetInt(1, lua.LString(g.bytes(int(g.byte()%8))))
	g.L.SetMetatable(t, typeMeta(g.L, bytesType))
	return t
}

// key is a hashable value Lua can index by: an int, a non-nan float or
// a string (text or bytes). Ints are 16-bit: loads refuses sparse keys
// far up a table's array part (see setKey), by design.
func (g *valueGen) key() lua.LValue {
	switch g.byte() % 3 {
	case 0:
		return lua.LNumber(int16(binary.LittleEndian.Uint16(append(g.bytes(2), 0, 0))))
	case 1:
		if f := math.Float64frombits(binary.LittleEndian.Uint64(append(g.bytes(8), make([]byte, 8)...))); !math.IsNaN(f) {
			return lua.LNumber(f)
		}
	}
	return lua.LString(g.bytes(int(g.byte() % 12)))
}

// pyEqual compares a value with what loads(dumps(value)) gave, as Python
// would compare them: lists (a plain sequence or pickle.list) with lists,
// sets with sets, bytes with the string it loads as, nan with nan.
func pyEqual(L *lua.LState, a, b lua.LValue) bool {
	if an, ok := a.(lua.LNumber); ok {
		bn, ok := b.(lua.LNumber)
		return ok && (an == bn || an != an && bn != bn)
	}
	at, ok := a.(*lua.LTable)
	if !ok {
		return a == b
	}
	if typeOf(L, at) == bytesType {
		return at.RawGetInt(1) == b
	}
	bt, ok := b.(*lua.LTable)
	if !ok {
		return false
	}
	kind := func(t *lua.LTable) string {
		if interp.IsTuple(L, t) {
			return "tuple"
		}
		if pt := typeOf(L, t); pt != nil {
			return pt.kind
		}
		if n, ok := listLen(t); ok && n > 0 {
			return "list"
		}
		return "dict"
	}
	if kind(at) != kind(bt) {
		return false
	}
	same := true
	count := 0
	at.ForEach(func(k, v lua.LValue) {
		count++
		if !pyEqual(L, v, bt.RawGet(k)) {
			same = false
		}
	})
	bt.ForEach(func(_, _ lua.LValue) { count-- })
	return same && count == 0
}

// FuzzRoundTrip builds a value from the input and pickles it at every
// protocol: whatever dumps accepts, loads must give back equal.
func FuzzRoundTrip(f *testing.F) {
	for _, seed := range []string{"", "\x05\x03\x02\x01\x00\x00\x00\x0a\x03abc", "\x06\x02\x02\x01\x04\x00\x00\x00\x01\x02\x02x\x09\x02\x00\x01\x00\x00\x00",
		"\x08\x03\x04\x00\x00\x00\x00\x00\x00\xf8\x7f\x02\x02\x03\xff\xfe\x00\x07\x01"} {
		f.Add([]byte(seed))
	}
	rt := interp.New(Module)
	f.Fuzz(func(t *testing.T, data []byte) {
		v := (&valueGen{L: rt.L, data: data}).value(0)
		for p := 0; p <= HighestProtocol; p++ {
			b, err := dumpValue(rt.L, v, p)
			if err != nil {
				if _, ok := err.(*dumpError); !ok {
					t.Fatalf("protocol %d: dumps(%s) failed with %T %v", p, interp.ReprValue(rt.L, v), err, err)
				}
				continue
			}
			back, err := load(rt.L, b)
			if err != nil {
				t.Fatalf("protocol %d: loads(dumps(%s)) = %v; dumps gave %q", p, interp.ReprValue(rt.L, v), err, b)
			}
			if !pyEqual(rt.L, v, back) {
				t.Fatalf("protocol %d: loads(dumps(%s)) = %s; dumps gave %q", p, interp.ReprValue(rt.L, v), interp.ReprValue(rt.L, back), b)
			}
		}
	})
}
