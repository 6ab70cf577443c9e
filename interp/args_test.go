package interp_test

import (
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// TestUnpackArgsRest checks the "*name" parameter that takes the remaining
// arguments, nils included, after the fixed ones are checked as usual.
func TestUnpackArgsRest(t *testing.T) {
	mod := &interp.Module{Name: "va", Funcs: []interp.Func{{Name: "f", Fn: func(L *lua.LState) int {
		var fmt string
		var rest []lua.LValue
		interp.UnpackArgs(L, 1, "fmt", &fmt, "*values", &rest)
		L.Push(lua.LString(fmt))
		L.Push(lua.LNumber(len(rest)))
		for _, v := range rest {
			L.Push(v)
		}
		return 2 + len(rest)
	}}}}
	out := interptest.Run(t, `print(va.f("x")) print(va.f("y", 1, nil, "z")) print(va.f("w", nil))`, mod)
	if want := "x\t0\ny\t3\t1\tnil\tz\nw\t1\tnil\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	if got, want := interptest.Error(t, "va.f()", mod), "test:1: TypeError: f() missing required argument 'fmt' (pos 1)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := interptest.Error(t, "va.f(1, 2)", mod), "test:1: TypeError: f() argument 'fmt' must be a string, not int"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
