package interp_test

import (
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// TestNoneSentinel: `none` keeps a Python None inside a table, prints as
// None alone and inside containers, and is one value per runtime that
// IsNone recognises.
func TestNoneSentinel(t *testing.T) {
	out := interptest.Run(t, `
local t = {none, 1, none}
print(none, repr(none), #t, repr(t), repr({k = none}), type(none), none == none)
print((pcall(function() none.x = 1 end)), getmetatable(none))
print(tostring(ValueError(none)))
`)
	want := "None\tNone\t3\t[None, 1, None]\t{'k': None}\tuserdata\ttrue\nfalse\tNoneType\nNone\n"
	if out != want {
		t.Errorf("got %q\nwant %q", out, want)
	}
	rt := interptest.New(t)
	v := rt.L.GetGlobal("none")
	if !interp.IsNone(v) || v != interp.None(rt.L) || interp.IsNone(lua.LNil) || interp.IsNone(rt.L.NewUserData()) {
		t.Errorf("IsNone/None disagree with the global none")
	}
	if got := interp.TypeName(v); got != "NoneType" {
		t.Errorf("TypeName(none) = %q", got)
	}
}
