package interp_test

import (
	"strings"
	"testing"

	"netlua/interp"
	"netlua/interp/interptest"
)

// Each Python form, as a learner types it, fails to compile with a pointer
// to the Lua form; Lua that merely looks alike gets no hint.
func TestPythonSyntaxHints(t *testing.T) {
	cases := map[string]string{
		"import socket":                     `; Lua has no import: local socket = require("socket")`,
		"from socket import *":              `; Lua has no import: local socket = require("socket"), then socket.name`,
		"def handler(conn):\n    pass":      "; Lua spells def as function name(args) ... end",
		"if x then\nelif y then\nend":       "; Lua spells elif as elseif",
		"if x != 1 then end":                "; Lua spells != as ~=",
		"# a comment\nprint(1)":             "; Lua comments start with --",
		"x = 1\nx += 1":                     "; Lua has no augmented assignment: x = x + 1",
		"if x == 1:\n    print(x)\n":        "; Lua blocks have no colon: if cond then ... end, while cond do ... end, for i = 1, n do ... end",
		"while True:\n    pass":             "; Lua blocks have no colon: if cond then ... end, while cond do ... end, for i = 1, n do ... end",
		"try:\n    s.connect(a)\nexcept:\n": "; Lua has no try: local ok, err = pcall(function() ... end)",
		"n = 7 // 2":                        "; Lua has no // operator: math.floor(a / b)",
	}
	for src, hint := range cases {
		rt := interptest.New(t)
		_, err := rt.Load(strings.NewReader(src), "x.lua")
		if err == nil {
			t.Errorf("%q compiled", src)
			continue
		}
		if msg := err.Error(); !strings.HasSuffix(msg, hint) || !strings.HasPrefix(msg, "x.lua:") {
			t.Errorf("%q:\n got %s\nwant x.lua:N: ...%s", src, msg, hint)
		}
	}
	for _, src := range []string{"x = = 1", "print('a != b' ..)", "#!/usr/bin/env netlua\nx = = 1"} {
		if hint := interp.SyntaxHint(src, 1); hint != "" {
			t.Errorf("%q: unexpected hint %q", src, hint)
		}
	}
}

// Python's string prefixes are calls of a global in Lua: named, with the
// Lua form.
func TestPythonStringPrefixHints(t *testing.T) {
	cases := map[string]string{
		`s = b"hello"`:            `test:1: attempt to call global 'b' (a nil value); Python's b"..." is a plain "..." in Lua, whose strings are bytes`,
		`x = 1 print(f"x={x}")`:   `test:1: attempt to call global 'f' (a nil value); Lua has no f-strings: string.format("...%s...", x)`,
		`print("n: %d" % 3)`:      `test:1: attempt to perform arithmetic on a string value; Python's "fmt" % args is ("fmt"):format(args) in Lua`,
		`local b = nil b("x", 1)`: `test:1: attempt to call local 'b' (a nil value)`,
	}
	for src, want := range cases {
		if got := interptest.Error(t, src); got != want {
			t.Errorf("%s:\n got %s\nwant %s", src, got, want)
		}
	}
}
