package pickle

import (
	"bytes"
	"fmt"
	"math"
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
}

func (d *dumper) toGo(v lua.LValue) (any, error) {
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
	dict := ogorek.NewDict()
	for _, k := range sortedKeys(t) {
		gk, err := d.key(k)
		if err != nil {
			return nil, err
		}
		gv, err := d.toGo(t.RawGet(k))
		if err != nil {
			return nil, err
		}
		if err := setItem(dict, gk, gv); err != nil {
			return nil, err
		}
	}
	return dict, nil
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
	d := &dumper{L: L, protocol: protocol, active: map[*lua.LTable]bool{}}
	g, err := d.toGo(v)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := ogorek.NewEncoderWithConfig(&buf, &ogorek.EncoderConfig{
		Protocol: protocol,
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
