package pystruct_test

import (
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
	"netlua/stdlib/pystruct"
)

// hex prints a string's bytes as Python's bytes.hex() does, so expectations
// are CPython's output verbatim.
const hex = `local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end
`

// The expected values were printed by CPython 3.11 (struct.pack(...).hex(),
// struct.unpack(...), str(e)); the Lua arguments are the Python ones ported.
func TestPackMatchesCPython(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`struct.pack('!12I', 1,2,3,4,5,6,7,8,9,10,11,12)`, "0000000100000002000000030000000400000005000000060000000700000008000000090000000a0000000b0000000c"},
		{`struct.pack('<hHiI', -2, 65535, -2147483648, 4294967295)`, "feffffff00000080ffffffff"},
		{`struct.pack('>bBhHiIlLqQ', -128, 255, -32768, 65535, -1, 1, -2147483648, 4294967295, -9007199254740991, 9007199254740991)`, "80ff8000ffffffffffff0000000180000000ffffffffffe0000000000001001fffffffffffff"},
		{`struct.pack('@bq', 1, 2)`, "01000000000000000200000000000000"},
		{`struct.pack('@ci', 'A', 7)`, "4100000007000000"},
		{`struct.pack('=ci', 'A', 7)`, "4107000000"},
		{`struct.pack('@lLnNP', -1, 2, -3, 4, 5)`, "ffffffffffffffff0200000000000000fdffffffffffffff04000000000000000500000000000000"},
		{`struct.pack('@P', -1)`, "ffffffffffffffff"},
		{`struct.pack('<?c3s2p', 2, 'Z', 'abcdef', 'xyz')`, "015a6162630178"},
		{`struct.pack('<5s0p3p', 'ab', 'q', 'abcd')`, "6162000000026162"},
		{`struct.pack('<e', 1.5)`, "003e"},
		{`struct.pack('>e', 0.1)`, "2e66"},
		{`struct.pack('>e', 65504)`, "7bff"},
		{`struct.pack('>e', 3e-5)`, "01f7"},
		{`struct.pack('<e', 6e-8)`, "0100"},
		{`struct.pack('<e', -0.0)`, "0080"},
		{`struct.pack('<e', 1/0)`, "007c"},
		{`struct.pack('<e', -1/0)`, "00fc"},
		{`struct.pack('>e', 65519)`, "7bff"},
		{`struct.pack('>e', 5.960464477539063e-08/2)`, "0000"},
		{`struct.pack('>e', 5.960464477539063e-08*1.5)`, "0002"},
		{`struct.pack('<f', 0.1)`, "cdcccc3d"},
		{`struct.pack('<d', 0.1)`, "9a9999999999b93f"},
		{`struct.pack('@f', 1e300)`, "0000807f"},
		{`struct.pack('<f', 1/0)`, "0000807f"},
		{`struct.pack('!d', -1e300)`, "fe37e43c8800759c"},
		{`struct.pack('< 2h x 3x i ', 1, 2, 3)`, "010002000000000003000000"},
		{`struct.pack('@hd', 1, 2.5)`, "01000000000000000000000000000440"},
		{`struct.pack('@b?h', -1, true, 3)`, "ff010300"},
		{`struct.pack('@h0q', 1)`, "0100000000000000"},
		{`struct.pack('i', true)`, "01000000"},
		{`struct.pack('f', true)`, "0000803f"},
		{`struct.pack('?', 0)`, "00"},
		{`struct.pack('?', '')`, "00"},
		{`struct.pack('?', 'x')`, "01"},
		{`struct.pack('??', nil, false)`, "0000"},
		{`struct.pack('3x')`, "000000"},
		{`struct.pack('')`, ""},
		{`struct.pack('0s', 'abc')`, ""},
		{`struct.pack('2c', 'a', 'b')`, "6162"},
		{`struct.pack('<300p', string.rep('a', 300)):sub(1, 3)`, "ff6161"},
		{`struct.pack('>Q', 2^53-1)`, "001fffffffffffff"},
		{`struct.pack('>q', -(2^53-1))`, "ffe0000000000001"},
	}
	for _, c := range cases {
		out := interptest.Run(t, hex+"print(hex("+c.lua+"))", pystruct.Module)
		if got := strings.TrimSuffix(out, "\n"); got != c.want {
			t.Errorf("%s = %s, want %s", c.lua, got, c.want)
		}
	}
}

