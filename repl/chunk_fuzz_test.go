package repl

import (
	"strings"
	"testing"

	"github.com/yuin/gopher-lua/parse"

	"netlua/interp"
)

// FuzzChunk feeds arbitrary text to compile, the function that decides
// whether the lines typed so far make a chunk (complete, incomplete: ask for
// another line, or a syntax error to report). Seeds are in
// testdata/fuzz/FuzzChunk. compile must not panic; its answer must be one of
// the three; a complete chunk must stay complete when the user presses
// Enter on an empty line after it; and a reported syntax error must point
// at a line of the input, so the message is never about a line not typed.
func FuzzChunk(f *testing.F) {
	for _, s := range []string{
		"1 + 2", "x = 1", "local s = socket.socket()", "function f()", "function f()\nend",
		"t = {", "t = {1,\n2}", "s = [[", "s = [==[\n]==]", "--[[ comment", "print('a", "1 +* 2",
		"for i = 1, 3 do print(i)", "if x then", "else", "end", "return", "help socket", "\"\\z\"",
		"a.b:c", "local function f(...) return ... end", "::l::", "goto l", "x = 0x", "\x00", "=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		proto, err := compile(src)
		switch e := err.(type) {
		case nil:
			if proto == nil {
				t.Fatalf("compile(%q): no function and no error", src)
			}
			if _, err := compile(src + "\n"); err != nil {
				t.Fatalf("compile(%q) is complete, but with an empty line after it: %v", src, err)
			}
		case *parse.Error:
			msg := interp.SyntaxMessage(e, strings.Count(src, "\n")+1)
			if e.Pos.Line != parse.EOF && (e.Pos.Line < 1 || e.Pos.Line > strings.Count(src, "\n")+1) {
				t.Fatalf("compile(%q): error at line %d of %d: %s", src, e.Pos.Line, strings.Count(src, "\n")+1, msg)
			}
		case *interp.Error:
			if e.Message() == "" {
				t.Fatalf("compile(%q): empty error", src)
			}
		default:
			t.Fatalf("compile(%q): unexpected error type %T: %v", src, err, err)
		}
	})
}
