package pickle

import (
	"math"
	"sort"
	"strings"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// Loaded lists, dicts and sets are Lua tables with a metatable saying
// which Python type they were, so that print shows Python's repr (as the
// tutorials show it) and dumps writes them back as the same type. The
// constructors pickle.list, pickle.dict, pickle.set and pickle.frozenset
// put the same marks on tables made in Lua; pickle.bytes and pickle.str
// wrap a string to say which of Python's two string types it is.

// A pyType is one of those marks; kind is the Python type's name.
type pyType struct {
	*interp.Type
	kind string
}

// repr prints a table of this type as Python would.
func (pt *pyType) repr(L *lua.LState, t *lua.LTable, seen map[*lua.LTable]bool) string {
	switch pt.kind {
	case "list":
		return reprList(L, t, seen)
	case "dict":
		return reprDict(L, t, seen)
	case "set":
		return reprSet(L, t, seen, "{", "}", "set()")
	case "frozenset":
		return reprSet(L, t, seen, "frozenset({", "})", "frozenset()")
	case "str":
		return interp.QuoteString(lua.LVAsString(t.RawGetInt(1)))
	}
	return interp.QuoteBytes(lua.LVAsString(t.RawGetInt(1)))
}

// hashable reports whether Python can use a value of this type as a dict
// key or set element.
func (pt *pyType) hashable() bool {
	return pt == frozensetType || pt == bytesType || pt == strType
}

var (
	listType = &pyType{&interp.Type{Name: "pickle.list",
		Doc: "A Lua sequence that pickles as a Python list (holes pickle as None) and prints as one: [1, 2, 'abc']. pickle.loads returns lists as these."},
		"list"}
	dictType = &pyType{&interp.Type{Name: "pickle.dict",
		Doc: "A Lua table that pickles as a Python dict even when its keys are 1..n, and prints as one: {1: 'Client', 2: 'Server'} (keys sorted, since Lua tables have no order). pickle.loads returns dicts as these."},
		"dict"}
	setType = &pyType{&interp.Type{Name: "pickle.set",
		Doc: "A Lua set, {[element] = true, ...}, that pickles as a Python set and prints as one: {1, 2}. pickle.loads returns sets as these."},
		"set"}
	frozensetType = &pyType{&interp.Type{Name: "pickle.frozenset",
		Doc: "Like pickle.set, but pickles as a frozenset and prints as frozenset({1, 2})."},
		"frozenset"}
	bytesType = &pyType{&interp.Type{Name: "pickle.bytes",
		Doc: "A wrapper, {data}, around a Lua string that pickles as Python bytes even when the string is valid UTF-8, and prints as b'...'."},
		"bytes"}
	strType = &pyType{&interp.Type{Name: "pickle.str",
		Doc: "A wrapper, {text}, around a Lua string that pickles as Python str even where it sits in a slot pickle.loads marked as bytes, and prints as '...'."},
		"str"}
)

var pyTypes = []*pyType{listType, dictType, setType, frozensetType, bytesType, strType}

// typeMeta is the metatable of t's tables in L's runtime.
func typeMeta(L *lua.LState, t *pyType) *lua.LTable {
	meta := interp.Of(L).TypeMeta(t.Type)
	if meta.RawGetString("__tostring") == lua.LNil {
		meta.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
			L.Push(lua.LString(repr(L, L.CheckTable(1), map[*lua.LTable]bool{})))
			return 1
		}))
	}
	return meta
}

// typeOf returns the mark of a table, or nil for a plain table.
func typeOf(L *lua.LState, t *lua.LTable) *pyType {
	if t.Metatable == lua.LNil {
		return nil
	}
	for _, pt := range pyTypes {
		if t.Metatable == typeMeta(L, pt) {
			return pt
		}
	}
	return nil
}