func TestUnpackMatchesCPython(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`struct.unpack("!12I", "\000\000\000d\000\000\000e\000\000\000f\000\000\000g\000\000\000h\000\000\000i\000\000\000j\000\000\000k\000\000\000l\000\000\000m\000\000\000n\000\000\000o")`, "(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111)"},
		{`struct.unpack("!I", "\000\000\000\001")`, "(1,)"},
		{`struct.unpack("<hHiI", "\254\255\255\255\000\000\000\128\255\255\255\255")`, "(-2, 65535, -2147483648, 4294967295)"},
		{`struct.unpack(">bBhHiIlLqQ", "\128\255\128\000\255\255\255\255\255\255\000\000\000\001\128\000\000\000\255\255\255\255\255\224\000\000\000\000\000\001\000\031\255\255\255\255\255\255")`, "(-128, 255, -32768, 65535, -1, 1, -2147483648, 4294967295, -9007199254740991, 9007199254740991)"},
		{`struct.unpack("@bq", "\001\000\000\000\000\000\000\000\002\000\000\000\000\000\000\000")`, "(1, 2)"},
		{`struct.unpack("@lLnNP", "\255\255\255\255\255\255\255\255\002\000\000\000\000\000\000\000\253\255\255\255\255\255\255\255\004\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000")`, "(-1, 2, -3, 4, 5)"},
		{`struct.unpack("<?c3s2p", "\002A\000bc\005x")`, "(True, b'A', b'\\x00bc', b'x')"},
		{`struct.unpack("<3p", "\009ab")`, "(b'ab',)"},
		{`struct.unpack("<?", "\000")`, "(False,)"},
		{`struct.unpack("<e", "\000|")`, "(inf,)"},
		{`struct.unpack("<e", "\001\000")`, "(5.960464477539063e-08,)"},
		{`struct.unpack("<e", "\000>")`, "(1.5,)"},
		{`struct.unpack(">e", ".f")`, "(0.0999755859375,)"},
		{`struct.unpack("<e", "\001\252")`, "(nan,)"},
		{`struct.unpack("<f", "\000\000\192\127")`, "(nan,)"},
		{`struct.unpack("<f", "\205\204\204=")`, "(0.10000000149011612,)"},
		{`struct.unpack("!d", "\2547\228<\136\000u\156")`, "(-1e+300,)"},
		{`struct.unpack("<q", "\255\255\255\255\255\255\255\255")`, "(-1,)"},
		{`struct.unpack("<Q", "\255\255\255\255\255\255\031\000")`, "(9007199254740991,)"},
		{`struct.unpack("<q", "\001\000\000\000\000\000\224\255")`, "(-9007199254740991,)"},
		{`struct.unpack("3x", "abc")`, "()"},
		{`struct.unpack("", "")`, "()"},
		{`struct.unpack("0s", "")`, "(b'',)"},
		// CPython 3.11 fails here with SystemError (a negative size reaches
		// PyBytes_FromStringAndSize); an empty string is what '0p' holds.
		{`struct.unpack("<0p2s", "ab")`, "(b'', b'ab')"},
	}
	for _, c := range cases {
		out := interptest.Run(t, "print("+c.lua+")", pystruct.Module)
		if got := strings.TrimSuffix(out, "\n"); got != c.want {
			t.Errorf("%s = %s, want %s", c.lua, got, c.want)
		}
	}
}

