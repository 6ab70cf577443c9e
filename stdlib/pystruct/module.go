// Package pystruct is netlua's `struct` module: Python's struct, packing Lua
// values into binary strings and back with Python's format language (byte
// order @ = < > !, codes x c b B ? h H i I l L q Q n N e f d s p P, repeat
// counts, whitespace between codes), with CPython 3.11's error texts.
//
// Two things differ from Python because Lua is not Python:
//
//   - unpack returns a tuple (a table that prints as Python's tuple), so
//     Python's struct.unpack('!12I', data)[10] is struct.unpack('!12I', data)[11]
//     in Lua: indices start at 1. unpack(t) spreads it into values.
//   - Lua numbers are float64, exact only up to 2^53. Packing or unpacking an
//     8-byte integer beyond 2^53-1 raises OverflowError instead of silently
//     changing the value; 64-bit fields can be handled as two 'I' halves.
//
// Lua strings stand for Python's bytes: unpack's 's', 'p' and 'c' values
// are plain strings, and the tuple marks their slots as bytes (see
// interp/bytes.go) so it prints (b'abc', 513) as Python does. pack_into writes into a mutable
// buffer: userdata implementing interp.Buffer (the socket module's bytearray).
//
// Files: module.go declares the module and its functions; format.go compiles
// a format string; pack.go packs and unpacks; half.go the 'e' (float16)
// conversions; object.go the Struct object.
package pystruct

import (
	"bytes"
	"fmt"
	"unsafe"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// Error is struct.error, raised for bad formats and values that do not fit.
var Error = interp.NewClass("struct.error", interp.Exception)

// Module is the struct module.
var Module = &interp.Module{
	Name: "struct",
	Doc:  "Python's struct: pack Lua values into binary strings and unpack them with Python's format strings ('!12I', '<hhl', '@2s'). unpack returns a tuple indexed from 1; 8-byte integers beyond 2^53-1 raise OverflowError since Lua numbers could not hold them exactly.",
	Funcs: []interp.Func{
		{Name: "pack", Fn: modPack, Sig: "struct.pack(fmt, v1, v2, ...) -> string",
			Doc: "Returns a string holding the values packed according to fmt. Integers must be integral numbers in the code's range (booleans count as 0 and 1), floats numbers, 's', 'p' and 'c' strings; '?' packs Python's truth of the value (nil, false, 0 and \"\" are false).",
			Py:  "struct.pack(format, v1, v2, ...)"},
		{Name: "unpack", Fn: modUnpack, Sig: "struct.unpack(fmt, buffer) -> tuple",
			Doc: "Unpacks buffer, whose length must be exactly struct.calcsize(fmt), into a tuple: a table printed as Python's tuple, indexed from 1 (Python's result[10] is t[11]). Use unpack(t) or table indexing to get the values. 's', 'p' and 'c' values are plain Lua strings whose tuple slots are marked as bytes, so the tuple prints as Python's (b'abc', 513) and pickle.dumps writes them as bytes.",
			Py:  "struct.unpack(format, buffer)"},
		{Name: "calcsize", Fn: modCalcsize, Sig: "struct.calcsize(fmt) -> number",
			Doc: "Returns the size in bytes of the string that pack(fmt, ...) makes, including the padding native alignment ('@', the default) adds between codes.",
			Py:  "struct.calcsize(format)"},
		{Name: "unpack_from", Fn: modUnpackFrom, Sig: "struct.unpack_from(fmt, buffer [, offset=0] [, {buffer=, offset=}]) -> tuple",
			Doc: "Unpacks calcsize(fmt) bytes of buffer starting at offset (0-based, as in Python; negative counts from the end) into a tuple, whose 's', 'p' and 'c' slots are marked as bytes as unpack's are. The buffer may be longer than the format.",
			Py:  "struct.unpack_from(format, buffer, offset=0)"},
		{Name: "pack_into", Fn: modPackInto, Sig: "struct.pack_into(fmt, buffer, offset, v1, v2, ...)",
			Doc: "Packs the values like pack and writes them into the mutable buffer (a bytearray, not a Lua string, which cannot change) at offset (0-based; negative counts from the end).",
			Py:  "struct.pack_into(format, buffer, offset, v1, v2, ...)"},
		{Name: "iter_unpack", Fn: modIterUnpack, Sig: "struct.iter_unpack(fmt, buffer) -> iterator",
			Doc: "Returns an iterator for a generic for loop that unpacks buffer calcsize(fmt) bytes at a time, one tuple per step (its 's', 'p' and 'c' slots marked as bytes, as unpack's are): for t in struct.iter_unpack('!H', data) do ... end. The buffer's length must be a multiple of the size.",
			Py:  "struct.iter_unpack(format, buffer)"},
		{Name: "Struct", Fn: newStruct, Sig: "struct.Struct(format [, {format=}]) -> Struct",
			Doc: "Compiles fmt once into an object with the methods pack, unpack, unpack_from, pack_into and iter_unpack (called with a colon: s:pack(1, 2)) and the fields size and format.",
			Py:  "struct.Struct(format)"},
	},
	Types:   []*interp.Type{structType},
	Classes: []*interp.Class{Error},
	Open: func(L *lua.LState, mod *lua.LTable) {
		meta := interp.Of(L).TypeMeta(structType)
		methods := interp.Of(L).TypeMethods(structType)
		// size and format are fields of a Struct, the methods its table's.
		meta.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
			s := L.CheckUserData(1).Value.(*compiled)
			switch L.Get(2) {
			case lua.LString("size"):
				L.Push(lua.LNumber(s.size))
			case lua.LString("format"):
				L.Push(lua.LString(s.text))
			default:
				L.Push(methods.RawGet(L.Get(2)))
			}
			return 1
		}))
	},
}

