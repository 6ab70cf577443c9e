package pickle

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strings"

	"netlua/interp"

	ogorek "github.com/kisielk/og-rek"
	lua "github.com/yuin/gopher-lua"
)

// maxExact is the largest integer every one of whose neighbours a Lua
// number (a float64) holds exactly: ints beyond it would load rounded.
const maxExact = 1 << 53

// maxDepth bounds nesting when converting, so a hostile pickle of a
// million nested lists fails cleanly instead of exhausting the Go stack.
const maxDepth = 10000

// A marker is what a persistent id written by scan decodes to.
type marker struct {
	kind string // "set", "frozenset", "def", "ref"
	key  string // memo key for def and ref
}

// decode scans data and decodes it with og-rek into Go values.
func decode(data []byte) (v any, err error) {
	stream, err := scan(data)
	if err == errRanOut || err == errTruncated {
		if _, ogErr := decodeStream(stream); ogErr != nil && ogErr != errTruncated {
			return nil, ogErr
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	return decodeStream(stream)
}

// decodeStream runs og-rek on a stream scan made.
func decodeStream(stream []byte) (v any, err error) {
	// og-rek is not expected to panic on what scan lets through, but a
	// panic must still never escape loads.
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, unpicklingError("%v", r)
		}
	}()
	d := ogorek.NewDecoderWithConfig(bytes.NewReader(stream), &ogorek.DecoderConfig{
		StrictUnicode: true, // py2 str stays distinct from text, and is bytes here
		PyDict:        true, // tuples may be dict keys, as in Python
		PersistentLoad: func(ref ogorek.Ref) (any, error) {
			kind, key, _ := strings.Cut(ref.Pid.(string), " ")
			return &marker{kind, key}, nil
		},
	})
	v, err = d.Decode()
	if err != nil {
		return nil, ogrekError(err)
	}
	return v, nil
}

// ogrekError turns og-rek's errors into CPython's texts where they mean
// the same thing.
func ogrekError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errTruncated
	case strings.Contains(msg, "stack underflow"):
		return unpicklingError("unpickling stack underflow")
	case strings.Contains(msg, "no marker"):
		return unpicklingError("could not find MARK")
	}
	return unpicklingError("%s", strings.TrimPrefix(msg, "pickle: "))
}

// A converter turns decoded values into Lua values. Lists that scan
// tagged "def N" are made once and shared by every "ref N", so shared and
// self-containing lists keep their identity; dicts are shared by og-rek.
type converter struct {
	L     *lua.LState
	defs  map[string]*lua.LTable
	dicts map[ogorek.Dict]*lua.LTable
	depth int

	// arrays is how far each table's array part reaches, and padding how
	// many empty slots all of them hold: see setKey.
	arrays  map[*lua.LTable]int
	padding int
}

// maxPadding bounds the empty array slots one loads may create (16 MiB).
const maxPadding = 1 << 20

// setKey sets t[k] = v for a dict key or set element. gopher-lua keeps every
// integer key from 1 to 2^26 in a table's array part, filling the gap below
// it with nils: {7549055: 0}, a 14-byte pickle, would take 115 MiB, and a
// few keys near 2^26 gigabytes (FuzzLoads found it). Such sparse keys are
// refused beyond maxPadding empty slots per loads.
func (c *converter) setKey(t *lua.LTable, k, v lua.LValue, what string) error {
	if n, ok := k.(lua.LNumber); ok && n >= 1 && n < lua.LNumber(lua.MaxArrayIndex) && n == lua.LNumber(math.Trunc(float64(n))) {
		reach := c.arrays[t]
		if gap := int(n) - 1 - reach; gap > 0 {
			if c.padding += gap; c.padding > maxPadding {
				return unpicklingError("%s %d is too sparse: a Lua table holds integer keys up to 2^26 in an array, and this one needs %d empty slots below it (at most %d in one loads)", what, int(n), gap, maxPadding)
			}
		}
		if int(n) > reach {
			c.arrays[t] = int(n)
		}
	}
	t.RawSet(k, v)
	return nil
}

func (c *converter) table(key string) *lua.LTable {
	t, ok := c.defs[key]
	if !ok {
		t = c.L.NewTable()
		c.defs[key] = t
	}
	return t
}