func TestErrorsMatchCPython(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`struct.calcsize('3')`, "struct.error: repeat count given without format specifier"},
		{`struct.calcsize('2 I')`, "struct.error: bad char in struct format"},
		{`struct.calcsize('I!')`, "struct.error: bad char in struct format"},
		{`struct.calcsize(' <I')`, "struct.error: bad char in struct format"},
		{`struct.calcsize('<n')`, "struct.error: bad char in struct format"},
		{`struct.calcsize('=P')`, "struct.error: bad char in struct format"},
		{`struct.calcsize('z')`, "struct.error: bad char in struct format"},
		{`struct.calcsize('99999999999999999999I')`, "struct.error: total struct size too long"},
		{`struct.calcsize('4611686018427387904i')`, "struct.error: total struct size too long"},
		{`struct.calcsize('@9223372036854775807xI')`, "struct.error: total struct size too long"},
		{`struct.calcsize('9223372036854775807x1x')`, "struct.error: total struct size too long"},
		{`struct.calcsize('I\0')`, "struct.error: embedded null character"},
		{`struct.calcsize('\233')`, "struct.error: bad char in struct format"},
		{`struct.pack('i', 1.5)`, "struct.error: required argument is not an integer"},
		{`struct.pack('i', 'a')`, "struct.error: required argument is not an integer"},
		{`struct.pack('i', nil)`, "struct.error: required argument is not an integer"},
		{`struct.pack('<h', 0/0)`, "struct.error: required argument is not an integer"},
		{`struct.pack('<q', 1/0)`, "struct.error: required argument is not an integer"},
		{`struct.pack('i')`, "struct.error: pack expected 1 items for packing (got 0)"},
		{`struct.pack('i', 1, 2)`, "struct.error: pack expected 1 items for packing (got 2)"},
		{`struct.pack('3s2xi', 'a')`, "struct.error: pack expected 2 items for packing (got 1)"},
		{`struct.pack('b', 128)`, "struct.error: byte format requires -128 <= number <= 127"},
		{`struct.pack('B', -1)`, "struct.error: ubyte format requires 0 <= number <= 255"},
		{`struct.pack('h', 40000)`, "struct.error: short format requires -32768 <= number <= 32767"},
		{`struct.pack('H', 65536)`, "struct.error: ushort format requires 0 <= number <= 65535"},
		{`struct.pack('<i', 2^31)`, "struct.error: 'i' format requires -2147483648 <= number <= 2147483647"},
		{`struct.pack('@I', -1)`, "struct.error: argument out of range"},
		{`struct.pack('<I', 2^32)`, "struct.error: 'I' format requires 0 <= number <= 4294967295"},
		{`struct.pack('<l', -2^31-1)`, "struct.error: 'l' format requires -2147483648 <= number <= 2147483647"},
		{`struct.pack('<L', 2^32)`, "struct.error: 'L' format requires 0 <= number <= 4294967295"},
		{`struct.pack('<L', -1)`, "struct.error: argument out of range"},
		{`struct.pack('@l', 2^63)`, "struct.error: argument out of range"},
		{`struct.pack('<q', 2^63)`, "struct.error: argument out of range"},
		{`struct.pack('<Q', -1)`, "struct.error: argument out of range"},
		{`struct.pack('<Q', 2^64)`, "struct.error: argument out of range"},
		{`struct.pack('@N', -1)`, "struct.error: argument out of range"},
		{`struct.pack('@P', 2^64)`, "struct.error: int too large to convert"},
		{`struct.pack('P', 1.5)`, "struct.error: required argument is not an integer"},
		{`struct.pack('f', 'x')`, "struct.error: required argument is not a float"},
		{`struct.pack('d', nil)`, "struct.error: required argument is not a float"},
		{`struct.pack('=f', 1e300)`, "OverflowError: float too large to pack with f format"},
		{`struct.pack('<f', 3.4028235677973366e+38)`, "OverflowError: float too large to pack with f format"},
		{`struct.pack('e', 1e10)`, "OverflowError: float too large to pack with e format"},
		{`struct.pack('<e', 65520.0)`, "OverflowError: float too large to pack with e format"},
		{`struct.pack('c', 'ab')`, "struct.error: char format requires a bytes object of length 1"},
		{`struct.pack('c', 1)`, "struct.error: char format requires a bytes object of length 1"},
		{`struct.pack('c', '')`, "struct.error: char format requires a bytes object of length 1"},
		{`struct.pack('s', 1)`, "struct.error: argument for 's' must be a bytes object"},
		{`struct.pack('p', true)`, "struct.error: argument for 'p' must be a bytes object"},
		{`struct.unpack('!12I', string.rep('x', 47))`, "struct.error: unpack requires a buffer of 48 bytes"},
		{`struct.unpack('!I', 'abcde')`, "struct.error: unpack requires a buffer of 4 bytes"},
		{`struct.unpack_from('!I', 'abcdef', 4)`, "struct.error: unpack_from requires a buffer of at least 8 bytes for unpacking 4 bytes at offset 4 (actual buffer size is 6)"},
		{`struct.unpack_from('!I', 'abcdef', -2)`, "struct.error: not enough data to unpack 4 bytes at offset -2"},
		{`struct.unpack_from('!I', 'abcdef', -10)`, "struct.error: offset -10 out of range for 6-byte buffer"},
		{`struct.unpack_from('!I', 'abc')`, "struct.error: unpack_from requires a buffer of at least 4 bytes for unpacking 4 bytes at offset 0 (actual buffer size is 3)"},
		{`struct.iter_unpack('!H', 'abc')`, "struct.error: iterative unpacking requires a buffer of a multiple of 2 bytes"},
		{`struct.iter_unpack('', 'abc')`, "struct.error: cannot iteratively unpack with a struct of length 0"},
		{`struct.Struct('!I'):pack(1, 2)`, "struct.error: pack expected 1 items for packing (got 2)"},
		{`struct.Struct('!I'):unpack('ab')`, "struct.error: unpack requires a buffer of 4 bytes"},
		{`struct.Struct('3')`, "struct.error: repeat count given without format specifier"},
	}
	for _, c := range cases {
		if got := interptest.Error(t, c.lua, pystruct.Module); got != "test:1: "+c.want {
			t.Errorf("%s: got %q, want %q", c.lua, got, "test:1: "+c.want)
		}
	}
}

