package binascii_test

import (
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/binascii"
)

const hex = `local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end
`

// Expected values were printed by CPython 3.11 (binary results as .hex()).
func TestMatchesCPython(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`binascii.hexlify("\185\001\239")`, "b901ef"},
		{`binascii.hexlify("\185\001\239", "-")`, "b9-01-ef"},
		{`binascii.hexlify("\185\001\239", "_", 2)`, "b9_01ef"},
		{`binascii.hexlify("\185\001\239", ":", -2)`, "b901:ef"},
		{`binascii.hexlify("\127\000\000\001")`, "7f000001"},
		{`binascii.hexlify("")`, ""},
		{`binascii.hexlify("", "-")`, ""},
		{`binascii.hexlify("abcdef", " ", 0)`, "616263646566"},
		{`binascii.hexlify("abcdef", " ", 10)`, "616263646566"},
		{`binascii.hexlify("abcdef", " ", -4)`, "61626364 6566"},
		{`binascii.hexlify("abcdefg", " ", 3)`, "61 626364 656667"},
		{`binascii.b2a_hex("\000\255")`, "00ff"},
		{`hex(binascii.unhexlify("b901ef"))`, "b901ef"},
		{`hex(binascii.unhexlify("B901EF"))`, "b901ef"},
		{`hex(binascii.unhexlify(""))`, ""},
		{`hex(binascii.a2b_hex("7f000001"))`, "7f000001"},
		{`binascii.crc32("hello")`, "907060870"},
		{`binascii.crc32("")`, "0"},
		{`binascii.crc32("hello world")`, "222957957"},
		{`binascii.crc32("a", -1)`, "3310005809"},
		{`binascii.crc32("a", 1099511627776)`, "3904355907"},
		{`binascii.crc32("world", 3984718326)`, "222957957"},
		{`binascii.crc_hqx("hello", 0)`, "50018"},
		{`binascii.crc_hqx("123456789", 65535)`, "10673"},
		{`binascii.crc_hqx("a", -1)`, "40311"},
		{`binascii.crc_hqx("a", 1048576)`, "31879"},
		{`hex(binascii.b2a_base64("hello"))`, "614756736247383d0a"},
		{`hex(binascii.b2a_base64(""))`, "0a"},
		{`hex(binascii.b2a_base64("\255\254"))`, "2f2f343d0a"},
		{`hex(binascii.a2b_base64("aGVsbG8=\010"))`, "68656c6c6f"},
		{`hex(binascii.a2b_base64("aG Vs!bG8="))`, "68656c6c6f"},
		{`hex(binascii.a2b_base64("aGVsbG8=trailing"))`, "68656c6c6f"},
		{`hex(binascii.a2b_base64("aG=Vs"))`, "68656c"},
		{`hex(binascii.a2b_base64("aGV=sbG8="))`, "6865"},
		{`hex(binascii.a2b_base64("===="))`, ""},
		{`hex(binascii.a2b_base64(""))`, ""},
		{`hex(binascii.a2b_base64("aGVs\010bG8="))`, "68656c6c6f"},
		{`hex(binascii.a2b_base64("aGVsbA=="))`, "68656c6c"},
		{`hex(binascii.a2b_base64("ab=c="))`, "69b7"},
		{`hex(binascii.a2b_base64("YQ=\010="))`, "61"},
		{`hex(binascii.a2b_base64("=a=b=c=d"))`, "69b7"},
	}
	for _, c := range cases {
		out := interptest.Run(t, hex+"print("+c.lua+")", binascii.Module)
		if got := strings.TrimSuffix(out, "\n"); got != c.want {
			t.Errorf("%s = %q, want %q", c.lua, got, c.want)
		}
	}
}

func TestErrorsMatchCPython(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`binascii.unhexlify("b90")`, "binascii.Error: Odd-length string"},
		{`binascii.unhexlify("b9g1")`, "binascii.Error: Non-hexadecimal digit found"},
		{`binascii.unhexlify("b9 01")`, "binascii.Error: Odd-length string"},
		{`binascii.unhexlify("\233\233")`, "binascii.Error: Non-hexadecimal digit found"},
		{`binascii.unhexlify("b9g")`, "binascii.Error: Odd-length string"},
		{`binascii.a2b_base64("aGVsbG8")`, "binascii.Error: Incorrect padding"},
		{`binascii.a2b_base64("aGVsbG")`, "binascii.Error: Incorrect padding"},
		{`binascii.a2b_base64("abcde")`, "binascii.Error: Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4"},
		{`binascii.a2b_base64("a")`, "binascii.Error: Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a multiple of 4"},
		{`binascii.a2b_base64("abcdefghi")`, "binascii.Error: Invalid base64-encoded string: number of data characters (9) cannot be 1 more than a multiple of 4"},
		{`binascii.a2b_base64("aGVsbA=")`, "binascii.Error: Incorrect padding"},
		{`binascii.a2b_base64("aGVsb===")`, "binascii.Error: Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4"},
		{`binascii.a2b_base64("a===")`, "binascii.Error: Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a multiple of 4"},
		{`binascii.a2b_base64("aGVsbG8\233")`, "binascii.Error: Incorrect padding"},
		{`binascii.hexlify("abc", "--")`, "ValueError: hexlify(): sep must be length 1."},
		{`binascii.hexlify("abc", "")`, "ValueError: hexlify(): sep must be length 1."},
		{`binascii.hexlify("abcdef", " ", 2^40)`, "OverflowError: hexlify(): Python int too large to convert to C int"},
		// netlua's argument checks (Python's texts name Python types).
		{`binascii.hexlify(1)`, "TypeError: hexlify() argument 'data' must be a string or bytearray, not int"},
		{`binascii.unhexlify()`, "TypeError: unhexlify() missing required argument 'hexstr' (pos 1)"},
		{`binascii.crc32("a", 1.5)`, "TypeError: crc32(): 'float' object cannot be interpreted as an integer"},
		{`binascii.crc_hqx("a")`, "TypeError: crc_hqx() missing required argument 'value' (pos 2)"},
	}
	for _, c := range cases {
		if got := interptest.Error(t, c.lua, binascii.Module); got != "test:1: "+c.want {
			t.Errorf("%s: got %q, want %q", c.lua, got, "test:1: "+c.want)
		}
	}
}

func TestErrorClasses(t *testing.T) {
	out := interptest.Run(t, `
local ok, e = pcall(binascii.unhexlify, 'b90')
print(isinstance(e, binascii.Error), isinstance(e, ValueError), tostring(binascii.Error), tostring(binascii.Incomplete))
print(binascii.b2a_base64('hello', {newline = false}), binascii.unhexlify(binascii.hexlify('\0\1\254\255')) == '\0\1\254\255')
`, binascii.Module)
	want := "true\ttrue\t<class 'binascii.Error'>\t<class 'binascii.Incomplete'>\naGVsbG8=\ttrue\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
