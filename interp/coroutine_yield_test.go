package interp_test

import (
	"testing"

	"netlua/interp/interptest"
)

// Yielding from inside a pcall is refused with Lua 5.1's message, which the
// pcall catches; gopher-lua yielded there, and the next resume crashed Go
// on a nil pointer. A dead coroutine's resume says what Lua 5.1 says.
func TestYieldAcrossPcall(t *testing.T) {
	out := interptest.Run(t, `
local co = coroutine.create(function() return pcall(coroutine.yield) end)
print(coroutine.resume(co))
print(coroutine.resume(co, 1))
local co2 = coroutine.create(function(a) return xpcall(function() coroutine.yield(a) end, function(e) return "handled: " .. e end) end)
print(coroutine.resume(co2, 7))
local co3 = coroutine.create(function() pcall(print, "in pcall") local r = coroutine.yield("after") return r end)
print(coroutine.resume(co3))
print(coroutine.resume(co3, "back"))`)
	want := "true\tfalse\tattempt to yield across metamethod/C-call boundary\n" +
		"false\tcannot resume dead coroutine\n" +
		"true\tfalse\thandled: attempt to yield across metamethod/C-call boundary\n" +
		"in pcall\ntrue\tafter\ntrue\tback\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// A yield in tail position (return coroutine.yield(...)) works as in Lua
// 5.1, from a nested function (the values return to its caller), through
// tail calls, and from the coroutine's body (resume's values are the
// body's results and the coroutine is dead): the output is lua5.1's.
// gopher-lua dropped the body's frame, and the next resume crashed Go.
func TestYieldInTailPosition(t *testing.T) {
	out := interptest.Run(t, `
local function inner(x) return coroutine.yield(x) end
local function outer(x) local a, b = inner(x) return "outer got", a, b end
local co = coroutine.create(outer)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, "r1", "r2"))
print(coroutine.status(co))
local function lvl3(x) return coroutine.yield(x * 2) end
local function lvl2(x) return lvl3(x + 1) end
local function lvl1(x) local r = {lvl2(x)} return #r, r[1], r[2] end
local co2 = coroutine.wrap(function(x) for i = 1, 3 do x = select(2, lvl1(x)) end return "done", x end)
print(co2(1)) print(co2(10, 11)) print(co2(20)) print(co2(30))
local co3 = coroutine.create(function(x) return coroutine.yield(x + 1) end)
print(coroutine.resume(co3, 1))
print(coroutine.status(co3))
print(coroutine.resume(co3, "a", "b"))
print(coroutine.status(co3))
print(coroutine.resume(co3))
local co4 = coroutine.wrap(function(...) return coroutine.yield(...) end)
print(co4(1, 2, 3)) print(co4("x"))
local co5 = coroutine.wrap(function(x) return lvl2(x) end)
print(co5(1)) print(co5("tail", "chain"))`)
	want := "true\t1\ntrue\touter got\tr1\tr2\ndead\n4\n22\n42\ndone\t30\n" +
		"true\t2\nsuspended\ntrue\ta\tb\ndead\nfalse\tcannot resume dead coroutine\n" +
		"1\t2\t3\nx\n4\ntail\tchain\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// A runtime error that ends a coroutine names its culprit as Lua 5.1 does,
// as one in a pcall or at top level does.
func TestCulpritInsideCoroutine(t *testing.T) {
	out := interptest.Run(t, `
local co = coroutine.create(function() local t = {} t:close() end)
print(coroutine.resume(co))
local f = coroutine.wrap(function() local x = nil; return x.y end)
print(pcall(f))
local g = coroutine.wrap(function() coroutine.yield(1) local n = nil; return n + 1 end)
print(g(), pcall(g))`)
	want := "false\ttest:2: attempt to call method 'close' (a nil value)\n" +
		"false\ttest:4: attempt to index local 'x' (a nil value)\n" +
		"1\tfalse\ttest:6: attempt to perform arithmetic on local 'n' (a nil value)\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
