// Package base64 is netlua's `base64` module: Python's base64 encodings
// (base64 with its standard and URL-safe alphabets, base32, base16, and
// MIME line-wrapped base64) for Lua strings, with CPython 3.11's results
// and pybase64.Error texts. Encoding is Go's encoding/base64, base32 and
// hex; base64 decoding is binascii's a2b_base64, which CPython's
// b64decode is, so both modules skip and refuse the same characters.
package base64

import (
	stdbase32 "encoding/base32"
	stdbase64 "encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/pybase64"
	"netlua/interp"
)

// Module is the base64 module.
var Module = &interp.Module{
	Name: "base64",
	Doc:  "Python's base64: b64encode/b64decode (standard_ and urlsafe_ variants), b32encode/b32decode, b16encode/b16decode and encodebytes/decodebytes for Lua strings. Malformed input raises pybase64.Error (base64.Error here too), a ValueError.",
	Funcs: []interp.Func{
		{Name: "b64encode", Fn: b64encode, PyFunc: true, Sig: "base64.b64encode(s [, altchars] [, {s=, altchars=}]) -> string",
			Doc: "Returns s in base64 with padding. altchars, two characters, replaces + and / (as urlsafe_b64encode does with - and _).",
			Py:  "base64.b64encode(s, altchars=None)"},
		{Name: "b64decode", Fn: b64decode, PyFunc: true, Sig: "base64.b64decode(s [, altchars [, validate=false]] [, {s=, altchars=, validate=}]) -> string",
			Doc: "Decodes base64. By default characters outside the alphabet (newlines, spaces) are skipped; with validate true they raise pybase64.Error, as does wrong padding (Incorrect padding). altchars names the two characters used instead of + and /. Keywords: base64.b64decode(s, {validate=true}).",
			Py:  "base64.b64decode(s, altchars=None, validate=False)"},
		{Name: "standard_b64encode", Fn: standardEncode, Sig: "base64.standard_b64encode(s) -> string",
			Doc: "b64encode with the standard alphabet.",
			Py:  "base64.standard_b64encode(s)"},
		{Name: "standard_b64decode", Fn: standardDecode, Sig: "base64.standard_b64decode(s) -> string",
			Doc: "b64decode with the standard alphabet, skipping other characters.",
			Py:  "base64.standard_b64decode(s)"},
		{Name: "urlsafe_b64encode", Fn: urlsafeEncode, Sig: "base64.urlsafe_b64encode(s) -> string",
			Doc: "base64 with - and _ instead of + and /, safe in URLs and file names; padding is kept.",
			Py:  "base64.urlsafe_b64encode(s)"},
		{Name: "urlsafe_b64decode", Fn: urlsafeDecode, Sig: "base64.urlsafe_b64decode(s) -> string",
			Doc: "Decodes URL-safe base64 (- and _ for + and /).",
			Py:  "base64.urlsafe_b64decode(s)"},
		{Name: "b32encode", Fn: b32encode("b32encode", stdbase32.StdEncoding), Sig: "base64.b32encode(s) -> string",
			Doc: "Returns s in base32 (A-Z, 2-7) with = padding to a multiple of 8 characters.",
			Py:  "base64.b32encode(s)"},
		{Name: "b32decode", Fn: b32decode("b32decode", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", stdbase32.StdEncoding), PyFunc: true, Sig: "base64.b32decode(s [, casefold=false [, map01]] [, {s=, casefold=, map01=}]) -> string",
			Doc: "Decodes base32. casefold accepts lower case; map01 (a letter, L or I) says what the digit 1 stands for, and 0 is read as O. Wrong length or padding raises pybase64.Error: Incorrect padding; another character, Non-base32 digit found.",
			Py:  "base64.b32decode(s, casefold=False, map01=None)"},
		{Name: "b32hexencode", Fn: b32encode("b32hexencode", stdbase32.HexEncoding), Sig: "base64.b32hexencode(s) -> string",
			Doc: "Returns s in base32 with the extended hex alphabet (0-9, A-V).",
			Py:  "base64.b32hexencode(s)"},
		{Name: "b32hexdecode", Fn: b32decode("b32hexdecode", "0123456789ABCDEFGHIJKLMNOPQRSTUV", stdbase32.HexEncoding), PyFunc: true, Sig: "base64.b32hexdecode(s [, casefold=false] [, {s=, casefold=}]) -> string",
			Doc: "Decodes base32 in the extended hex alphabet.",
			Py:  "base64.b32hexdecode(s, casefold=False)"},
		{Name: "b16encode", Fn: b16encode, Sig: "base64.b16encode(s) -> string",
			Doc: "Returns s as upper-case hexadecimal.",
			Py:  "base64.b16encode(s)"},
		{Name: "b16decode", Fn: b16decode, PyFunc: true, Sig: "base64.b16decode(s [, casefold=false] [, {s=, casefold=}]) -> string",
			Doc: "Decodes upper-case hexadecimal (either case with casefold). Other characters raise pybase64.Error: Non-base16 digit found; an odd length, Odd-length string.",
			Py:  "base64.b16decode(s, casefold=False)"},
		{Name: "encodebytes", Fn: encodebytes, Sig: "base64.encodebytes(s) -> string",
			Doc: "Returns s in base64 as MIME writes it: lines of at most 76 characters, each ending with a newline.",
			Py:  "base64.encodebytes(s)"},
		{Name: "decodebytes", Fn: decodebytes, Sig: "base64.decodebytes(s) -> string",
			Doc: "Decodes base64 over several lines (newlines and other characters outside the alphabet are skipped).",
			Py:  "base64.decodebytes(s)"},
	},
	// CPython's base64 raises pybase64.Error; base64 has no class of its own.
	Consts: []interp.Const{{Name: "Error", Value: pybase64.Error}},
}

// data is a bytes argument: a Lua string or a bytearray.
type data struct{ s string }

func (d *data) Unpack(L *lua.LState, v lua.LValue) error {
	if s, ok := v.(lua.LString); ok {
		d.s = string(s)
		return nil
	}
	if buf, ok := interp.BufferOf(v); ok {
		d.s = string(buf.Bytes())
		return nil
	}
	return fmt.Errorf("must be a string or bytearray, not %s", interp.TypeName(v))
}

func fail(L *lua.LState, msg string) {
	interp.RaiseValue(L, interp.NewException(L, pybase64.Error, lua.LString(msg)))
}

// altchars reads the optional two replacement characters for + and /.
func altchars(L *lua.LState, v lua.LValue) string {
	if v == lua.LNil || interp.IsNone(v) {
		return ""
	}
	s, ok := v.(lua.LString)
	if !ok || len(s) != 2 {
		interp.Raise(L, interp.ValueError, "altchars must be a string of 2 characters, not %s", interp.ReprValue(L, v))
	}
	return string(s)
}

func translate(s, from, to string) string {
	if from == "" || to == "" || from == to {
		return s
	}
	return strings.NewReplacer(from[:1], to[:1], from[1:], to[1:]).Replace(s)
}

// altArg is altchars as given, checked by altchars. Being an
// interp.Unpacker, it tells UnpackArgs that a table in its place is
// keywords, never altchars: b64decode(s, {validate=true}).
type altArg struct{ v lua.LValue }

func (a *altArg) Unpack(L *lua.LState, v lua.LValue) error {
	a.v = v
	return nil
}

func b64encode(L *lua.LState) int {
	var d data
	alt := altArg{lua.LNil}
	interp.UnpackArgs(L, 1, "s", &d, "altchars?", &alt)
	L.Push(lua.LString(translate(stdbase64.StdEncoding.EncodeToString([]byte(d.s)), "+/", altchars(L, alt.v))))
	return 1
}

func decode(L *lua.LState, s string, strict bool) int {
	out, msg := pybase64.Decode(s, strict)
	if msg != "" {
		fail(L, msg)
	}
	L.Push(lua.LString(out))
	return 1
}

func b64decode(L *lua.LState) int {
	var d data
	alt := altArg{lua.LNil}
	validate := false
	interp.UnpackArgs(L, 1, "s", &d, "altchars?", &alt, "validate?", &validate)
	if a := altchars(L, alt.v); a != "" {
		d.s = translate(d.s, a, "+/")
	}
	return decode(L, d.s, validate)
}

func standardEncode(L *lua.LState) int {
	var d data
	interp.UnpackArgs(L, 1, "s", &d)
	L.Push(lua.LString(stdbase64.StdEncoding.EncodeToString([]byte(d.s))))
	return 1
}

func standardDecode(L *lua.LState) int {
	var d data
	interp.UnpackArgs(L, 1, "s", &d)
	return decode(L, d.s, false)
}

func urlsafeEncode(L *lua.LState) int {
	var d data
	interp.UnpackArgs(L, 1, "s", &d)
	L.Push(lua.LString(stdbase64.URLEncoding.EncodeToString([]byte(d.s))))
	return 1
}

func urlsafeDecode(L *lua.LState) int {
	var d data
	interp.UnpackArgs(L, 1, "s", &d)
	return decode(L, translate(d.s, "-_", "+/"), false)
}

func b32encode(fname string, enc *stdbase32.Encoding) lua.LGFunction {
	return func(L *lua.LState) int {
		var d data
		interp.UnpackArgs(L, 1, "s", &d)
		L.Push(lua.LString(enc.EncodeToString([]byte(d.s))))
		return 1
	}
}

// b32decode follows CPython's _b32decode: the length must be a multiple
// of 8, padding 0, 1, 3, 4 or 6 characters, every other character in the
// alphabet; Go's decoder then does the arithmetic.
func b32decode(fname, alphabet string, enc *stdbase32.Encoding) lua.LGFunction {
	return func(L *lua.LState) int {
		var d data
		casefold := false
		var map01 lua.LValue = lua.LNil
		if fname == "b32decode" {
			interp.UnpackArgs(L, 1, "s", &d, "casefold?", &casefold, "map01?", &map01)
		} else {
			interp.UnpackArgs(L, 1, "s", &d, "casefold?", &casefold)
		}
		s := d.s
		if m, ok := map01.(lua.LString); ok {
			if len(m) != 1 {
				interp.Raise(L, interp.ValueError, "map01 must be a single character, not %s", interp.ReprValue(L, m))
			}
			s = strings.NewReplacer("0", "O", "1", string(m)).Replace(s)
		} else if map01 != lua.LNil && !interp.IsNone(map01) {
			interp.Raise(L, interp.TypeError, "%s() argument 'map01' must be a string, not %s", interp.FuncName(L), interp.TypeName(map01))
		}
		if casefold {
			s = asciiUpper(s)
		}
		if len(s)%8 != 0 {
			fail(L, "Incorrect padding")
		}
		body := strings.TrimRight(s, "=")
		for i := 0; i < len(body); i++ {
			if strings.IndexByte(alphabet, body[i]) < 0 {
				fail(L, "Non-base32 digit found")
			}
		}
		switch len(s) - len(body) {
		case 0, 1, 3, 4, 6:
		default:
			fail(L, "Incorrect padding")
		}
		out, err := enc.DecodeString(s)
		if err != nil {
			fail(L, "Incorrect padding")
		}
		L.Push(lua.LString(out))
		return 1
	}
}

func b16encode(L *lua.LState) int {
	var d data
	interp.UnpackArgs(L, 1, "s", &d)
	L.Push(lua.LString(strings.ToUpper(hex.EncodeToString([]byte(d.s)))))
	return 1
}

func b16decode(L *lua.LState) int {
	var d data
	casefold := false
	interp.UnpackArgs(L, 1, "s", &d, "casefold?", &casefold)
	s := d.s
	if casefold {
		s = asciiUpper(s)
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'A' && s[i] <= 'F') {
			fail(L, "Non-base16 digit found")
		}
	}
	if len(s)%2 != 0 {
		fail(L, "Odd-length string")
	}
	out, _ := hex.DecodeString(s)
	L.Push(lua.LString(out))
	return 1
}

// asciiUpper is bytes.upper(): only ASCII letters change (strings.ToUpper
// would turn bytes that are not UTF-8 into U+FFFD).
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// encodebytes writes 57 input bytes (76 characters) per line.
func encodebytes(L *lua.LState) int {
	var d data
	interp.UnpackArgs(L, 1, "s", &d)
	var b strings.Builder
	for i := 0; i < len(d.s); i += 57 {
		b.WriteString(stdbase64.StdEncoding.EncodeToString([]byte(d.s[i:min(i+57, len(d.s))])))
		b.WriteByte('\n')
	}
	L.Push(lua.LString(b.String()))
	return 1
}

func decodebytes(L *lua.LState) int {
	var d data
	interp.UnpackArgs(L, 1, "s", &d)
	return decode(L, d.s, false)
}
