package interp_test

import (
	"testing"

	"netlua/interp/interptest"
)

// math.randomseed makes math.random repeat, as in Lua 5.1 (gopher-lua's
// seeded Go's global generator, which Go 1.24 made a no-op); ranges and
// empty intervals are Lua 5.1's.
func TestMathRandomSeed(t *testing.T) {
	out := interptest.Run(t, `
local function draw()
  local t = {}
  for i = 1, 20 do t[i] = math.random(1000) end
  return table.concat(t, " ")
end
math.randomseed(42)
local a = draw()
math.randomseed(42)
print(a == draw())
math.randomseed(43)
print(a == draw())
local ok = true
for i = 1, 1000 do
  local f, n, m = math.random(), math.random(3), math.random(-2, 2)
  ok = ok and f >= 0 and f < 1 and n >= 1 and n <= 3 and n % 1 == 0 and m >= -2 and m <= 2
end
print(ok, math.random(7, 7))
print(pcall(math.random, 0))
print(pcall(math.random, 3, 1))`)
	want := "true\nfalse\ntrue\t7\n" +
		"false\ttest:19: bad argument #1 to (anonymous) (interval is empty)\n" +
		"false\ttest:20: bad argument #2 to (anonymous) (interval is empty)\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
