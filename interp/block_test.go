package interp_test

import (
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// A Ctrl-C that comes while a blocking call is in progress: Block raises it
// when the call returns; BlockDone, when the call did its work, returns the
// result and raises at the next checkpoint, so the result is not lost.
func TestBlockDoneKeepsTheResult(t *testing.T) {
	for _, tc := range []struct {
		name, want string
	}{
		{"block", "false\ttrue\tnil\n"},
		{"done", "false\ttrue\tdata\n"},
		{"notdone", "false\ttrue\tnil\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rt := interptest.New(t)
			rt.L.SetGlobal("call", rt.L.NewFunction(func(L *lua.LState) int {
				// The interrupt arrives during the call, as a SIGINT would.
				switch tc.name {
				case "block":
					interp.Block(L, nil, func() { rt.Interrupt() })
				case "done":
					interp.BlockDone(L, nil, func() bool { rt.Interrupt(); return true })
				case "notdone":
					interp.BlockDone(L, nil, func() bool { rt.Interrupt(); return false })
				}
				L.Push(lua.LString("data"))
				return 1
			}))
			err := rt.RunString(`
				local got
				local ok, e = pcall(function()
					got = call()
					for i = 1, 5000 do end -- the checkpoint runs in here
					got = "the loop finished"
				end)
				print(ok, isinstance(e, KeyboardInterrupt), got)`, "t")
			if err != nil {
				t.Fatal(err)
			}
			if out := rt.Stdout.String(); out != tc.want {
				t.Errorf("got %q, want %q", out, tc.want)
			}
		})
	}
}
