package pickle

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"unicode/utf8"

	"netlua/interp"

	ogorek "github.com/kisielk/og-rek"
	lua "github.com/yuin/gopher-lua"
)

// dumpError is raised as a TypeError or ValueError with CPython's text.
type dumpError struct {
	class *interp.Class
	msg   string
}

func (e *dumpError) Error() string { return e.msg }

// A dumper turns Lua values into the Go values og-rek encodes. og-rek
// writes no memo, so a table reached twice is written twice, and a table
// that contains itself cannot be written at all: active holds the tables
// being converted, to report that instead of recursing forever.
type dumper struct {
	L        *lua.LState
	protocol int
	active   map[*lua.LTable]bool
	// dicts holds every dict met, keys sorted; og-rek is handed a
	// placeholder for each (see expandDicts), because its own Dict
	// iterates in hash order and would make dumps differ run to run.
	dicts []orderedDict
	token string
	depth int // tables being converted, bounded by interp.MaxDepth
	steps int // values converted, for the checkpoint
}

// orderedDict is a dict's items, in the order they are written.
type orderedDict struct{ keys, values []any }

func (d *dumper) toGo(v lua.LValue) (any, error) {
	if d.steps++; d.steps%4096 == 0 {
		interp.Checkpoint(d.L)
	}
	switch v := v.(type) {
	case *lua.LNilType:
		return ogorek.None{}, nil
	case lua.LBool:
		return bool(v), nil
	case lua.LNumber:
		f := float64(v)
		// Integral numbers are ints while a float64 holds every integer
		// around them; beyond 2^53, and for -0.0, a float says what the
		// Lua number is.
		if f == math.Trunc(f) && math.Abs(f) <= maxExact && !(f == 0 && math.Signbit(f)) {
			return int64(f), nil
		}
		return f, nil
	case lua.LString:
		if utf8.ValidString(string(v)) {
			return string(v), nil
		}
		return ogorek.Bytes(v), nil
	case *lua.LTable:
		return d.table(v)
	}
	return nil, cannotPickle(v)
}

func cannotPickle(v lua.LValue) error {
	return &dumpError{interp.TypeError, fmt.Sprintf("cannot pickle '%s' object", interp.TypeName(v))}
}

func (d *dumper) table(t *lua.LTable) (any, error) {
	if d.active[t] {
		return nil, &dumpError{interp.ValueError, "cannot pickle a table that contains itself (pickle.dumps writes no references)"}
	}
	pt := typeOf(d.L, t)
	isTuple := interp.IsTuple(d.L, t)
	if pt == nil && !isTuple && t.Metatable != lua.LNil {
		return nil, cannotPickle(t)
	}
	if pt == nil && !isTuple {
		if n, ok := listLen(t); ok && n > 0 && n == t.Len() {
			pt = listType
		} else {
			pt = dictType
		}
	}
	// og-rek's encoder and expandDicts recurse as deeply as this walk, so
	// one bound keeps all three off the end of the Go stack.
	if d.depth >= interp.MaxDepth {
		return nil, &dumpError{interp.RecursionError, "maximum recursion depth exceeded while pickling an object"}
	}
	d.depth++
	defer func() { d.depth-- }()
	d.active[t] = true
	defer delete(d.active, t)
	switch {
	case isTuple:
		items, err := d.items(t, t.Len())
		return ogorek.Tuple(items), err
	case pt == bytesType:
		s, ok := t.RawGetInt(1).(lua.LString)
		if !ok {
			return nil, &dumpError{interp.TypeError, "pickle.bytes holds " + interp.TypeName(t.RawGetInt(1)) + ", not a string"}
		}
		return ogorek.Bytes(s), nil
	case pt == listType:
		n, ok := listLen(t)
		if !ok {
			return nil, &dumpError{interp.ValueError, "cannot pickle a table as a list: its keys are not 1..n"}
		}
		return d.items(t, n)
	case pt == setType || pt == frozensetType:
		var keys []any
		for _, k := range sortedKeys(t) {
			g, err := d.key(k)
			if err != nil {
				return nil, err
			}
			keys = append(keys, g)
		}
		return ogorek.Call{Callable: d.builtin(pt.kind), Args: ogorek.Tuple{keys}}, nil
	}
	check := ogorek.NewDict()
	var od orderedDict
	for _, k := range sortedKeys(t) {
		gk, err := d.key(k)
		if err != nil {
			return nil, err
		}
		gv, err := d.toGo(t.RawGet(k))
		if err != nil {
			return nil, err
		}
		if err := setItem(check, gk, gv); err != nil {
			return nil, err
		}
		od.keys = append(od.keys, gk)
		od.values = append(od.values, gv)
	}
	d.dicts = append(d.dicts, od)
	return d.placeholder(len(d.dicts) - 1), nil
}

// placeholder stands for dict number i in what og-rek encodes: bytes that
// cannot occur in real data (a random token), replaced after encoding.
func (d *dumper) placeholder(i int) ogorek.Bytes {
	return ogorek.Bytes(fmt.Sprintf("%s#%d#", d.token, i))
}