// compile parses fmt or raises struct.error with CPython's message.
func compile(L *lua.LState, fmt string) *format {
	f, msg := parseFormat(fmt)
	if msg != "" {
		interp.Raise(L, Error, "%s", msg)
	}
	return f
}

// raise raises a pack or unpack error, if any.
func raise(L *lua.LState, err *packError) {
	if err != nil {
		interp.Raise(L, err.cls, "%s", err.msg)
	}
}

// readable is the bytes of a buffer argument: a Lua string or an
// interp.Buffer (a bytearray). Both are read-only snapshots: a string's
// bytes are viewed without a copy (unpack_from at many offsets of a large
// packet stays cheap; nothing here writes to them), a bytearray's are copied
// so an iter_unpack loop does not see it change size.
type readable struct{ b []byte }

func (r *readable) Unpack(L *lua.LState, v lua.LValue) error {
	if s, ok := v.(lua.LString); ok {
		r.b = unsafe.Slice(unsafe.StringData(string(s)), len(s))
		return nil
	}
	if b, ok := interp.BufferOf(v); ok {
		r.b = bytes.Clone(b.Bytes())
		return nil
	}
	return fmt.Errorf("must be a string or bytearray, not %s", interp.TypeName(v))
}

// writable is a pack_into buffer: only an interp.Buffer can be changed.
type writable struct{ b []byte }

func (w *writable) Unpack(L *lua.LState, v lua.LValue) error {
	if b, ok := interp.BufferOf(v); ok {
		w.b = b.Bytes()
		return nil
	}
	return fmt.Errorf("must be a read-write buffer (bytearray), not %s", interp.TypeName(v))
}

func doPack(L *lua.LState, f *format, vals []lua.LValue) int {
	// A format like '1000000000000x' is valid (calcsize answers it), and
	// CPython raises MemoryError for it: allocating would end the process.
	interp.CheckSize(L, int64(f.size))
	buf := make([]byte, f.size)
	// Counting the items first gives CPython's error before any value's.
	raise(L, f.pack(buf, vals, "pack"))
	L.Push(lua.LString(buf))
	return 1
}

func doUnpack(L *lua.LState, f *format, buf []byte) int {
	if len(buf) != f.size {
		interp.Raise(L, Error, "unpack requires a buffer of %d bytes", f.size)
	}
	vals, err := f.unpack(buf, func() { interp.Checkpoint(L) })
	raise(L, err)
	L.Push(f.tuple(L, vals))
	return 1
}

// tuple is unpack's result: a tuple of vals whose 's', 'p' and 'c' slots
// are marked as bytes (interp/bytes.go), so it prints as Python's
// (b'abc', 513) while each value stays a plain Lua string.
func (f *format) tuple(L *lua.LState, vals []lua.LValue) *lua.LTable {
	t := interp.NewTuple(L, vals...)
	i := 1
	for _, c := range f.codes {
		if c.c == 's' || c.c == 'p' || c.c == 'c' {
			for r := 0; r < c.repeat; r++ {
				interp.MarkBytes(t, lua.LNumber(i+r))
			}
		}
		i += c.repeat
	}
	return t
}

