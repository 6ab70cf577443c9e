package codecs_test

import (
	"strings"
	"testing"

	"netlua/interp"
	"netlua/interp/interptest"
	"netlua/stdlib/codecs"
)

const hex = `local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end
`

// Expected values were printed by CPython 3.11: bytes.decode(...) as text,
// str.encode(...).hex(), and str(e) for errors.
func TestDecodeMatchesCPython(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`("\230\181\139\232\175\149"):decode("utf-8")`, "测试"},
		{`("hello"):decode()`, "hello"},
		{`("a\230\136a\255\240\144\128"):decode("utf-8", "replace")`, "a�a��"},
		{`("\237\160\128"):decode("utf-8", "replace")`, "���"},
		{`("\192\175"):decode("utf8", "replace")`, "��"},
		{`("\244\144\128\128"):decode("UTF-8", "replace")`, "����"},
		{`("a\255b\254"):decode("utf-8", "backslashreplace")`, "a\\xffb\\xfe"},
		{`("a\255b"):decode("utf-8", "ignore")`, "ab"},
		{`("a\230\181"):decode("ascii", "replace")`, "a��"},
		{`("caf\233"):decode("latin-1")`, "café"},
		{`("caf\233"):decode("latin1")`, "café"},
		{`("\255"):decode("iso-8859-1")`, "ÿ"},
		{`("\178\226\202\212"):decode("gbk")`, "测试"},
		{`("\178\226\202\212"):decode("cp936")`, "测试"},
		{`("\129 x\178"):decode("gbk", "replace")`, "� x�"},
		{`("\128\255"):decode("gbk", "backslashreplace")`, "\\x80\\xff"},
		{`("\161\164\161\170"):decode("gbk")`, "·—"},
		{`("\161\164\161\170"):decode("gb2312")`, "・―"},
		{`("\178\226"):decode("euc-cn")`, "测"},
		{`("\1290\1290"):decode("gb18030")`, "\u0080"},
		{`("\1489\2526\178\226"):decode("gb18030")`, "😀测"},
		{`("\180\250\184\213"):decode("big5")`, "測試"},
		{`("\164\164\164\229"):decode("big5")`, "中文"},
		{`("\255\254Km"):decode("utf-16")`, "测"},
		{`("\254\255mK"):decode("utf-16")`, "测"},
		{`("Km"):decode("utf-16")`, "测"},
		{`("\000\216a\000"):decode("utf-16-le", "replace")`, "�a"},
		{`("Kma"):decode("utf-16-le", "replace")`, "测�"},
		{`("=\216\000\222"):decode("utf-16-le")`, "😀"},
		{`("\216=\222\000"):decode("utf-16-be")`, "😀"},
		{`(""):decode("utf-16")`, ""},
		{`("\178\226\255"):decode("gbk", "ignore")`, "测"},
	}
	for _, c := range cases {
		out := interptest.Run(t, "print("+c.lua+")", codecs.Module)
		if got := strings.TrimSuffix(out, "\n"); got != c.want {
			t.Errorf("%s = %q, want %q", c.lua, got, c.want)
		}
	}
}

func TestEncodeMatchesCPython(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`("\230\181\139\232\175\149"):encode("gbk")`, "b2e2cad4"},
		{`("\230\181\139\232\175\149"):encode("utf-8")`, "e6b58be8af95"},
		{`("hello"):encode()`, "68656c6c6f"},
		{`("\230\181\139\232\175\149"):encode("gb2312")`, "b2e2cad4"},
		{`("\194\183\226\128\148"):encode("gbk")`, "a1a4a1aa"},
		{`("\227\131\187\226\128\149"):encode("gb2312")`, "a1a4a1aa"},
		{`("\226\130\172\230\181\139"):encode("gbk", "replace")`, "3fb2e2"},
		{`("\240\159\152\128"):encode("gbk", "backslashreplace")`, "5c553030303166363030"},
		{`("\226\130\172"):encode("gb18030")`, "a2e3"},
		{`("\240\159\152\128"):encode("gb18030")`, "9439fc36"},
		{`("\230\184\172\232\169\166"):encode("big5")`, "b4fab8d5"},
		{`("a\230\181\139\232\175\149"):encode("ascii", "replace")`, "613f3f"},
		{`("a\230\181\139\232\175\149b\226\130\172"):encode("latin-1", "backslashreplace")`, "615c75366434625c7538626435625c7532306163"},
		{`("\226\130\172"):encode("latin1", "ignore")`, ""},
		{`("caf\195\169"):encode("latin-1")`, "636166e9"},
		{`("\230\181\139a\240\159\152\128"):encode("utf-16")`, "fffe4b6d61003dd800de"},
		{`("\230\181\139a"):encode("utf-16-le")`, "4b6d6100"},
		{`("\230\181\139a"):encode("utf-16-be")`, "6d4b0061"},
		{`(""):encode("utf-16")`, "fffe"},
		{`("a\226\130\172b\240\159\152\128"):encode("ascii", "ignore")`, "6162"},
	}
	for _, c := range cases {
		out := interptest.Run(t, hex+"print(hex("+c.lua+"))", codecs.Module)
		if got := strings.TrimSuffix(out, "\n"); got != c.want {
			t.Errorf("%s = %s, want %s", c.lua, got, c.want)
		}
	}
}

