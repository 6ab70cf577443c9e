package repl_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/creack/pty"
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
	s.expectWrapped("x = None", "stdin:1: NameError: name 'None' is not defined; Lua spells it nil (and none inside a table, where nil would end it)")
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

// Two empty lines in a row end an unfinished chunk with its error, as they
// end a block at Python's prompt; one empty line, or empty lines inside a
// long string, do not.
func TestTwoEmptyLinesEndAChunk(t *testing.T) {
	s := start(t)
	continued := func(lines []string, row, col int) bool { return lines[row] == "..." }
	s.send("while x:\r")
	s.waitFor("the continuation prompt", continued)
	s.send("\r")
	s.waitFor("a second continuation prompt", func(lines []string, row, col int) bool {
		return lines[row] == "..." && lines[row-1] == "..."
	})
	s.send("\r")
	s.waitFor("the error and a new prompt", func(lines []string, row, col int) bool {
		if lines[row] != ">>>" || col != 4 {
			return false
		}
		for r := row - 1; r >= 0 && r >= row-3; r-- {
			if strings.HasPrefix(lines[r], "stdin:1: syntax error near '<eof>'; Lua blocks have no colon") {
				return true
			}
		}
		return false
	})
	s.send("t = [[\r")
	s.waitFor("the continuation prompt", continued)
	s.send("\r")
	s.send("\r")
	s.send("x]]\r")
	s.waitPrompt()
	s.expect("#t", "3")
	s.exit()
}

// A multi-line chunk holding comments and a long string is one history
// entry, which means the same chunk.
func TestHistoryEntryWithCommentsAndLongString(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hist")
	s := start(t, "NETLUA_HISTORY="+path)
	s.send("s = [[\r")
	s.send("a -- b\r")
	s.expect("]] -- the end")
	s.exit()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := `s = "a -- b\n"` + "\n"; string(data) != want {
		t.Errorf("history file holds %q, want %q", data, want)
	}
	s = start(t, "NETLUA_HISTORY="+path)
	s.send("\x1b[A\r")
	s.waitPrompt()
	s.expect("print(s)", "a -- b", "")
	s.exit()
}

// help() wraps its text to the terminal's width, asked at each call.
func TestHelpWrapsToTerminalWidth(t *testing.T) {
	s := start(t)
	longest := func(out []string) int {
		n := 0
		for _, l := range out {
			n = max(n, len(strings.TrimRight(l, " ")))
		}
		return n
	}
	wide := s.enter("help(socket.create_connection)")
	if n := longest(wide); n > cols-4 || n < cols-20 {
		t.Errorf("at %d columns help's longest line is %d:\n%s", cols, n, strings.Join(wide, "\n"))
	}
	if err := pty.Setsize(s.pty, &pty.Winsize{Rows: rows, Cols: 50}); err != nil {
		t.Fatal(err)
	}
	narrow := s.enter(`help("socket.create_connection")`)
	if n := longest(narrow); n > 46 || n < 30 {
		t.Errorf("at 50 columns help's longest line is %d:\n%s", n, strings.Join(narrow, "\n"))
	}
	s.exit()
}

// Ctrl-C with the completion menu open clears the line, as Ctrl-C does
// everywhere else at the prompt: the menu closes and the prompt is empty.
func TestCtrlCWithCompletionMenuOpen(t *testing.T) {
	s := start(t)
	listed := func(lines []string, row, col int) bool {
		return lines[row] == ">>> socket.gethost" && row+1 < len(lines) && strings.Contains(lines[row+1], "gethostbyaddr")
	}
	s.send("socket.geth\t\t")
	s.waitFor("the candidates listed", listed)
	s.send("\x03")
	s.waitFor("an empty prompt and no menu", func(lines []string, row, col int) bool {
		return lines[row] == ">>>" && col == 4 && (row+1 >= len(lines) || !strings.Contains(lines[row+1], "gethostbyaddr"))
	})
	// A candidate being selected (Tab again moves into the menu).
	s.send("socket.geth\t\t\t")
	s.waitFor("the candidates listed", listed)
	s.send("\x03")
	s.waitFor("an empty prompt and no menu", func(lines []string, row, col int) bool {
		return lines[row] == ">>>" && col == 4 && (row+1 >= len(lines) || !strings.Contains(lines[row+1], "gethostbyaddr"))
	})
	// Without a menu Ctrl-C clears the line as before, and the prompt works.
	s.send("x = 1")
	s.send("\x03")
	s.waitPrompt()
	s.expect("1 + 1", "2")
	s.exit()
}