// offsetIn resolves a Python buffer offset (negative counts from the end)
// for an operation of n bytes, with CPython's messages; verb is "unpack" or
// "pack" (the messages differ).
func offsetIn(L *lua.LState, buflen, offset, n int, verb string) int {
	if offset < 0 {
		if offset+buflen < 0 {
			interp.Raise(L, Error, "offset %d out of range for %d-byte buffer", offset, buflen)
		}
		if offset+n > 0 {
			if verb == "unpack" {
				interp.Raise(L, Error, "not enough data to unpack %d bytes at offset %d", n, offset)
			}
			interp.Raise(L, Error, "no space to pack %d bytes at offset %d", n, offset)
		}
		offset += buflen
	}
	if buflen-offset < n {
		fname := "unpack_from"
		if verb == "pack" {
			fname = "pack_into"
		}
		interp.Raise(L, Error, "%s requires a buffer of at least %d bytes for %sing %d bytes at offset %d (actual buffer size is %d)",
			fname, n+offset, verb, n, offset, buflen)
	}
	return offset
}

func doUnpackFrom(L *lua.LState, f *format, buf []byte, offset int) int {
	offset = offsetIn(L, len(buf), offset, f.size, "unpack")
	vals, err := f.unpack(buf[offset:], func() { interp.Checkpoint(L) })
	raise(L, err)
	L.Push(f.tuple(L, vals))
	return 1
}

func doPackInto(L *lua.LState, f *format, buf []byte, offset int, vals []lua.LValue) int {
	// CPython counts the items before it looks at the buffer.
	if len(vals) != f.nitems {
		interp.Raise(L, Error, "pack_into expected %d items for packing (got %d)", f.nitems, len(vals))
	}
	offset = offsetIn(L, len(buf), offset, f.size, "pack")
	// CPython zeroes the region and packs in place: a bad value leaves the
	// items before it written, and so does this.
	region := buf[offset : offset+f.size]
	clear(region)
	raise(L, f.pack(region, vals, "pack_into"))
	return 0
}

func doIterUnpack(L *lua.LState, f *format, buf []byte) int {
	if f.size == 0 {
		interp.Raise(L, Error, "cannot iteratively unpack with a struct of length 0")
	}
	if len(buf)%f.size != 0 {
		interp.Raise(L, Error, "iterative unpacking requires a buffer of a multiple of %d bytes", f.size)
	}
	pos := 0
	L.Push(L.NewFunction(func(L *lua.LState) int {
		if pos >= len(buf) {
			L.Push(lua.LNil)
			return 1
		}
		vals, err := f.unpack(buf[pos:pos+f.size], func() { interp.Checkpoint(L) })
		raise(L, err)
		pos += f.size
		L.Push(f.tuple(L, vals))
		return 1
	}))
	return 1
}

func modPack(L *lua.LState) int {
	var fmt string
	var vals []lua.LValue
	interp.UnpackArgs(L, 1, "fmt", &fmt, "*values", &vals)
	return doPack(L, compile(L, fmt), vals)
}

func modUnpack(L *lua.LState) int {
	var fmt string
	var buf readable
	interp.UnpackArgs(L, 1, "fmt", &fmt, "buffer", &buf)
	return doUnpack(L, compile(L, fmt), buf.b)
}

func modCalcsize(L *lua.LState) int {
	var fmt string
	interp.UnpackArgs(L, 1, "fmt", &fmt)
	L.Push(lua.LNumber(compile(L, fmt).size))
	return 1
}

func modUnpackFrom(L *lua.LState) int {
	var fmt string
	var buf readable
	offset := 0
	interp.UnpackArgs(L, 1, "fmt", &fmt, "buffer", &buf, "offset?", &offset)
	return doUnpackFrom(L, compile(L, fmt), buf.b, offset)
}

func modPackInto(L *lua.LState) int {
	var fmt string
	var buf writable
	var offset int
	var vals []lua.LValue
	interp.UnpackArgs(L, 1, "fmt", &fmt, "buffer", &buf, "offset", &offset, "*values", &vals)
	return doPackInto(L, compile(L, fmt), buf.b, offset, vals)
}

func modIterUnpack(L *lua.LState) int {
	var fmt string
	var buf readable
	interp.UnpackArgs(L, 1, "fmt", &fmt, "buffer", &buf)
	return doIterUnpack(L, compile(L, fmt), buf.b)
}