// The SNTP client of tutorial 004: Python's struct.unpack('!12I', data)[10]
// is the transmit timestamp; Lua indexes the same tuple from 1.
func TestSNTPTutorial(t *testing.T) {
	out := interptest.Run(t, `
local TIME1970 = 2208988800
local data = struct.pack('!12I', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3913056000, 0)
local unpacked = struct.unpack('!12I', data)
print(#unpacked, unpacked[11] - TIME1970)
print(select('#', unpack(unpacked)))
print(struct.unpack('!I', '\0\0\0\1') == struct.unpack('!I', '\0\0\0\1'))
`, pystruct.Module)
	if want := "12\t1704067200\n12\ntrue\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// Lua numbers hold integers exactly only up to 2^53-1: beyond it an 8-byte
// code raises OverflowError instead of packing or returning a rounded value.
func TestBeyond53BitsRaises(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`struct.pack('<Q', 2^53)`, "OverflowError: 9007199254740992 is beyond 2^53-1, so the Lua number may already be rounded: pack 64-bit values as two 'I' halves"},
		{`struct.pack('<q', -2^53)`, "OverflowError: -9007199254740992 is beyond 2^53-1, so the Lua number may already be rounded: pack 64-bit values as two 'I' halves"},
		{`struct.pack('@P', 2^63)`, "OverflowError: 9223372036854775808 is beyond 2^53-1, so the Lua number may already be rounded: pack 64-bit values as two 'I' halves"},
		{`struct.unpack('<Q', string.rep('\255', 8))`, "OverflowError: unpacked 'Q' value 18446744073709551615 is beyond 2^53-1, which a Lua number cannot hold exactly: unpack it as two 'I' halves"},
		{`struct.unpack('>q', '\128' .. string.rep('\0', 7))`, "OverflowError: unpacked 'q' value -9223372036854775808 is beyond 2^53-1, which a Lua number cannot hold exactly: unpack it as two 'I' halves"},
		{`struct.unpack('<Q', '\0\0\0\0\0\0\32\0')`, "OverflowError: unpacked 'Q' value 9007199254740992 is beyond 2^53-1, which a Lua number cannot hold exactly: unpack it as two 'I' halves"},
	}
	for _, c := range cases {
		if got := interptest.Error(t, c.lua, pystruct.Module); got != "test:1: "+c.want {
			t.Errorf("%s: got %q, want %q", c.lua, got, "test:1: "+c.want)
		}
	}
}

func TestArgumentErrors(t *testing.T) {
	cases := []struct{ lua, want string }{
		{`struct.pack(1)`, "TypeError: pack() argument 'fmt' must be a string, not int"},
		{`struct.pack()`, "TypeError: pack() missing required argument 'fmt' (pos 1)"},
		{`struct.unpack('!I', 5)`, "TypeError: unpack() argument 'buffer' must be a string or bytearray, not int"},
		{`struct.unpack('!I')`, "TypeError: unpack() missing required argument 'buffer' (pos 2)"},
		{`struct.unpack_from('!I', 'abcd', 1.5)`, "TypeError: unpack_from(): 'float' object cannot be interpreted as an integer"},
		{`struct.pack_into('!I', 'abcd', 0, 1)`, "TypeError: pack_into() argument 'buffer' must be a read-write buffer (bytearray), not str"},
		{`struct.calcsize('!I', 2)`, "TypeError: calcsize() takes at most 1 argument (2 given)"},
		{`struct.Struct('!I').pack(1)`, "TypeError: descriptor 'pack' for 'struct.Struct' objects doesn't apply to a 'int' object (call it as obj:pack(...), with a colon)"},
		{`struct.pack('1000000000000x')`, "MemoryError"},
		{`struct.pack('4611686018427387904x')`, "MemoryError"},
	}
	for _, c := range cases {
		if got := interptest.Error(t, c.lua, pystruct.Module); got != "test:1: "+c.want {
			t.Errorf("%s: got %q, want %q", c.lua, got, "test:1: "+c.want)
		}
	}
}

