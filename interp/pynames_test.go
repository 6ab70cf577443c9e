package interp_test

import (
	"strings"
	"testing"

	"netlua/interp/interptest"
)

// A Python spelling read as a global raises NameError with the Lua spelling;
// any other undefined global is nil, as in Lua; a program may define one.
func TestPythonNamesRaiseNameError(t *testing.T) {
	cases := map[string]string{
		"while True do break end":  "NameError: name 'True' is not defined; Lua spells it true",
		"local x = False":          "NameError: name 'False' is not defined; Lua spells it false",
		"if x == None then end":    "NameError: name 'None' is not defined; Lua spells it nil",
		`print(len("abc"))`:        "NameError: name 'len' is not defined; Lua spells it #x",
		"for i in range(3) do end": "NameError: name 'range' is not defined; Lua spells it for i = a, b - 1 do ... end",
		"print(str(1))":            "NameError: name 'str' is not defined; Lua spells it tostring(x)",
		"return self.x":            "NameError: name 'self' is not defined; Lua has self only in a function declared with a colon",
		"local s = bytes(3)":       "NameError: name 'bytes' is not defined; Lua strings are bytes",
	}
	for src, want := range cases {
		got := interptest.Error(t, src)
		if !strings.Contains(got, want) || !strings.HasPrefix(got, "test:1: ") {
			t.Errorf("%s:\n got %q\nwant test:1: ...%q", src, got, want)
		}
	}
	out := interptest.Run(t, `
		print(undefined_thing, rawget(_G, "True"))
		True = true
		print(True)
		local ok, e = pcall(function() return None end)
		print(ok, isinstance(e, NameError), isinstance(e, Exception))
		function len(s) return #s end
		print(len("abcd"))
	`)
	if want := "nil\tnil\ntrue\nfalse\ttrue\ttrue\n4\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
