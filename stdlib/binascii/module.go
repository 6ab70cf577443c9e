// Package binascii is netlua's `binascii` module: Python's conversions
// between binary data and hexadecimal or base64 text, and crc32/crc_hqx,
// with CPython 3.11's results and error texts. Lua strings stand for both of
// Python's bytes and str, so every argument and result is a string.
package binascii

import (
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"math"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/pybase64"
	"netlua/interp"
)

// Error is binascii.Error, a ValueError as in Python, raised for malformed
// hexadecimal or base64 input.
var Error = pybase64.Error

// Incomplete is binascii.Incomplete. No function here raises it (CPython's
// do not either since 3.7); it exists so ported except clauses resolve.
var Incomplete = interp.NewClass("binascii.Incomplete", interp.Exception)

// Module is the binascii module.
var Module = &interp.Module{
	Name: "binascii",
	Doc:  "Python's binascii: hexlify/unhexlify, base64 lines and crc32 for Lua strings (Python's bytes). Malformed input raises binascii.Error, a ValueError.",
	Funcs: []interp.Func{
		{Name: "hexlify", Fn: hexlify, Sig: "binascii.hexlify(data [, sep [, bytes_per_sep=1]] [, {data=, sep=, bytes_per_sep=}]) -> string",
			Doc: "Returns data as lower-case hexadecimal, two digits per byte: binascii.hexlify(socket.inet_aton('127.0.0.1')) is '7f000001'. A one-character sep goes between every bytes_per_sep bytes, counted from the right (from the left if bytes_per_sep is negative)."},
		{Name: "b2a_hex", Fn: hexlify, Sig: "binascii.b2a_hex(data [, sep [, bytes_per_sep=1]] [, {data=, sep=, bytes_per_sep=}]) -> string",
			Doc: "The same as hexlify."},
		{Name: "unhexlify", Fn: unhexlify, Sig: "binascii.unhexlify(hexstr) -> string",
			Doc: "Returns the bytes that hexstr, an even number of hexadecimal digits in either case, stands for. Raises binascii.Error for an odd length or a non-hexadecimal character (spaces included)."},
		{Name: "a2b_hex", Fn: unhexlify, Sig: "binascii.a2b_hex(hexstr) -> string",
			Doc: "The same as unhexlify."},
		{Name: "crc32", Fn: crc32Func, Sig: "binascii.crc32(data [, value=0]) -> number",
			Doc: "Returns the CRC-32 (as zlib and Ethernet compute it) of data, an unsigned number; pass the previous result as value to continue a running checksum over several pieces.",
			Py:  "binascii.crc32(data[, value])"},
		{Name: "crc_hqx", Fn: crcHqx, Sig: "binascii.crc_hqx(data, value) -> number",
			Doc: "Returns the 16-bit CRC-CCITT (polynomial 0x1021, as in XMODEM and HDLC framing) of data, starting from value (0 or 0xffff usually)."},
		{Name: "b2a_base64", Fn: b2aBase64, Sig: "binascii.b2a_base64(data [, {newline=true}]) -> string",
			Doc: "Returns data in standard base64 with padding, followed by a newline unless newline is false: binascii.b2a_base64(data, {newline=false}).",
			Py:  "binascii.b2a_base64(data, *, newline=True)"},
		{Name: "a2b_base64", Fn: a2bBase64, Sig: "binascii.a2b_base64(string) -> string",
			Doc: "Decodes base64 text as CPython does by default: characters outside the alphabet (newlines, spaces) are skipped and decoding stops at complete padding. Raises binascii.Error for missing padding or an impossible length."},
	},
	Classes: []*interp.Class{Error, Incomplete},
}

// binary is a data argument: a Lua string, or a bytearray (interp.Buffer).
type binary struct{ s string }

func (b *binary) Unpack(L *lua.LState, v lua.LValue) error {
	if s, ok := v.(lua.LString); ok {
		b.s = string(s)
		return nil
	}
	if buf, ok := interp.BufferOf(v); ok {
		b.s = string(buf.Bytes())
		return nil
	}
	return fmt.Errorf("must be a string or bytearray, not %s", interp.TypeName(v))
}

const hexDigits = "0123456789abcdef"

func hexlify(L *lua.LState) int {
	var data binary
	var sep string
	var perSep int64 = 1
	hasSep := false
	interp.UnpackArgs(L, 1, "data", &data, "sep?", interp.Given(&sep, &hasSep), "bytes_per_sep?", &perSep)
	if hasSep && len(sep) != 1 {
		interp.Raise(L, interp.ValueError, "sep must be length 1.")
	}
	if perSep > math.MaxInt32 || perSep < math.MinInt32 {
		interp.Raise(L, interp.OverflowError, "Python int too large to convert to C int")
	}
	s := data.s
	var b strings.Builder
	b.Grow(3 * len(s))
	// Groups are counted from the right end for a positive
	// bytes_per_sep, so the first group may be short.
	group := int(perSep)
	if group < 0 {
		group = -group
	}
	for i := 0; i < len(s); i++ {
		if hasSep && group > 0 && i > 0 {
			fromLeft := perSep < 0 && i%group == 0
			fromRight := perSep > 0 && (len(s)-i)%group == 0
			if fromLeft || fromRight {
				b.WriteByte(sep[0])
			}
		}
		b.WriteByte(hexDigits[s[i]>>4])
		b.WriteByte(hexDigits[s[i]&15])
	}
	L.Push(lua.LString(b.String()))
	return 1
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func unhexlify(L *lua.LState) int {
	var data binary
	interp.UnpackArgs(L, 1, "hexstr", &data)
	s := data.s
	if len(s)%2 != 0 {
		interp.Raise(L, Error, "Odd-length string")
	}
	out := make([]byte, len(s)/2)
	for i := range out {
		hi, ok1 := unhex(s[2*i])
		lo, ok2 := unhex(s[2*i+1])
		if !ok1 || !ok2 {
			interp.Raise(L, Error, "Non-hexadecimal digit found")
		}
		out[i] = hi<<4 | lo
	}
	L.Push(lua.LString(out))
	return 1
}

func crc32Func(L *lua.LState) int {
	var data binary
	var value int64
	interp.UnpackArgs(L, 1, "data", &data, "value?", &value)
	// Python takes the running value modulo 2^32, negative ones included.
	L.Push(lua.LNumber(crc32.Update(uint32(value), crc32.IEEETable, []byte(data.s))))
	return 1
}

func crcHqx(L *lua.LState) int {
	var data binary
	var value int64
	interp.UnpackArgs(L, 1, "data", &data, "value", &value)
	crc := uint16(value)
	for i := 0; i < len(data.s); i++ {
		crc ^= uint16(data.s[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	L.Push(lua.LNumber(crc))
	return 1
}

func b2aBase64(L *lua.LState) int {
	var data binary
	newline := true
	interp.UnpackArgs(L, 1, "data", &data, "newline?", &newline)
	s := base64.StdEncoding.EncodeToString([]byte(data.s))
	if newline {
		s += "\n"
	}
	L.Push(lua.LString(s))
	return 1
}

// a2bBase64 is CPython's non-strict decoder, step for step, since Go's
// decoder rejects what CPython skips and stops where CPython does not.
func a2bBase64(L *lua.LState) int {
	var data binary
	interp.UnpackArgs(L, 1, "string", &data)
	out, msg := pybase64.Decode(data.s, false)
	if msg != "" {
		interp.Raise(L, Error, "%s", msg)
	}
	L.Push(lua.LString(out))
	return 1
}