func TestStructObjectAndIterators(t *testing.T) {
	out := interptest.Run(t, hex+`
local s = struct.Struct('<hb')
print(s.size, s.format, hex(s:pack(1, 2)), s:unpack('\1\0\2'))
print(s:unpack_from('xx\3\0\4', 2), struct.unpack_from('!I', 'abcdef', 2), struct.unpack_from('!I', 'abcdef', -6), struct.unpack_from('<H', 'abcdef', -2))
for t in struct.iter_unpack('<hb', '\1\0\2\3\0\4') do print(t) end
for t in s:iter_unpack('') do print('never', t) end
print(tostring(s):match('^<_struct%.Struct object at 0x%x+>$') ~= nil)
print(struct.calcsize('@lLnNP'), struct.calcsize('=ci'), struct.calcsize('@ci'), struct.calcsize(' 2I '))
local ok, e = pcall(struct.pack, 'h', 40000)
print(isinstance(e, struct.error), isinstance(e, Exception), tostring(struct.error))
`, pystruct.Module)
	want := `3	<hb	010002	(1, 2)
(3, 4)	(1667523942,)	(1633837924,)	(26213,)
(1, 2)
(3, 4)
true
40	5	8	8
true	true	<class 'struct.error'>
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// bytearray is a stand-in for the socket module's bytearray: any userdata
// holding an interp.Buffer is a writable buffer for pack_into.
type bytearray struct{ b []byte }

func (b *bytearray) Bytes() []byte { return b.b }

var bufModule = &interp.Module{Name: "buf", Funcs: []interp.Func{{Name: "new", Fn: func(L *lua.LState) int {
	u := L.NewUserData()
	u.Value = &bytearray{make([]byte, L.CheckInt(1))}
	L.Push(u)
	return 1
}}}}

func TestPackInto(t *testing.T) {
	out := interptest.Run(t, hex+`
local function show(b, n) return hex(struct.unpack(n .. 's', b)[1]) end
local b = buf.new(8)
struct.pack_into('>hh', b, 2, 1, -1) print(show(b, 8))
b = buf.new(8)
struct.pack_into('>h', b, -2, 258) print(show(b, 8))
b = buf.new(4)
print(pcall(struct.pack_into, '<hh', b, 0, 1, 'x'))
print(show(b, 4))
struct.Struct('<I'):pack_into(b, 0, 0xdeadbeef)
print(struct.unpack_from('<I', b)[1] == 0xdeadbeef, show(b, 4))
`, pystruct.Module, bufModule)
	want := `00000001ffff0000
0000000000000102
false	required argument is not an integer
01000000
true	efbeadde
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	for _, c := range []struct{ lua, want string }{
		{`struct.pack_into('!I', buf.new(3), 0, 1)`, "struct.error: pack_into requires a buffer of at least 4 bytes for packing 4 bytes at offset 0 (actual buffer size is 3)"},
		{`struct.pack_into('!I', buf.new(8), -3, 1)`, "struct.error: no space to pack 4 bytes at offset -3"},
		{`struct.pack_into('!I', buf.new(8), -10, 1)`, "struct.error: offset -10 out of range for 8-byte buffer"},
		{`struct.pack_into('!I', buf.new(8), 6, 'x')`, "struct.error: pack_into requires a buffer of at least 10 bytes for packing 4 bytes at offset 6 (actual buffer size is 8)"},
		{`struct.pack_into('!I', buf.new(8), 2)`, "struct.error: pack_into expected 1 items for packing (got 0)"},
	} {
		if got := interptest.Error(t, c.lua, pystruct.Module, bufModule); got != "test:1: "+c.want {
			t.Errorf("%s: got %q, want %q", c.lua, got, "test:1: "+c.want)
		}
	}
}
