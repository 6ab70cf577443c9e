package interp_test

import (
	"testing"

	"netlua/interp/interptest"
)

// gopher-lua 1.1.2 gets these wrong (yuin/gopher-lua#440): the expected
// values are Lua 5.1's. Each case also runs through loadstring, which
// compiles at run time.
func TestMultipleAssignmentEvaluatesFirst(t *testing.T) {
	cases := []struct{ src, want string }{
		{"local x, y = 1, 2; x, y = y, x; return x, y", "2\t1"},
		{"local a, b = 0, 0; a, b = a + 1, a + b; return a, b", "1\t0"},
		{"local t = {1, 2}; t[1], t[2] = t[2], t[1]; return t[1], t[2]", "2\t1"},
		{"local i, a = 1, {}; a[i], i = 20, 2; return a[1], a[2], i", "20\tnil\t2"},
		{"local p, q, r = 0, 0, 0; local function f() return 7, 8, 9 end; p, q, r = f(); return p, q, r", "7\t8\t9"},
		{"local p, q = 1, 1; p, q = 5; return p, q", "5\tnil"},
		{"local p; local n = 0; local function f() n = n + 1 return n end; p = 0; p, p = f(), f(); return n", "2"},
		{"local function g(name, fields) name, fields = nil, name return name, fields end; return g('a', 'b')", "nil\ta"},
		{"local x, y = 1, 2; local function h() x, y = y, x end; h(); return x, y", "2\t1"},
	}
	for _, c := range cases {
		direct := interptest.Run(t, "print((function() "+c.src+" end)())")
		loaded := interptest.Run(t, "print(loadstring("+quote(c.src)+")())")
		if direct != c.want+"\n" || loaded != c.want+"\n" {
			t.Errorf("%s: got %q and %q (loadstring), want %q", c.src, direct, loaded, c.want)
		}
	}
}

func quote(s string) string { return "[==[" + s + "]==]" }
