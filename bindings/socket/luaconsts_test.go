package socket

import (
	"fmt"
	"testing"

	"netlua/interp/interptest"
)

// luaConstants returns every number in the Lua socket module whose name is
// in upper case.
func luaConstants(t *testing.T) map[string]int {
	t.Helper()
	out := interptest.Run(t, `
		for k, v in pairs(socket) do
			if type(v) == "number" and k:upper() == k then print(k, string.format("%d", v)) end
		end`, Module)
	got := map[string]int{}
	for _, line := range interptest.Lines(out) {
		var name string
		var v int
		if _, err := fmt.Sscanf(line, "%s\t%d", &name, &v); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		got[name] = v
	}
	return got
}