// repr is Python's repr of a value inside a container: marked tables and
// tuples are printed here, with seen guarding against cycles as Python's
// [[...]]; everything else as interp prints it.
func repr(L *lua.LState, v lua.LValue, seen map[*lua.LTable]bool) string {
	t, ok := v.(*lua.LTable)
	if !ok {
		return interp.ReprValue(L, v)
	}
	pt := typeOf(L, t)
	if pt == nil && !interp.IsTuple(L, t) {
		if t.Metatable != lua.LNil {
			return interp.ReprValue(L, v)
		}
		// A plain table prints as what dumps writes it as.
		pt = plainType(t)
	}
	if seen[t] {
		// Python prints a container inside itself as [...] or {...}
		switch {
		case pt == nil:
			return "(...)"
		case pt.kind == "list":
			return "[...]"
		}
		return "{...}"
	}
	// Every level of a nested value is a table in seen.
	if len(seen) >= interp.MaxDepth {
		interp.RaiseRecursion(L, " while getting the repr of an object")
	}
	seen[t] = true
	defer delete(seen, t)
	if pt != nil {
		return pt.repr(L, t, seen)
	}
	parts := make([]string, t.Len())
	for i := range parts {
		parts[i] = reprSlot(L, t, lua.LNumber(i+1), seen)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// reprSlot is the repr of t[key] as an element of t: b'...' when the slot
// holds bytes (interp.MarkBytes), as loads marks them.
func reprSlot(L *lua.LState, t *lua.LTable, key lua.LValue, seen map[*lua.LTable]bool) string {
	v := t.RawGet(key)
	if s, ok := v.(lua.LString); ok && interp.IsBytes(t, key) {
		return interp.QuoteBytes(string(s))
	}
	return repr(L, v, seen)
}

// reprKey is the repr of k as a key (or set element) of t: b'...' for a
// bytes key (interp.MarkBytesKey).
func reprKey(L *lua.LState, t *lua.LTable, k lua.LValue, seen map[*lua.LTable]bool) string {
	if s, ok := k.(lua.LString); ok && interp.IsBytesKey(t, k) {
		return interp.QuoteBytes(string(s))
	}
	return repr(L, k, seen)
}

// checkpoint lets Ctrl-C stop the repr of a long container.
func checkpoint(L *lua.LState, i int) {
	if i%4096 == 4095 {
		interp.Checkpoint(L)
	}
}

func reprList(L *lua.LState, t *lua.LTable, seen map[*lua.LTable]bool) string {
	n, ok := listLen(t)
	if !ok {
		return reprDict(L, t, seen)
	}
	parts := make([]string, n)
	for i := range parts {
		checkpoint(L, i)
		parts[i] = reprSlot(L, t, lua.LNumber(i+1), seen)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func reprDict(L *lua.LState, t *lua.LTable, seen map[*lua.LTable]bool) string {
	keys := sortedKeys(L, t)
	parts := make([]string, len(keys))
	for i, k := range keys {
		checkpoint(L, i)
		parts[i] = reprKey(L, t, k, seen) + ": " + reprSlot(L, t, k, seen)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func reprSet(L *lua.LState, t *lua.LTable, seen map[*lua.LTable]bool, open, close, empty string) string {
	keys := sortedKeys(L, t)
	if len(keys) == 0 {
		return empty
	}
	parts := make([]string, len(keys))
	for i, k := range keys {
		checkpoint(L, i)
		parts[i] = reprKey(L, t, k, seen)
	}
	return open + strings.Join(parts, ", ") + close
}

// plainType is the Python type a plain table (no metatable) pickles and
// prints as: a list when its keys are 1..n, else a dict ({} included, as
// the literal reads in Python).
func plainType(t *lua.LTable) *pyType {
	if n, ok := listLen(t); ok && n > 0 && n == t.Len() {
		return listType
	}
	return dictType
}

// listLen is a list's length: its largest positive integer key, so that
// None elements (holes) keep their places. It is not ok when the table
// has other keys, or so many holes that it was surely not meant as a
// list (t[1e9] = 1 must not make a billion Nones).
func listLen(t *lua.LTable) (int, bool) {
	n, count, ok := 0, 0, true
	t.ForEach(func(k, _ lua.LValue) {
		count++
		f, isNum := k.(lua.LNumber)
		if !isNum || f < 1 || f != lua.LNumber(math.Floor(float64(f))) || f > 1<<31 {
			ok = false
			return
		}
		n = max(n, int(f))
	})
	return n, ok && n <= 2*count+8
}

// sortedKeys orders a table's keys for printing and pickling, since Lua
// tables keep no insertion order: false, true, numbers, strings (str and
// bytes, marked or wrapped, by their bytes), none, then tables (tuples,
// frozensets) and anything else by their repr, not by address, so that the
// same value prints and pickles the same every run.
func sortedKeys(L *lua.LState, t *lua.LTable) []lua.LValue {
	var keys []lua.LValue
	t.ForEach(func(k, _ lua.LValue) { keys = append(keys, k) })
	// text is a string key's string, also when pickle.bytes or pickle.str
	// wraps it, so that b'a' sorts the same whether marked or wrapped.
	text := func(v lua.LValue) (lua.LString, bool) {
		if t, ok := v.(*lua.LTable); ok {
			if pt := typeOf(L, t); pt == bytesType || pt == strType {
				s, ok := t.RawGetInt(1).(lua.LString)
				return s, ok
			}
		}
		s, ok := v.(lua.LString)
		return s, ok
	}
	rank := func(v lua.LValue) int {
		switch v.(type) {
		case lua.LBool:
			return 0
		case lua.LNumber:
			return 1
		}
		if _, ok := text(v); ok {
			return 2
		}
		if interp.IsNone(v) {
			return 3
		}
		return 4
	}
	var reprs map[lua.LValue]string // of the rank-4 keys, made when needed
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		ra, rb := rank(a), rank(b)
		if ra != rb {
			return ra < rb
		}
		switch a := a.(type) {
		case lua.LBool:
			return !bool(a) && bool(b.(lua.LBool))
		case lua.LNumber:
			return a < b.(lua.LNumber)
		}
		if ra == 2 {
			sa, _ := text(a)
			sb, _ := text(b)
			return sa < sb
		}
		if reprs == nil {
			reprs = map[lua.LValue]string{}
			for _, k := range keys {
				if rank(k) == 4 {
					reprs[k] = repr(L, k, map[*lua.LTable]bool{})
				}
			}
		}
		return reprs[a] < reprs[b]
	})
	return keys
}
