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

// A yield in tail position is refused with a message saying how to write
// it: gopher-lua dropped the caller's frame, and the next resume crashed Go.
func TestYieldInTailPosition(t *testing.T) {
	out := interptest.Run(t, `
local co = coroutine.create(function(x) return coroutine.yield(x) end)
local ok, e = coroutine.resume(co, 1)
print(ok, e)
print(coroutine.resume(co))`)
	want := "false\ttest:2: coroutine.yield cannot be the call in a return statement here (gopher-lua cannot resume it): write local r = coroutine.yield(...) and return r\n" +
		"false\tcannot resume dead coroutine\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