func (c *converter) toLua(v any) (lua.LValue, error) {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxDepth {
		return nil, unpicklingError("pickle data nested too deeply")
	}
	switch v := v.(type) {
	case ogorek.None:
		return lua.LNil, nil
	case bool:
		return lua.LBool(v), nil
	case int64:
		if v > maxExact || v < -maxExact {
			return nil, tooLarge(big.NewInt(v))
		}
		return lua.LNumber(v), nil
	case *big.Int:
		if v.CmpAbs(big.NewInt(maxExact)) > 0 {
			return nil, tooLarge(v)
		}
		return lua.LNumber(v.Int64()), nil
	case float64:
		return lua.LNumber(v), nil
	case string:
		return lua.LString(v), nil
	case ogorek.Bytes:
		return lua.LString(v), nil
	case ogorek.ByteString:
		return lua.LString(v), nil
	case []byte:
		return lua.LString(v), nil
	case ogorek.Tuple:
		vals := make([]lua.LValue, len(v))
		for i, x := range v {
			lv, err := c.toLua(x)
			if err != nil {
				return nil, err
			}
			vals[i] = lv
		}
		return interp.NewTuple(c.L, vals...), nil
	case []any:
		return c.list(v)
	case ogorek.Dict:
		return c.dict(v)
	case ogorek.Call:
		return c.call(v)
	case *marker:
		if v.kind == "ref" {
			return c.table(v.key), nil
		}
	case ogorek.Class:
		return nil, unpicklingError("global '%s.%s' is forbidden", v.Module, v.Name)
	}
	return nil, unpicklingError("cannot load %T", v)
}

// list converts a decoded list, reading and dropping scan's markers.
func (c *converter) list(items []any) (lua.LValue, error) {
	kind := "list"
	var t *lua.LTable
	vals := make([]any, 0, len(items))
	for _, x := range items {
		m, ok := x.(*marker)
		switch {
		case ok && m.kind == "def":
			t = c.table(m.key)
		case ok && (m.kind == "set" || m.kind == "frozenset"):
			kind = m.kind
		default:
			vals = append(vals, x)
		}
	}
	if t == nil {
		t = c.L.NewTable()
	}
	if kind != "list" {
		return t, c.fillSet(t, kind, vals)
	}
	c.L.SetMetatable(t, typeMeta(c.L, listType))
	for i, x := range vals {
		lv, err := c.toLua(x)
		if err != nil {
			return nil, err
		}
		t.RawSetInt(i+1, lv)
	}
	return t, nil
}

func (c *converter) fillSet(t *lua.LTable, kind string, vals []any) error {
	pt := setType
	if kind == "frozenset" {
		pt = frozensetType
	}
	c.L.SetMetatable(t, typeMeta(c.L, pt))
	for _, x := range vals {
		lv, err := c.toLua(x)
		if err != nil {
			return err
		}
		if err := checkKey(lv, kind+" element"); err != nil {
			return err
		}
		if err := c.setKey(t, lv, lua.LTrue, kind+" element"); err != nil {
			return err
		}
	}
	return nil
}

func (c *converter) dict(d ogorek.Dict) (lua.LValue, error) {
	if t, ok := c.dicts[d]; ok {
		return t, nil
	}
	t := c.L.NewTable()
	c.L.SetMetatable(t, typeMeta(c.L, dictType))
	c.dicts[d] = t
	var err error
	d.Iter()(func(k, v any) bool {
		var lk, lv lua.LValue
		if lk, err = c.toLua(k); err != nil {
			return false
		}
		if err = checkKey(lk, "dict key"); err != nil {
			return false
		}
		if lv, err = c.toLua(v); err != nil {
			return false
		}
		err = c.setKey(t, lk, lv, "dict key")
		return err == nil
	})
	return t, err
}

// call builds the sets and frozensets protocols 0-3 pickle as
// set([items]), and empty bytes, which they pickle as bytes(); og-rek has
// already applied the other allowed globals.
func (c *converter) call(v ogorek.Call) (lua.LValue, error) {
	name := v.Callable.Name
	if name == "bytes" && len(v.Args) == 0 {
		return lua.LString(""), nil
	}
	if (name != "set" && name != "frozenset") || len(v.Args) > 1 {
		return nil, unpicklingError("global '%s.%s' is forbidden", v.Callable.Module, name)
	}
	var items []any
	if len(v.Args) == 1 {
		switch a := v.Args[0].(type) {
		case []any:
			for _, x := range a {
				if m, ok := x.(*marker); !ok || m.kind != "def" {
					items = append(items, x)
				}
			}
		case ogorek.Tuple:
			items = a
		default:
			return nil, unpicklingError("%s() argument must be a list or tuple, not %T", name, a)
		}
	}
	t := c.L.NewTable()
	return t, c.fillSet(t, name, items)
}

// checkKey refuses what a Lua table cannot have as a key.
func checkKey(k lua.LValue, what string) error {
	switch k := k.(type) {
	case *lua.LNilType:
		return unpicklingError("%s None cannot be a Lua table key", what)
	case lua.LNumber:
		if math.IsNaN(float64(k)) {
			return unpicklingError("%s nan cannot be a Lua table key", what)
		}
	}
	return nil
}

func tooLarge(v *big.Int) error {
	return &scanError{"OverflowError", fmt.Sprintf("int too large to convert to a Lua number without losing precision: %s", v)}
}

// load is pickle.loads for Go callers: data to a Lua value.
func load(L *lua.LState, data []byte) (lua.LValue, error) {
	v, err := decode(data)
	if err != nil {
		return nil, err
	}
	c := &converter{L: L, defs: map[string]*lua.LTable{}, dicts: map[ogorek.Dict]*lua.LTable{}, arrays: map[*lua.LTable]int{}}
	return c.toLua(v)
}
