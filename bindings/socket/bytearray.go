package socket

import (
	"bytes"
	"errors"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// A bytearray is a fixed-size mutable byte buffer, the Lua stand-in for
// Python's bytearray where recv_into needs one (Lua strings are immutable).
// Its size never changes, so recv_into can fill it with the GIL released
// without the memory moving under the kernel. It is an interp.Buffer, so
// struct.pack_into and struct.unpack_from work on it too.
type bytearray struct{ data []byte }

func (b *bytearray) Bytes() []byte { return b.data }

// maxBytearray keeps a mistaken size from allocating gigabytes.
const maxBytearray = 256 << 20

var bytearrayType = &interp.Type{
	Name: "socket.bytearray",
	Doc:  "A fixed-size mutable byte buffer (Python's bytearray) for recv_into: #b, b[i] (1-based) read and b[i] = n write a byte, b:bytes() gives the contents as a string, tostring(b) prints bytearray(b'...'). Two bytearrays are == when their contents are.",
	Methods: []interp.Func{
		{Name: "bytes", Fn: bytearrayBytes, Sig: "b:bytes([i [, j]]) -> string",
			Doc: "Returns the contents as a Lua string, or the bytes from i to j with string.sub's rules (1-based, inclusive, negative counts from the end).",
			Py:  "bytes(b[i:j])"},
	},
	Repr: bytearrayString,
}

func bytearrayNew(L *lua.LState) int {
	var init lua.LValue
	interp.UnpackArgs(L, 1, "source", &init)
	b := &bytearray{}
	switch v := init.(type) {
	case lua.LString:
		b.data = []byte(v)
	case lua.LNumber:
		n, msg := interp.ToInt(v)
		switch {
		case msg != "":
			interp.Raise(L, interp.TypeError, "%s() argument 'source' %s", interp.FuncName(L), msg)
		case n < 0:
			interp.Raise(L, interp.ValueError, "negative count")
		case n > maxBytearray:
			interp.Raise(L, interp.OverflowError, "size %d is too large (at most %d)", n, maxBytearray)
		}
		b.data = make([]byte, n)
	default:
		interp.Raise(L, interp.TypeError, "%s() argument 'source' must be a size or a string, not %s", interp.FuncName(L), interp.TypeName(v))
	}
	L.Push(pushBytearray(L, b))
	return 1
}

func pushBytearray(L *lua.LState, b *bytearray) *lua.LUserData {
	return newObject(L, bytearrayType, b, bytearrayOperators)
}

// bytearrayOperators completes bytearrayType's metatable: indexing, #, ==.
func bytearrayOperators(L *lua.LState, meta, methods *lua.LTable) {
	meta.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		b := L.CheckUserData(1).Value.(*bytearray)
		if _, ok := L.Get(2).(lua.LNumber); !ok {
			L.Push(methods.RawGet(L.Get(2)))
			return 1
		}
		L.Push(lua.LNumber(b.data[b.index(L)]))
		return 1
	}))
	meta.RawSetString("__newindex", L.NewFunction(func(L *lua.LState) int {
		b := L.CheckUserData(1).Value.(*bytearray)
		i := b.index(L)
		n, msg := interp.ToInt(L.Get(3))
		if msg != "" {
			interp.Raise(L, interp.TypeError, "bytearray item %s", msg)
		}
		if n < 0 || n > 255 {
			interp.Raise(L, interp.ValueError, "byte must be in range(0, 256)")
		}
		b.data[i] = byte(n)
		return 0
	}))
	meta.RawSetString("__len", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LNumber(len(L.CheckUserData(1).Value.(*bytearray).data)))
		return 1
	}))
	meta.RawSetString("__eq", L.NewFunction(func(L *lua.LState) int {
		a, aok := L.CheckUserData(1).Value.(*bytearray)
		b, bok := L.CheckUserData(2).Value.(*bytearray)
		L.Push(lua.LBool(aok && bok && bytes.Equal(a.data, b.data)))
		return 1
	}))
}

// bytearrayString is a bytearray's repr: bytearray(b'...').
func bytearrayString(L *lua.LState) int {
	b := L.CheckUserData(1).Value.(*bytearray)
	L.Push(lua.LString("bytearray(" + interp.QuoteBytes(string(b.data)) + ")"))
	return 1
}

// index reads the index argument (1-based; negative counts from the end).
func (b *bytearray) index(L *lua.LState) int {
	i, msg := interp.ToInt(L.Get(2))
	if msg != "" {
		interp.Raise(L, interp.TypeError, "bytearray indices %s", msg)
	}
	n := int64(len(b.data))
	if i < 0 {
		i += n + 1
	}
	if i < 1 || i > n {
		interp.Raise(L, interp.IndexError, "bytearray index out of range")
	}
	return int(i - 1)
}

func bytearrayBytes(L *lua.LState) int {
	var b *bytearray
	i, j := int64(1), int64(-1)
	interp.UnpackArgs(L, 1, "self", bufferArg{&b}, "i?", &i, "j?", &j)
	n := int64(len(b.data))
	// string.sub's rules.
	if i < 0 {
		i = max(n+i+1, 1)
	} else if i == 0 {
		i = 1
	}
	if j < 0 {
		j = n + j + 1
	} else if j > n {
		j = n
	}
	if i > j {
		L.Push(lua.LString(""))
		return 1
	}
	L.Push(lua.LString(b.data[i-1 : j]))
	return 1
}

// bufferArg unpacks a socket.bytearray argument.
type bufferArg struct{ p **bytearray }

func (a bufferArg) Unpack(L *lua.LState, v lua.LValue) error {
	if ud, ok := v.(*lua.LUserData); ok {
		if b, ok := ud.Value.(*bytearray); ok {
			*a.p = b
			return nil
		}
	}
	return errors.New("must be a socket.bytearray, not " + interp.TypeName(v))
}
