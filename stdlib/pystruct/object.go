package pystruct

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// compiled is a Struct object's value: the format and its source text.
type compiled struct {
	*format
	text string
}

var structType = &interp.Type{
	Name: "struct.Struct",
	Doc:  "A compiled format string: the module functions as methods, without parsing the format each call. Fields: size (calcsize of the format) and format (its text).",
	Repr: structRepr,
	Methods: []interp.Func{
		{Name: "pack", Fn: structPack, Sig: "s:pack(v1, v2, ...) -> string",
			Doc: "Packs the values as struct.pack(s.format, ...) does."},
		{Name: "unpack", Fn: structUnpack, Sig: "s:unpack(buffer) -> tuple",
			Doc: "Unpacks buffer, exactly s.size bytes long, into a tuple indexed from 1, its 's', 'p' and 'c' slots marked as bytes as struct.unpack's are."},
		{Name: "unpack_from", Fn: structUnpackFrom, Sig: "s:unpack_from(buffer [, offset=0] [, {buffer=, offset=}]) -> tuple",
			Doc: "Unpacks s.size bytes of buffer from the 0-based offset into a tuple.",
			Py:  "Struct.unpack_from(buffer, offset=0)"},
		{Name: "pack_into", Fn: structPackInto, Sig: "s:pack_into(buffer, offset, v1, v2, ...)",
			Doc: "Packs the values into the mutable buffer (a bytearray) at the 0-based offset."},
		{Name: "iter_unpack", Fn: structIterUnpack, Sig: "s:iter_unpack(buffer) -> iterator",
			Doc: "Returns an iterator for a for loop yielding one tuple per s.size bytes of buffer."},
	},
}

func newStruct(L *lua.LState) int {
	var text string
	interp.UnpackArgs(L, 1, "format", &text)
	L.Push(interp.NewObject(L, structType, &compiled{compile(L, text), text}))
	return 1
}

func structPack(L *lua.LState) int {
	s := interp.Self[*compiled](L)
	var vals []lua.LValue
	interp.UnpackArgs(L, 2, "*values", &vals)
	return doPack(L, s.format, vals)
}

func structUnpack(L *lua.LState) int {
	s := interp.Self[*compiled](L)
	var buf readable
	interp.UnpackArgs(L, 2, "buffer", &buf)
	return doUnpack(L, s.format, buf.b)
}

func structUnpackFrom(L *lua.LState) int {
	s := interp.Self[*compiled](L)
	var buf readable
	offset := 0
	interp.UnpackArgs(L, 2, "buffer", &buf, "offset?", &offset)
	return doUnpackFrom(L, s.format, buf.b, offset)
}

func structPackInto(L *lua.LState) int {
	s := interp.Self[*compiled](L)
	var buf writable
	var offset int
	var vals []lua.LValue
	interp.UnpackArgs(L, 2, "buffer", &buf, "offset", &offset, "*values", &vals)
	return doPackInto(L, s.format, buf.b, offset, vals)
}

func structIterUnpack(L *lua.LState) int {
	s := interp.Self[*compiled](L)
	var buf readable
	interp.UnpackArgs(L, 2, "buffer", &buf)
	return doIterUnpack(L, s.format, buf.b)
}

// structRepr is CPython's repr: <_struct.Struct object at 0x...>.
func structRepr(L *lua.LState) int {
	L.Push(lua.LString(fmt.Sprintf("<_struct.Struct object at %p>", L.CheckUserData(1).Value)))
	return 1
}
