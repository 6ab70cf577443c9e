package interp_test

import (
	"testing"

	"netlua/interp/interptest"
)

// The small initial registry must grow: unpacking a few thousand values (a
// struct.unpack('!300B', ...) tuple, a long argument list) is ordinary Lua.
func TestRegistryGrows(t *testing.T) {
	out := interptest.Run(t, `
local t = {}
for i = 1, 5000 do t[i] = i end
print(select('#', unpack(t)), math.max(unpack(t)))
local co = coroutine.wrap(function() return select('#', unpack(t)) end)
print(co())`)
	if want := "5000\t5000\n5000\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
