package interp_test

import (
	"testing"

	"netlua/interp/interptest"
)

// coroutine.wrap as Lua 5.1 has it: values pass both ways; an error inside
// is raised in the caller, a message with the caller's position in front
// (none when the caller is pcall itself); a dead coroutine cannot be resumed.
func TestCoroutineWrap(t *testing.T) {
	out := interptest.Run(t, `
local gen = coroutine.wrap(function(a, b)
  local c = coroutine.yield(a + b, "x")
  local d, e = coroutine.yield(c * 2)
  return d .. e
end)
print(gen(1, 2))
print(gen(10))
print(gen("p", "q"))
print(pcall(gen))
print(pcall(function() return gen() end))
local bad = coroutine.wrap(function() error({code = 7}) end)
local ok, err = pcall(bad)
print(ok, type(err), err.code)
print(pcall(coroutine.wrap(function() error("boom") end)))
print(pcall(coroutine.wrap(function() error("plain", 0) end)))
local inner = coroutine.wrap(function() error("deep") end)
print(pcall(function() return inner() end))
print(pcall(function() return coroutine.wrap(42) end))
local n = 0
for v in coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end) do n = n + v end
print(n)`)
	want := "3\tx\n20\npq\n" +
		"false\tcannot resume dead coroutine\n" +
		"false\ttest:11: cannot resume dead coroutine\n" +
		"false\ttable\t7\n" +
		"false\ttest:15: boom\n" +
		"false\tplain\n" +
		"false\ttest:18: test:17: deep\n" +
		"false\ttest:19: bad argument #1 to wrap (function expected, got number)\n" +
		"6\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// wrap keeps working when a program replaces the coroutine table's
// functions or the table itself, as Lua 5.1's does.
func TestCoroutineWrapSurvivesReassignment(t *testing.T) {
	out := interptest.Run(t, `
local wrap, yield = coroutine.wrap, coroutine.yield
coroutine.resume = nil
coroutine.create = function() error("not this one") end
coroutine = nil
local gen = wrap(function() for i = 1, 2 do yield(i) end return "done" end)
print(gen(), gen(), gen())`)
	if out != "1\t2\tdone\n" {
		t.Errorf("got %q", out)
	}
}