func TestErrorsMatchCPython(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`("\255"):decode('utf-8')`, "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"},
		{`("\230"):decode()`, "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe6 in position 0: unexpected end of data"},
		{`("\230\136"):decode()`, "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"},
		{`("\230\136a"):decode()`, "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"},
		{`("\240\159\152"):decode()`, "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"},
		{`("\240\159\152a"):decode()`, "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-2: invalid continuation byte"},
		{`("\230\181"):decode('ascii')`, "UnicodeDecodeError: 'ascii' codec can't decode byte 0xe6 in position 0: ordinal not in range(128)"},
		{`("\230\181\139\232\175\149"):encode('ascii')`, "UnicodeEncodeError: 'ascii' codec can't encode characters in position 0-1: ordinal not in range(128)"},
		{`("\195\169\226\130\172"):encode('latin-1')`, "UnicodeEncodeError: 'latin-1' codec can't encode character '\\u20ac' in position 1: ordinal not in range(256)"},
		{`("ab\255"):decode('gbk')`, "UnicodeDecodeError: 'gbk' codec can't decode byte 0xff in position 2: incomplete multibyte sequence"},
		{`("ab\255c"):decode('gbk')`, "UnicodeDecodeError: 'gbk' codec can't decode byte 0xff in position 2: illegal multibyte sequence"},
		{`("ab\178"):decode('gbk')`, "UnicodeDecodeError: 'gbk' codec can't decode byte 0xb2 in position 2: incomplete multibyte sequence"},
		{`("a\226\130\172\226\130\172\230\181\139"):encode('gbk')`, "UnicodeEncodeError: 'gbk' codec can't encode character '\\u20ac' in position 1: illegal multibyte sequence"},
		{`("\129@"):decode('gb2312')`, "UnicodeDecodeError: 'gb2312' codec can't decode byte 0x81 in position 0: illegal multibyte sequence"},
		{`("\1290\129"):decode('gb18030')`, "UnicodeDecodeError: 'gb18030' codec can't decode bytes in position 0-2: incomplete multibyte sequence"},
		{`("\128"):decode('gb18030')`, "UnicodeDecodeError: 'gb18030' codec can't decode byte 0x80 in position 0: incomplete multibyte sequence"},
		{`("\180"):decode('big5')`, "UnicodeDecodeError: 'big5' codec can't decode byte 0xb4 in position 0: incomplete multibyte sequence"},
		{`("\135@"):decode('big5')`, "UnicodeDecodeError: 'big5' codec can't decode byte 0x87 in position 0: illegal multibyte sequence"},
		{`("Kma"):decode('utf-16-le')`, "UnicodeDecodeError: 'utf-16-le' codec can't decode byte 0x61 in position 2: truncated data"},
		{`("\000\216"):decode('utf-16-le')`, "UnicodeDecodeError: 'utf-16-le' codec can't decode bytes in position 0-1: unexpected end of data"},
		{`("\000\220a\000"):decode('utf-16-le')`, "UnicodeDecodeError: 'utf-16-le' codec can't decode bytes in position 0-1: illegal encoding"},
		{`("\000\216a\000"):decode('utf-16-le')`, "UnicodeDecodeError: 'utf-16-le' codec can't decode bytes in position 0-1: illegal UTF-16 surrogate"},
		{`("\255\254Kma"):decode('utf-16')`, "UnicodeDecodeError: 'utf-16-le' codec can't decode byte 0x61 in position 4: truncated data"},
		{`("a"):decode('utf-16')`, "UnicodeDecodeError: 'utf-16-le' codec can't decode byte 0x61 in position 0: truncated data"},
		{`("a"):decode('foo')`, "LookupError: unknown encoding: foo"},
		{`("a"):encode('foo')`, "LookupError: unknown encoding: foo"},
		{`("\255"):decode('utf-8', 'bogus')`, "LookupError: unknown error handler name 'bogus'"},
		{`("\195\191"):encode('ascii', 'bogus')`, "LookupError: unknown error handler name 'bogus'"},
		{`("\240\159\152\128"):encode('big5')`, "UnicodeEncodeError: 'big5' codec can't encode character '\\U0001f600' in position 0: illegal multibyte sequence"},
	}
	for _, c := range cases {
		if got := interptest.Error(t, c.lua, codecs.Module); got != "test:1: "+c.want {
			t.Errorf("%s: got %q, want %q", c.lua, got, "test:1: "+c.want)
		}
	}
}

