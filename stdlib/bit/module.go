// Package bit is netlua's `bit` module: bitwise operations on 32-bit values,
// which Lua 5.1 lacks as operators, named after LuaJIT's bit library.
//
// Unlike LuaJIT, results are unsigned, 0 to 2^32-1, because ported Python
// code masks network words and compares them with constants like 0xffffffff:
// Python's x & 0xffffffff is bit.band(x, 0xffffffff) with the same value.
// Operands are integral numbers taken modulo 2^32 (a negative number as its
// two's complement, so bit.band(-1, 0xff) is 255 as in Python). Shifts by 32
// or more shift every bit out, as Python's shifts followed by a 32-bit mask
// do, rather than wrapping the count as LuaJIT does; a negative count is
// Python's ValueError. tobit converts back to a signed 32-bit value.
package bit

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// Module is the bit module.
var Module = &interp.Module{
	Name: "bit",
	Doc:  "Bitwise operations on 32-bit values (Lua 5.1 has no bitwise operators): band, bor, bxor, bnot, lshift, rshift, arshift, tobit, tohex. Operands are integers taken modulo 2^32; results are unsigned, 0 to 2^32-1, so they compare equal to Python's x & 0xffffffff.",
	Funcs: []interp.Func{
		{Name: "band", Fn: fold(func(a, b uint32) uint32 { return a & b }), Sig: "bit.band(x1, x2, ...) -> number",
			Doc: "Bitwise and of all its arguments (at least one), as an unsigned 32-bit value.",
			Py:  "(x1 & x2 & ...) & 0xffffffff"},
		{Name: "bor", Fn: fold(func(a, b uint32) uint32 { return a | b }), Sig: "bit.bor(x1, x2, ...) -> number",
			Doc: "Bitwise or of all its arguments (at least one), as an unsigned 32-bit value.",
			Py:  "(x1 | x2 | ...) & 0xffffffff"},
		{Name: "bxor", Fn: fold(func(a, b uint32) uint32 { return a ^ b }), Sig: "bit.bxor(x1, x2, ...) -> number",
			Doc: "Bitwise exclusive or of all its arguments (at least one), as an unsigned 32-bit value.",
			Py:  "(x1 ^ x2 ^ ...) & 0xffffffff"},
		{Name: "bnot", Fn: bnot, Sig: "bit.bnot(x) -> number",
			Doc: "Bitwise not of x within 32 bits: bit.bnot(0) is 4294967295.",
			Py:  "~x & 0xffffffff"},
		{Name: "lshift", Fn: shift(func(x uint32, n uint) uint32 { return x << n }), Sig: "bit.lshift(x, n) -> number",
			Doc: "x shifted left by n bits, keeping the low 32 bits; n of 32 or more gives 0.",
			Py:  "(x << n) & 0xffffffff"},
		{Name: "rshift", Fn: shift(func(x uint32, n uint) uint32 { return x >> n }), Sig: "bit.rshift(x, n) -> number",
			Doc: "x shifted right by n bits, filling with zeros (a logical shift of the unsigned 32-bit value).",
			Py:  "(x & 0xffffffff) >> n"},
		{Name: "arshift", Fn: shift(func(x uint32, n uint) uint32 { return uint32(int32(x) >> n) }), Sig: "bit.arshift(x, n) -> number",
			Doc: "x shifted right by n bits, copying bit 31 (the sign of the 32-bit value) into the vacated bits; the result is still given unsigned.",
			Py:  "(ctypes.c_int32(x).value >> n) & 0xffffffff"},
		{Name: "tobit", Fn: tobit, Sig: "bit.tobit(x) -> number",
			Doc: "x as a signed 32-bit value, -2^31 to 2^31-1: bit.tobit(0xffffffff) is -1.",
			Py:  "ctypes.c_int32(x).value"},
		{Name: "tohex", Fn: tohex, Sig: "bit.tohex(x [, n=8]) -> string",
			Doc: "The low 32 bits of x as n hexadecimal digits (1 to 8), lower case; a negative n gives -n upper-case digits.",
			Py:  "format(x & 0xffffffff, '08x')"},
	},
}

// word is an operand: an integral number, taken modulo 2^32.
type word struct{ v uint32 }

func (w *word) Unpack(L *lua.LState, v lua.LValue) error {
	n, msg := interp.ToInt(v)
	if msg != "" {
		return fmt.Errorf("%s", msg)
	}
	w.v = uint32(n)
	return nil
}

func fold(op func(a, b uint32) uint32) lua.LGFunction {
	return func(L *lua.LState) int {
		var first word
		var rest []lua.LValue
		interp.UnpackArgs(L, 1, "x1", &first, "*x", &rest)
		acc := first.v
		for i, v := range rest {
			var w word
			if err := w.Unpack(L, v); err != nil {
				interp.Raise(L, interp.TypeError, "%s() argument %d %s", interp.FuncName(L), i+2, err)
			}
			acc = op(acc, w.v)
		}
		L.Push(lua.LNumber(acc))
		return 1
	}
}

func bnot(L *lua.LState) int {
	var x word
	interp.UnpackArgs(L, 1, "x", &x)
	L.Push(lua.LNumber(^x.v))
	return 1
}

func shift(op func(x uint32, n uint) uint32) lua.LGFunction {
	return func(L *lua.LState) int {
		var x word
		var n int64
		interp.UnpackArgs(L, 1, "x", &x, "n", &n)
		if n < 0 {
			interp.Raise(L, interp.ValueError, "negative shift count")
		}
		// Go shifts by 32 or more give 0 (or all sign bits for int32), which
		// is what a 32-bit mask after Python's unbounded shift gives.
		L.Push(lua.LNumber(op(x.v, uint(min(n, 64)))))
		return 1
	}
}

func tobit(L *lua.LState) int {
	var x word
	interp.UnpackArgs(L, 1, "x", &x)
	L.Push(lua.LNumber(int32(x.v)))
	return 1
}

func tohex(L *lua.LState) int {
	var x word
	n := 8
	interp.UnpackArgs(L, 1, "x", &x, "n?", &n)
	upper := n < 0
	if upper {
		n = -n
	}
	if n < 1 || n > 8 {
		interp.Raise(L, interp.ValueError, "%s() digit count must be between 1 and 8 (or -1 and -8), not %d", interp.FuncName(L), n)
	}
	s := fmt.Sprintf("%08x", x.v)[8-n:]
	if upper {
		s = strings.ToUpper(s)
	}
	L.Push(lua.LString(s))
	return 1
}
