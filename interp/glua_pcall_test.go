package interp_test

import (
	"testing"

	"netlua/interp/interptest"
)

// gopher-lua 1.1.2 closes every open upvalue when a protected call fails
// (yuin/gopher-lua#448); netlua's pcall and xpcall close only the failed
// call's, as Lua 5.1 does. Each line would print the old value with
// gopher-lua's own pcall.
func TestPCallKeepsCallerUpvaluesOpen(t *testing.T) {
	out := interptest.Run(t, `
		local c = 1
		local function f() return c end
		pcall(error, "x")
		c = 2
		print(f())

		local sock = "old"
		local function get() return sock end
		pcall(function() error(ValueError("bad")) end)
		xpcall(function() local t = nil; return t.x end, function(e) return e end)
		sock = "new"
		print(get())

		local n = 1
		local function gn() return n end
		pcall(function() pcall(error, "inner"); error("outer") end)
		n = 5
		print(gn())

		local keep
		pcall(function() local v = 42; keep = function() return v end; error("x") end)
		local a, b, c2 = "a", "b", "c"
		print(keep())`)
	if want := "2\nnew\n5\n42\n"; out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}

func TestPCallResults(t *testing.T) {
	out := interptest.Run(t, `
		print(pcall(function(a, b) return a + b, "ok" end, 1, 2))
		print(select("#", pcall(function() end)))
		local ok, e = pcall(error, {code = 7})
		print(ok, e.code)
		print(xpcall(function() error("boom", 0) end, function(m) return "handled: " .. m end))
		print(pcall(pcall, error, "x", 0))
		print(pcall(pcall))`)
	want := "true\t3\tok\n1\nfalse\t7\nfalse\thandled: boom\ntrue\tfalse\tx\n" +
		"false\tpcall() missing required argument 'f' (pos 1)\n"
	if out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}
