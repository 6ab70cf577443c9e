package interp_test

import (
	"testing"

	"netlua/interp/interptest"
)

// collectgarbage answers as Lua 5.1's does; "count" follows what the
// program allocates and frees.
func TestCollectGarbage(t *testing.T) {
	// The collection first leaves only live data in "before": start-up
	// garbage freed during the loop would otherwise hide what it added.
	out := interptest.Run(t, `
collectgarbage()
local before = collectgarbage("count")
local keep = {}
for i = 1, 20000 do keep[i] = {i} end
local grown = collectgarbage("count")
keep = nil
print(collectgarbage(), collectgarbage("collect"), collectgarbage("step"))
local after = collectgarbage("count")
print(type(before), grown - before > 500, grown - after > 500)
local old = collectgarbage("setpause", 250)
print(collectgarbage("setpause", old), collectgarbage("setstepmul", 300), collectgarbage("setstepmul", 200))
print(collectgarbage("stop"), collectgarbage("restart"))
print(pcall(function() return collectgarbage("bogus") end))`)
	want := "0\t0\ttrue\n" +
		"number\ttrue\ttrue\n" +
		"250\t200\t300\n" +
		"0\t0\n" +
		"false\ttest:14: bad argument #1 to collectgarbage (invalid option 'bogus')\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
