// Package codecs is netlua's `codecs` module and the string methods
// s:encode and s:decode, Python's str.encode and bytes.decode.
//
// Lua strings are bytes, so text is a Lua string holding UTF-8: decode turns
// bytes in some encoding into UTF-8, encode turns UTF-8 into bytes in some
// encoding. Encodings are utf-8, ascii, latin-1, utf-16 (with a byte order
// mark, as Python), utf-16-le, utf-16-be, and gbk, gb2312, gb18030, big5
// (tables from golang.org/x/text), under Python's names and aliases (utf8,
// cp936, latin1, euc-cn...). The errors modes are strict, replace, ignore
// and backslashreplace, and errors are CPython 3.11's UnicodeDecodeError and
// UnicodeEncodeError with its messages and positions (bytes when decoding,
// characters when encoding).
//
// Since encode reads its receiver as text, a receiver that is not valid
// UTF-8 raises the UnicodeDecodeError that decoding it as UTF-8 would,
// whatever the errors mode: Python's str cannot hold such bytes either.
//
// Known differences from CPython, where x/text's WHATWG tables differ from
// CPython's: gb18030 rejects the two-byte sequences CPython maps to private
// use characters, and big5 maps a few hundred symbols (mostly punctuation)
// to the WHATWG characters. Common Chinese text is the same in both.
//
// Files: module.go declares the module and the string methods, names the
// encodings and raises the Unicode errors; codec.go is the codec driver;
// unicode.go the UTF-8, UTF-16, ASCII and Latin-1 codecs; cjk.go the
// Chinese ones.
package codecs

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// Module is the codecs module.
var Module = &interp.Module{
	Name: "codecs",
	Doc:  "Text encodings, as Python's str.encode and bytes.decode: every string has s:encode([encoding [, errors]]) and s:decode([encoding [, errors]]) ((\"测试\"):encode(\"gbk\")), and this module has encode, decode and lookup. Encodings: utf-8, ascii, latin-1, utf-16(-le/-be), gbk, gb2312, gb18030, big5 and Python's aliases; errors: strict, replace, ignore, backslashreplace.",
	Funcs: []interp.Func{
		{Name: "encode", Fn: codecsEncode, Sig: "codecs.encode(obj [, encoding=\"utf-8\" [, errors=\"strict\"]] [, {obj=, encoding=, errors=}]) -> string",
			Doc: "The same as obj:encode(encoding, errors): the UTF-8 text converted to bytes in encoding.",
			Py:  "codecs.encode(obj, encoding='utf-8', errors='strict')"},
		{Name: "decode", Fn: codecsDecode, Sig: "codecs.decode(obj [, encoding=\"utf-8\" [, errors=\"strict\"]] [, {obj=, encoding=, errors=}]) -> string",
			Doc: "The same as obj:decode(encoding, errors): bytes in encoding converted to UTF-8 text.",
			Py:  "codecs.decode(obj, encoding='utf-8', errors='strict')"},
		{Name: "lookup", Fn: lookup, Sig: "codecs.lookup(encoding) -> CodecInfo",
			Doc: "Returns a CodecInfo whose name field is Python's canonical name of the encoding (lookup('UTF8').name is 'utf-8', lookup('cp936').name is 'gbk'); raises LookupError for an unknown one."},
	},
	Types: []*interp.Type{stringType},
	Init: func(L *lua.LState) {
		// Every string gets encode and decode through the string metatable.
		mt, ok := L.GetMetatable(lua.LString("")).(*lua.LTable)
		if !ok {
			return
		}
		if idx, ok := mt.RawGetString("__index").(*lua.LTable); ok {
			// the declared functions, so that messages and keyword
			// arguments find their entries (interp.FuncName)
			methods := interp.Of(L).TypeMethods(stringType)
			idx.RawSetString("encode", methods.RawGetString("encode"))
			idx.RawSetString("decode", methods.RawGetString("decode"))
		}
	},
}

// stringType documents the methods Init adds to strings, for help().
var stringType = &interp.Type{Name: "string", Doc: "Lua strings, which stand for Python's bytes and str.", Methods: []interp.Func{
	{Name: "encode", Fn: strEncode, Sig: "s:encode([encoding=\"utf-8\" [, errors=\"strict\"]] [, {encoding=, errors=}]) -> string",
		Doc: "Converts the UTF-8 text s to bytes in encoding. Characters the encoding lacks raise UnicodeEncodeError under errors=\"strict\", become ? under \"replace\", are dropped under \"ignore\" and become \\uXXXX under \"backslashreplace\". Invalid UTF-8 in s raises UnicodeDecodeError.",
		Py:  "str.encode(encoding='utf-8', errors='strict')"},
	{Name: "decode", Fn: strDecode, Sig: "s:decode([encoding=\"utf-8\" [, errors=\"strict\"]] [, {encoding=, errors=}]) -> string",
		Doc: "Converts the bytes s in encoding to UTF-8 text. Invalid bytes raise UnicodeDecodeError under errors=\"strict\" (with CPython's message and position), become U+FFFD under \"replace\", are dropped under \"ignore\" and become \\xNN under \"backslashreplace\".",
		Py:  "bytes.decode(encoding='utf-8', errors='strict')"},
}}

