// Package pickle is netlua's `pickle` module: Python's pickle for plain
// data, compatible with CPython's protocols 0-5 in both directions, so a
// netlua program and a Python one can exchange pickles over a socket.
//
// dumps is netlua's own pickler (pickler.go): it writes what CPython 3.11's
// pickle.dumps writes for the same value, byte for byte, at every protocol
// (opcodes, memo, batches, 64 KiB frames); the tests compare it with
// python3 on a generated corpus. loads is a pickle machine of its own that
// builds Lua values directly and refuses anything naming code (load.go,
// opcodes.go, loadvalues.go).
//
// The mapping, both ways (interp/none.go and interp/bytes.go give the
// runtime-wide rules for None and bytes, which json follows too):
//
//	None        inside a container, the global none (a Lua table cannot
//	            hold nil: [None, 1] is {none, 1}, {'k': None} is
//	            {k = none}, {None: 1} is keyed by none); standing alone
//	            (loads of a bare None), nil. dumps writes nil, none and a
//	            list's nil holes as None
//	bool        boolean
//	int         a number; loads refuses ints beyond ±2^53 (OverflowError)
//	            rather than rounding them; dumps writes integral numbers up
//	            to 2^53 as ints, larger ones (and -0.0) as floats, which
//	            is what the Lua number holds
//	float       a number (so 1.0 comes back as int 1 when dumped again)
//	str         a plain string, in a slot not marked as bytes, that is
//	            valid UTF-8; pickle.str(s) forces str
//	bytes       a plain string in a container slot loads marked as bytes
//	            (interp.MarkBytes: (b'abc', 258) loads as {"abc", 258}
//	            whose first slot is marked), so it prints as b'abc' and
//	            dumps writes it back as bytes; an unmarked string that is
//	            not UTF-8; pickle.bytes(s). A bytes standing alone loads
//	            as a plain string: it has no slot to mark
//	bytearray   loads as bytes: a Lua string is immutable, so netlua has
//	            no bytearray; it prints as b'...' and dumps as bytes
//	list        a sequence {1..n}, or pickle.list(t); loads returns one
//	tuple       a tuple (interp.NewTuple), as addresses are
//	dict        any other table, or pickle.dict(t); loads returns one;
//	            tuple keys become tuple tables (reach them with pairs)
//	set         pickle.set{...}: a table {[element] = true}
//	frozenset   pickle.frozenset{...}, the same table differently marked
//
// An empty plain table {} is a dict, as the literal reads in Python.
// Loaded lists, dicts and sets print with Python's repr. A mark stays while
// the slot holds the same string: l[1] = "text" ends it, and l[1] =
// pickle.str(l[1]) says "this is str" for the same text. Where Python's
// b'a' and 'a' are both keys of one dict (or elements of one set), Lua's
// one string "a" cannot be both, and loads raises UnpicklingError rather
// than drop one.
//
// dumps memoizes as CPython does: a table reached twice is written once and
// referred to after, and one that contains itself is written as Python
// writes a list that contains itself. Strings have no identity in Lua, so
// equal strings are written once (CPython does the same for interned ones).
// Dicts and sets are written in sorted order: Lua tables keep no insertion
// order. loads keeps shared lists, dicts, sets and tuples shared (one
// table), and self-containing ones too, so a value makes the trip CPython
// → netlua → CPython with its identities: a[0] is a[1] still holds.
//
// Files: module.go declares the module; pickler.go is dumps (its frames,
// memo and dispatch), with pickler_atoms.go and pickler_containers.go for
// the values; load.go, opcodes.go, loadvalues.go (numbers) and
// loadtext.go (strings, bytes, REDUCE) are loads; types.go
// the list, dict, set, frozenset, bytes and str markers and their repr.
package pickle