func (d *dumper) items(t *lua.LTable, n int) ([]any, error) {
	items := make([]any, n)
	for i := range items {
		g, err := d.toGo(t.RawGetInt(i + 1))
		if err != nil {
			return nil, err
		}
		items[i] = g
	}
	return items, nil
}

// key converts a dict key or set element, which Python requires to be
// hashable: tuples of hashable values, not lists, dicts or sets.
func (d *dumper) key(k lua.LValue) (any, error) {
	if t, ok := k.(*lua.LTable); ok && !interp.IsTuple(d.L, t) {
		name := "dict"
		if pt := typeOf(d.L, t); pt != nil {
			name = pt.kind
		} else if n, ok := listLen(t); ok && n > 0 {
			name = "list"
		}
		if name != "bytes" && name != "frozenset" {
			return nil, &dumpError{interp.TypeError, fmt.Sprintf("unhashable type: '%s'", name)}
		}
	}
	return d.toGo(k)
}

// setItem is dict[k] = v; og-rek's Dict panics on keys it cannot hash.
func setItem(dict ogorek.Dict, k, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &dumpError{interp.TypeError, fmt.Sprintf("unhashable type: %v", r)}
		}
	}()
	dict.Set(k, v)
	return nil
}

// builtin names set or frozenset as CPython does at the protocol: py2's
// __builtin__ up to protocol 2, so that Python 2 can load them too.
func (d *dumper) builtin(name string) ogorek.Class {
	if d.protocol <= 2 {
		return ogorek.Class{Module: "__builtin__", Name: name}
	}
	return ogorek.Class{Module: "builtins", Name: name}
}

// dump is pickle.dumps for Go callers.
func dump(L *lua.LState, v lua.LValue, protocol int) ([]byte, error) {
	// math/rand's generator is seeded at random per process; crypto/rand
	// would cost 4 ms of start-up for its FIPS self-tests.
	token := fmt.Sprintf("\x00netlua-dict-%016x%016x", rand.Uint64(), rand.Uint64())
	d := &dumper{L: L, protocol: protocol, active: map[*lua.LTable]bool{}, token: token}
	g, err := d.toGo(v)
	if err != nil {
		return nil, err
	}
	out, err := d.encode(g)
	if err != nil {
		return nil, err
	}
	if len(d.dicts) == 0 {
		return out, nil
	}
	body, err := d.expandDicts(out[d.headerLen() : len(out)-1])
	if err != nil {
		return nil, err
	}
	return append(append(out[:d.headerLen():d.headerLen()], body...), '.'), nil
}

// encode runs og-rek on one value: the PROTO header, the value, STOP.
func (d *dumper) encode(g any) ([]byte, error) {
	var buf bytes.Buffer
	enc := ogorek.NewEncoderWithConfig(&buf, &ogorek.EncoderConfig{
		Protocol: d.protocol,
		// str is always unicode, as in Python 3; without this og-rek
		// writes py2 byte strings at protocols 0-2, which Python 3 loads
		// only when they are ASCII.
		StrictUnicode: true,
	})
	if err := enc.Encode(g); err != nil {
		return nil, &dumpError{interp.ValueError, err.Error()}
	}
	return buf.Bytes(), nil
}

// headerLen is the length of the PROTO opcode og-rek writes first.
func (d *dumper) headerLen() int {
	if d.protocol >= 2 {
		return 2
	}
	return 0
}

// body encodes g without the header and STOP, for splicing.
func (d *dumper) body(g any) ([]byte, error) {
	out, err := d.encode(g)
	if err != nil {
		return nil, err
	}
	return out[d.headerLen() : len(out)-1], nil
}

// expandDicts replaces each dict placeholder in an encoded body with the
// dict written as og-rek writes one (EMPTY_DICT, or MARK k v ... DICT), its
// items in sorted-key order, nested dicts expanded in turn. og-rek writes
// no memo, so a value's encoding does not depend on where it stands.
func (d *dumper) expandDicts(body []byte) ([]byte, error) {
	for i := range d.dicts {
		ph, err := d.body(d.placeholder(i))
		if err != nil {
			return nil, err
		}
		at := bytes.Index(body, ph)
		if at < 0 {
			continue
		}
		od := d.dicts[i]
		var dict []byte
		if len(od.keys) == 0 && d.protocol >= 1 {
			dict = []byte{'}'}
		} else {
			dict = []byte{'('}
			for j := range od.keys {
				for _, item := range []any{od.keys[j], od.values[j]} {
					enc, err := d.body(item)
					if err != nil {
						return nil, err
					}
					if enc, err = d.expandDicts(enc); err != nil {
						return nil, err
					}
					dict = append(dict, enc...)
				}
			}
			dict = append(dict, 'd')
		}
		body = append(body[:at:at], append(dict, body[at+len(ph):]...)...)
	}
	return body, nil
}