// codecs by normalized name: Python's aliases for the encodings above.
var registry = map[string]*codec{}

// canonical is CodecInfo.name for each codec, as CPython reports it.
var canonical = map[*codec]string{}

func register(c *codec, name string, aliases ...string) {
	canonical[c] = name
	for _, a := range append(aliases, name) {
		registry[normalize(a)] = c
	}
}

func init() {
	register(utf8Codec, "utf-8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4", "cp65001")
	register(asciiCodec, "ascii", "646", "us_ascii", "us", "ansi_x3.4_1968", "cp367", "csascii", "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6")
	register(latin1Codec, "iso8859-1", "latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "8859", "cp819", "iso_ir_100", "csisolatin1", "ibm819", "iso_8859_1_1987")
	register(utf16Auto, "utf-16", "utf16", "u16")
	register(utf16LE, "utf-16-le", "utf_16le", "unicodelittleunmarked")
	register(utf16BE, "utf-16-be", "utf_16be", "unicodebigunmarked")
	register(gbkCodec, "gbk", "936", "cp936", "ms936")
	register(gb2312Codec, "gb2312", "chinese", "csiso58gb231280", "euc_cn", "euccn", "eucgb2312_cn", "gb2312_1980", "gb2312_80", "iso_ir_58")
	register(gb18030Codec, "gb18030", "gb18030_2000")
	register(big5Codec, "big5", "big5_tw", "csbig5")
}

// normalize is CPython's normalize_encoding plus its lower-casing: runs of
// characters other than letters, digits and '.' become one '_'.
func normalize(name string) string {
	var b strings.Builder
	pending := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' {
			if pending && b.Len() > 0 {
				b.WriteByte('_')
			}
			pending = false
			b.WriteByte(c)
		} else {
			pending = true
		}
	}
	return b.String()
}

// find returns the codec for an encoding name or raises LookupError.
func find(L *lua.LState, name string) *codec {
	c, ok := registry[normalize(name)]
	if !ok {
		interp.Raise(L, interp.LookupError, "unknown encoding: %s", name)
	}
	return c
}

// raise turns a codec error into Python's exception, with the fields
// Python's UnicodeError has (encoding, object, start, end, reason; start and
// end 0-based as in Python).
func raise(L *lua.LState, err *codecError, object string) {
	if err.lookup {
		interp.Raise(L, interp.LookupError, "%s", err.msg)
	}
	cls := interp.UnicodeEncodeError
	if err.decoding {
		cls = interp.UnicodeDecodeError
	}
	e := interp.NewException(L, cls, lua.LString(err.msg))
	e.RawSetString("encoding", lua.LString(err.encoding))
	e.RawSetString("object", lua.LString(object))
	e.RawSetString("start", lua.LNumber(err.start))
	e.RawSetString("end", lua.LNumber(err.end))
	e.RawSetString("reason", lua.LString(err.reason))
	interp.RaiseValue(L, e)
}

// encode and decode serve both the string methods (whose first argument
// is the string itself, named self in messages) and the module functions.
func encode(L *lua.LState, first string) int {
	var text string
	encoding, errors := "utf-8", "strict"
	interp.UnpackArgs(L, 1, first, &text, "encoding?", &encoding, "errors?", &errors)
	c := find(L, encoding)
	out, err := c.encodeText(text, errors, func() { interp.Checkpoint(L) })
	if err != nil {
		raise(L, err, text)
	}
	L.Push(lua.LString(out))
	return 1
}

func decode(L *lua.LState, first string) int {
	var data string
	encoding, errors := "utf-8", "strict"
	interp.UnpackArgs(L, 1, first, &data, "encoding?", &encoding, "errors?", &errors)
	c := find(L, encoding)
	out, err := c.decodeBytes([]byte(data), errors, func() { interp.Checkpoint(L) })
	if err != nil {
		raise(L, err, data)
	}
	L.Push(lua.LString(out))
	return 1
}

func strEncode(L *lua.LState) int    { return encode(L, "self") }
func strDecode(L *lua.LState) int    { return decode(L, "self") }
func codecsEncode(L *lua.LState) int { return encode(L, "obj") }
func codecsDecode(L *lua.LState) int { return decode(L, "obj") }

func lookup(L *lua.LState) int {
	var name string
	interp.UnpackArgs(L, 1, "encoding", &name)
	c := find(L, name)
	info := L.NewTable()
	info.RawSetString("name", lua.LString(canonical[c]))
	meta := L.NewTable()
	meta.RawSetString("__name", lua.LString("codecs.CodecInfo"))
	meta.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(fmt.Sprintf("<codecs.CodecInfo object for encoding %s at %p>", canonical[c], info)))
		return 1
	}))
	L.SetMetatable(info, meta)
	L.Push(info)
	return 1
}
