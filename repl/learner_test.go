package repl_test

import (
	"strings"
	"testing"
)

// expectWrapped checks the output of line, which may wrap at the terminal's
// edge: the screen's lines are joined and compared without spaces (a wrap
// at a space loses it).
func (s *session) expectWrapped(line, want string) {
	s.t.Helper()
	got := strings.Join(s.enter(line), "")
	strip := func(s string) string { return strings.ReplaceAll(s, " ", "") }
	if strip(got) != strip(want) {
		s.t.Fatalf("%s\n got: %q\nwant: %q\nscreen:\n%s", line, got, want, s.dump())
	}
}

// A Python habit at the prompt gets Python's NameError or a pointer to the
// Lua form, never silence.
func TestPythonHabitsAtThePrompt(t *testing.T) {
	s := start(t)
	s.expectWrapped("import socket", "stdin:1: parse error near 'socket'; socket is already imported at the prompt: use it (socket.name)")
	s.expectWrapped("import foo", `stdin:1: parse error near 'foo'; Lua has no import: local foo = require("foo")`)
	s.expectWrapped("while True do break end", "stdin:1: NameError: name 'True' is not defined; Lua spells it true")
	s.expectWrapped("x = None", "stdin:1: NameError: name 'None' is not defined; Lua spells it nil")
	s.expectWrapped("if 1 != 2 then end", "stdin:1: Invalid token near '!'; Lua spells != as ~=")
	s.expectWrapped(`data = b"hello"`, `stdin:1: attempt to call global 'b' (a nil value); Python's b"..." is a plain "..." in Lua, whose strings are bytes`)
	s.expectWrapped("s = socket.socket()", "")
	s.expectWrapped("s:recvv(10)", "stdin:1: socket.socket has no method 'recvv'; did you mean 'recv'?")
	s.expectWrapped(`print("error: %s" % OSError(111, "Connection refused"))`, `stdin:1: attempt to perform arithmetic on a string value; Python's "fmt" % args is ("fmt"):format(args) in Lua`)
	s.expectWrapped(`print(("error: %s"):format(OSError(111, "Connection refused")))`, "error: [Errno 111] Connection refused")
	s.expectWrapped(`print("sock: " .. s)`, "stdin:1: attempt to concatenate a socket.socket value (global 's'); use tostring(s)")
	s.expect("s:close()")
	s.exit()
}