func TestExceptionFieldsAndClasses(t *testing.T) {
	out := interptest.Run(t, `
local ok, e = pcall(function() return ("ab\255c"):decode("gbk") end)
print(e.encoding, e.start, e["end"], e.reason, isinstance(e, UnicodeDecodeError), isinstance(e, ValueError))
ok, e = pcall(codecs.encode, "a€€测", "gbk")
print(e.encoding, e.start, e["end"], e.reason, isinstance(e, UnicodeEncodeError), e.object == "a€€测")
`, codecs.Module)
	want := "gbk\t2\t3\tillegal multibyte sequence\ttrue\ttrue\ngbk\t1\t2\tillegal multibyte sequence\ttrue\ttrue\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// Python's normalization and aliases, with CodecInfo.name as CPython 3.11
// prints it.
func TestLookupNames(t *testing.T) {
	names := map[string]string{
		"UTF8": "utf-8", "utf_8": "utf-8", "U8": "utf-8", "cp936": "gbk", "CP936": "gbk",
		"latin1": "iso8859-1", "Latin-1": "iso8859-1", "ISO-8859-1": "iso8859-1",
		"utf_16_le": "utf-16-le", "UTF-16BE": "utf-16-be", "euc-cn": "gb2312", "GB2312": "gb2312",
		"us-ascii": "ascii", "Big5": "big5", "gb18030": "gb18030",
	}
	for in, want := range names {
		out := interptest.Run(t, `print(codecs.lookup("`+in+`").name)`, codecs.Module)
		if got := strings.TrimSuffix(out, "\n"); got != want {
			t.Errorf("lookup(%q).name = %q, want %q", in, got, want)
		}
	}
	out := interptest.Run(t, `print(tostring(codecs.lookup("utf8")):match("^<codecs.CodecInfo object for encoding utf%-8 at 0x%x+>$") ~= nil)`, codecs.Module)
	if out != "true\n" {
		t.Errorf("CodecInfo prints as %q", out)
	}
}

// netlua's own decisions: encode reads its receiver as UTF-8 text, and
// arguments are checked like every builtin's.
func TestNetluaErrors(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`("a\255"):encode("gbk", "replace")`, "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte"},
		{`("\230\181"):encode("latin-1")`, "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"},
		{`("x"):encode(1)`, "TypeError: encode() argument 'encoding' must be a string, not int"},
		{`codecs.decode(5)`, "TypeError: decode() argument 'obj' must be a string, not int"},
		{`codecs.lookup()`, "TypeError: lookup() missing required argument 'encoding' (pos 1)"},
		{`codecs.lookup("nope")`, "LookupError: unknown encoding: nope"},
	}
	for _, c := range cases {
		if got := interptest.Error(t, c.lua, codecs.Module); got != "test:1: "+c.want {
			t.Errorf("%s: got %q, want %q", c.lua, got, "test:1: "+c.want)
		}
	}
}

// The tutorials call encode and decode on strings without importing
// anything: the methods exist as soon as the runtime does.
func TestStringMethodsWithoutRequire(t *testing.T) {
	rt := interp.New(codecs.Module)
	var buf strings.Builder
	rt.Out.SetWriters(&buf, &buf)
	if err := rt.RunString(`print(("测试"):encode("gbk") == "\178\226\202\212", ("\178\226\202\212"):decode("gbk"))`, "test"); err != nil {
		t.Fatal(err)
	}
	if want := "true\t测试\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}