import (
	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// The exception classes, as in Python's pickle module.
var (
	PickleError     = interp.NewClass("pickle.PickleError", interp.Exception)
	PicklingError   = interp.NewClass("pickle.PicklingError", PickleError)
	UnpicklingError = interp.NewClass("pickle.UnpicklingError", PickleError)
)

// Protocols, as CPython 3.11's pickle.DEFAULT_PROTOCOL and HIGHEST_PROTOCOL.
const (
	DefaultProtocol = 4
	HighestProtocol = 5
)

// Module is the pickle module.
var Module = &interp.Module{
	Name: "pickle",
	Doc: "Python's pickle for plain data (None, bool, int, float, str, bytes, list, tuple, dict, set), compatible with CPython's protocols 0-5 both ways. " +
		"A sequence pickles as a list, another table as a dict; pickle.list, pickle.dict, pickle.set, pickle.frozenset, pickle.bytes and pickle.str force a type. " +
		"A None inside a loaded container is `none` (a Lua table cannot hold nil); a bytes is a plain string whose slot is marked, so it prints as b'...' and pickles back as bytes. " +
		"loads never runs code: a pickle naming a class or function raises UnpicklingError.",
	Funcs: []interp.Func{
		{Name: "dumps", Fn: dumps, Sig: "pickle.dumps(obj [, protocol] [, {obj=, protocol=}]) -> string",
			Doc: "Returns the pickle of obj as a byte string, with protocol 4 by default (CPython 3.11's default; 0-5, or negative for 5). nil, `none` and a list's nil holes are None; a string is bytes in a slot pickle.loads marked as bytes, in pickle.bytes, or when it is not UTF-8, else str; a table reached twice is written once, so it loads as one object, and a list or dict that contains itself is written as Python writes one. Raises TypeError for functions, userdata, other tables with metatables and unhashable keys, ValueError for a pickle.list whose keys are not 1..n, and RecursionError for tables nested more than 1000 deep (as CPython does; a tuple that holds itself is one).",
			Py:  "pickle.dumps(obj, protocol=None)"},
		{Name: "loads", Fn: loads, Sig: "pickle.loads(data) -> value",
			Doc: "Returns the value pickled in the byte string data, of any protocol 0-5. Bytes after the pickle's end are ignored. A None inside a list, tuple, dict or set is `none`, a None alone nil. Bytes (and bytearray) are plain strings; inside a container their slot or key is marked, so they print as b'...' and pickle.dumps writes them back as bytes; a bytes alone is just the string. A list, dict, set or tuple pickled once and referred to twice is one table. Raises UnpicklingError for a pickle that names a global (\"global 'os.system' is forbidden\") or is damaged, EOFError when it ends early, and what CPython raises for what it refuses (TypeError for an unhashable key, ValueError for a text int of more than 4300 digits...), with its text; OverflowError for ints beyond 2^53. An integer dict key or set element far beyond the table's other integer keys (more than 2^20 empty slots below it in all) raises UnpicklingError: Lua would keep it in an array filled with nils; so does a dict or set holding both b'a' and 'a', which are one Lua string."},
		{Name: "list", Fn: mark(listType), Sig: "pickle.list([t]) -> t",
			Doc: "Marks table t (a new one if absent) as a Python list and returns it: it pickles as a list even when empty, and prints as [1, 2].",
			Py:  "list(t)"},
		{Name: "dict", Fn: mark(dictType), Sig: "pickle.dict([t]) -> t",
			Doc: "Marks table t (a new one if absent) as a Python dict and returns it: {\"a\", \"b\"} pickles as {1: 'a', 2: 'b'} instead of a list.",
			Py:  "dict(t)"},
		{Name: "set", Fn: newSet(setType), Sig: "pickle.set([elements]) -> set",
			Doc: "Returns a set holding the values of the sequence elements, as a table {[element] = true}: it pickles as a Python set and prints as {1, 2}.",
			Py:  "set(elements)"},
		{Name: "frozenset", Fn: newSet(frozensetType), Sig: "pickle.frozenset([elements]) -> frozenset",
			Doc: "Like pickle.set, but pickles as a frozenset.",
			Py:  "frozenset(elements)"},
		{Name: "bytes", Fn: newBytes, Sig: "pickle.bytes(s) -> bytes",
			Doc: "Wraps string s so that it pickles as Python bytes even when it is valid UTF-8 (an unmarked string that is valid UTF-8 pickles as str); it prints as b'...'. pickle.loads does not wrap: loaded bytes are plain strings in slots marked as bytes.",
			Py:  "bytes(s)"},
		{Name: "str", Fn: newStr, Sig: "pickle.str(s) -> str",
			Doc: "Wraps string s so that it pickles as Python str even where it sits in a slot pickle.loads marked as bytes (l[1] = pickle.str(l[1])); it prints as '...'. Raises UnicodeDecodeError, as str(s, 'utf-8') does, when s is not UTF-8.",
			Py:  "str(s, 'utf-8')"},
	},
	Types:   []*interp.Type{listType.Type, dictType.Type, setType.Type, frozensetType.Type, bytesType.Type, strType.Type},
	Classes: []*interp.Class{PickleError, PicklingError, UnpicklingError},
	Consts: []interp.Const{
		{Name: "DEFAULT_PROTOCOL", Value: DefaultProtocol},
		{Name: "HIGHEST_PROTOCOL", Value: HighestProtocol},
	},
}

func dumps(L *lua.LState) int {
	var obj lua.LValue = lua.LNil
	protocol := DefaultProtocol
	interp.UnpackArgs(L, 1, "obj", &obj, "protocol?", &protocol)
	if protocol < 0 {
		protocol = HighestProtocol
	}
	if protocol > HighestProtocol {
		interp.Raise(L, interp.ValueError, "pickle protocol must be <= %d", HighestProtocol)
	}
	data, err := dumpValue(L, obj, protocol)
	if err != nil {
		raise(L, err)
	}
	L.Push(lua.LString(data))
	return 1
}

func loads(L *lua.LState) int {
	var data string
	interp.UnpackArgs(L, 1, "data", &data)
	v, err := load(L, []byte(data))
	if err != nil {
		raise(L, err)
	}
	L.Push(v)
	return 1
}

// raise raises err as the exception its type names.
func raise(L *lua.LState, err error) {
	switch e := err.(type) {
	case *dumpError:
		interp.Raise(L, e.class, "%s", e.msg)
	case *loadError:
		interp.Raise(L, e.class, "%s", e.msg)
	}
	interp.Raise(L, UnpicklingError, "%s", err.Error())
}

func mark(pt *pyType) lua.LGFunction {
	return func(L *lua.LState) int {
		t := L.NewTable()
		interp.UnpackArgs(L, 1, "t?", &t)
		L.SetMetatable(t, typeMeta(L, pt))
		L.Push(t)
		return 1
	}
}

func newSet(pt *pyType) lua.LGFunction {
	return func(L *lua.LState) int {
		elems := L.NewTable()
		interp.UnpackArgs(L, 1, "elements?", &elems)
		s := L.NewTable()
		elems.ForEach(func(_, v lua.LValue) {
			if n, ok := v.(lua.LNumber); ok && n != n {
				interp.Raise(L, interp.ValueError, "%s element nan cannot be a Lua table key", pt.Name)
			}
			s.RawSet(v, lua.LTrue)
		})
		L.SetMetatable(s, typeMeta(L, pt))
		L.Push(s)
		return 1
	}
}

func newBytes(L *lua.LState) int {
	var s string
	interp.UnpackArgs(L, 1, "s", &s)
	t := L.CreateTable(1, 0)
	t.RawSetInt(1, lua.LString(s))
	L.SetMetatable(t, typeMeta(L, bytesType))
	L.Push(t)
	return 1
}

func newStr(L *lua.LState) int {
	var s string
	interp.UnpackArgs(L, 1, "s", &s)
	if err := checkUTF8([]byte(s), false); err != nil {
		raise(L, err)
	}
	t := L.CreateTable(1, 0)
	t.RawSetInt(1, lua.LString(s))
	L.SetMetatable(t, typeMeta(L, strType))
	L.Push(t)
	return 1
}
