package codecs

import (
	"strings"
	"testing"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp/interptest"
)

var fuzzCodecs = []*codec{utf8Codec, asciiCodec, latin1Codec, utf16Auto, utf16LE, utf16BE, gbkCodec, gb2312Codec, gb18030Codec, big5Codec}

// FuzzDecode decodes arbitrary bytes with every codec in every errors mode.
// Nothing may panic; replace, ignore and backslashreplace always succeed
// with valid UTF-8; what strict decodes must encode again and decode back to
// the same text. The same bytes also go through s:decode in Lua.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		"", "hello", "\xe6\xb5\x8b\xe8\xaf\x95", "a\xe6\x88a\xff\xf0\x90\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xb2\xe2\xca\xd4", "\x81\x20x\xb2", "\x80\xff", "\xa1\xa4\xa1\xaa", "\x81\x30\x81\x30", "\x94\x39\xfc\x36",
		"\xb4\xfa\xb8\xd5", "\x87\x40", "\xff\xfeKm", "\xfe\xffmK", "\x00\xd8a\x00", "\x00\xdc", "=\xd8\x00\xde",
	} {
		f.Add([]byte(seed))
	}
	rt := interptest.New(f, Module)
	decodeAll, err := rt.Load(strings.NewReader(`
local data = ...
for _, enc in ipairs({"utf-8", "ascii", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb2312", "gb18030", "big5"}) do
  data:decode(enc, "replace")
  local ok, e = pcall(data.decode, data, enc)
  assert(ok or type(e) == "table", tostring(e))
  ok, e = pcall(data.encode, data, enc)
  assert(ok or type(e) == "table", tostring(e))
end
`), "fuzz")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, c := range fuzzCodecs {
			for _, mode := range []string{"replace", "ignore", "backslashreplace"} {
				s, err := c.decodeBytes(data, mode, nil)
				if err != nil {
					t.Fatalf("%s %s %q: %s", c.name, mode, data, err.msg)
				}
				if !utf8.ValidString(s) {
					t.Fatalf("%s %s %q: invalid UTF-8 %q", c.name, mode, data, s)
				}
			}
			s, derr := c.decodeBytes(data, "strict", nil)
			if derr != nil {
				if derr.start < 0 || derr.end > len(data) || derr.start >= derr.end {
					t.Fatalf("%s %q: error range %d-%d", c.name, data, derr.start, derr.end)
				}
				continue
			}
			b, eerr := c.encodeText(s, "strict", nil)
			if eerr != nil {
				t.Fatalf("%s %q: decoded %q does not encode: %s", c.name, data, s, eerr.msg)
			}
			if again, err := c.decodeBytes(b, "strict", nil); err != nil || again != s {
				t.Fatalf("%s %q: %q encodes to %q, which decodes to %q", c.name, data, s, b, again)
			}
		}
		if err := rt.Call(decodeAll, 0, lua.LString(data)); err != nil {
			t.Fatalf("%q: %v", data, err)
		}
	})
}
