package interp_test

import (
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

type box struct{ n int }

var boxType = &interp.Type{Name: "names.Box", Methods: []interp.Func{{Name: "get", Fn: boxGet}}}

func boxGet(L *lua.LState) int {
	b := interp.Self[*box](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LNumber(b.n))
	return 1
}

// namesModule's functions never spell their names: messages must get them
// from the entries.
var namesModule = &interp.Module{Name: "names", Types: []*interp.Type{boxType}, Funcs: []interp.Func{
	{Name: "need", Fn: func(L *lua.LState) int {
		var n int
		interp.UnpackArgs(L, 1, "n", &n)
		if n < 0 {
			interp.Raise(L, interp.ValueError, "negative n")
		}
		return 0
	}},
	{Name: "box", Fn: func(L *lua.LState) int {
		ud := L.NewUserData()
		ud.Value = &box{n: 7}
		ud.Metatable = interp.Of(L).TypeMeta(boxType)
		L.Push(ud)
		return 1
	}},
}}

// TestFuncNameFromEntry checks that UnpackArgs, Raise and Self name the
// function by its declared entry however it is reached: under another
// local name (where Lua's call-site name would say "alias"), through pcall
// (no call site at all) and as a method taken with a dot.
func TestFuncNameFromEntry(t *testing.T) {
	for src, want := range map[string]string{
		`local alias = names.need alias("x")`:           "test:1: TypeError: need() argument 'n' must be int, not str",
		`local alias = names.need alias(-1)`:            "test:1: ValueError: need(): negative n",
		`local ok, e = pcall(names.need) error(e, 0)`:   "test:1: TypeError: need() missing required argument 'n' (pos 1)",
		`local b = names.box() b.get(5)`:                "test:1: TypeError: descriptor 'get' for 'names.Box' objects doesn't apply to a 'int' object (call it as obj:get(...), with a colon)",
		`local b = names.box() local m = b.get m(b, 1)`: "test:1: TypeError: get() takes at most 0 arguments (1 given)",
	} {
		if got := interptest.Error(t, src, namesModule); got != want {
			t.Errorf("%s:\n got %q\nwant %q", src, got, want)
		}
	}
	if got := interptest.Run(t, `print(names.box():get())`, namesModule); got != "7\n" {
		t.Errorf("b:get() = %q, want 7", got)
	}
}

// TestChecksFromLua checks the receiver and argument checks Lua modules get
// with their Source: the same wording as Self and UnpackArgs, the function
// named by its entry, also when a local helper of the module raises.
func TestChecksFromLua(t *testing.T) {
	mod := &interp.Module{Name: "lmod", Source: `
		local M, wrong_self, arg_error = ...
		local Thing = {}
		Thing.__index = Thing
		function Thing:poke() if getmetatable(self) ~= Thing then wrong_self(self, "lmod.Thing") end return 1 end
		M.Thing = Thing
		M.new = function() return setmetatable({}, Thing) end
		local function check_string(name, v)
			if type(v) ~= "string" then arg_error(name, "must be a string, not " .. type(v)) end
		end
		function M.greet(who, times)
			check_string("who", who)
			if type(times) ~= "number" then arg_error(2, "must be a number") end
		end
	`, Funcs: []interp.Func{{Name: "Thing.poke"}, {Name: "greet"}}}
	for src, want := range map[string]string{
		`lmod.new().poke(1)`:        "TypeError: descriptor 'poke' for 'lmod.Thing' objects doesn't apply to a 'int' object (call it as obj:poke(...), with a colon)",
		`local g = lmod.greet g(1)`: "TypeError: greet() argument 'who' must be a string, not number",
		`lmod.greet("x", "y")`:      "TypeError: greet() argument 2 must be a number",
	} {
		if got := interptest.Error(t, src, mod); !strings.HasSuffix(got, want) {
			t.Errorf("%s: got %q, want suffix %q", src, got, want)
		}
	}
}
