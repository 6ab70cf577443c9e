package interp_test

import (
	"testing"

	"netlua/interp/interptest"
)

// A constructor whose last field is keyed, with a call or ... for its
// value, holds what Lua 5.1 puts in it: the list items before it, and the
// key. gopher-lua stored the key and the value as list items too.
func TestTableConstructorKeyedLast(t *testing.T) {
	out := interptest.Run(t, `
local function f(...) return ... end
local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(t[k] or t[tonumber(k)]) end
  return #t .. ": " .. table.concat(parts, " ")
end
print(show({f("a"), k = f("b")}))
print(show({f("a"), f("b"), k = f("c", "d")}))
print(show({1, 2, [f("k")] = f("v")}))
print(show((function(...) return {..., k = ...} end)("x", "y")))
print(show({f("a", "b")}))
print(show({k = 1, f("a", "b")}))`)
	want := "1: 1=a k=b\n" +
		"2: 1=a 2=b k=c\n" +
		"2: 1=1 2=2 k=v\n" +
		"1: 1=x k=x\n" +
		"2: 1=a 2=b\n" +
		"2: 1=a 2=b k=1\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
