package bit_test

import (
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/bit"
)

// Expected values are CPython 3.11's for the Python column of each function's
// documentation (x & y, (x << n) & 0xffffffff, ctypes.c_int32(x).value...).
func TestMatchesPython(t *testing.T) {
	cases := []struct{ lua, want string }{
		{"bit.band(0x12345678, 0xff00ff00)", "302011904"},
		{"bit.bor(0x12345678, 0xf)", "305419903"},
		{"bit.bxor(0x12345678, 0xffffffff)", "3989547399"},
		{"bit.band(7, 3, 1)", "1"},
		{"bit.bor(1, 2, 4, 8)", "15"},
		{"bit.band(5)", "5"},
		{"bit.bnot(0)", "4294967295"},
		{"bit.bnot(0x12345678)", "3989547399"},
		{"bit.lshift(1, 31)", "2147483648"},
		{"bit.lshift(1, 32)", "0"},
		{"bit.lshift(0xdeadbeef, 4)", "3940282096"},
		{"bit.rshift(0xdeadbeef, 4)", "233495534"},
		{"bit.arshift(0xdeadbeef, 4)", "4260027374"},
		{"bit.arshift(0x80000000, 31)", "4294967295"},
		{"bit.arshift(0x80000000, 40)", "4294967295"},
		{"bit.rshift(0x80000000, 40)", "0"},
		{"bit.band(-1, 0xff)", "255"},
		{"bit.band(-2, 0xffffffff)", "4294967294"},
		{"bit.band(2^40 + 5, 0xffffffff)", "5"},
		{"bit.tobit(0xffffffff)", "-1"},
		{"bit.tobit(0x7fffffff)", "2147483647"},
		{"bit.tohex(0xdeadbeef)", "deadbeef"},
		{"bit.tohex(255)", "000000ff"},
		{"bit.tohex(-1, -4)", "FFFF"},
		// The SNTP reply's first byte holds leap indicator, version, mode.
		{"bit.band(bit.rshift(0x1c, 3), 7)", "3"},
	}
	for _, c := range cases {
		if got := interptest.Run(t, "print("+c.lua+")", bit.Module); got != c.want+"\n" {
			t.Errorf("%s = %q, want %s", c.lua, got, c.want)
		}
	}
}

func TestErrors(t *testing.T) {
	cases := []struct{ lua, want string }{
		{"bit.band()", "TypeError: band() missing required argument 'x1' (pos 1)"},
		{"bit.band(1, 'x')", "TypeError: band() argument 2 must be int, not str"},
		{"bit.bor(1.5)", "TypeError: bor(): 'float' object cannot be interpreted as an integer"},
		{"bit.bnot(nil)", "TypeError: bnot() argument 'x' must be int, not NoneType"},
		{"bit.lshift(1, -1)", "ValueError: lshift(): negative shift count"},
		{"bit.rshift(1)", "TypeError: rshift() missing required argument 'n' (pos 2)"},
		{"bit.tobit(0/0)", "TypeError: tobit(): 'float' object cannot be interpreted as an integer"},
		{"bit.tohex(1, 9)", "ValueError: tohex() digit count must be between 1 and 8 (or -1 and -8), not 9"},
	}
	for _, c := range cases {
		if got := interptest.Error(t, c.lua, bit.Module); got != "test:1: "+c.want {
			t.Errorf("%s: got %q, want %q", c.lua, got, "test:1: "+c.want)
		}
	}
}
