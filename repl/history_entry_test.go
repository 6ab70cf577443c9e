package repl

import (
	"strings"
	"testing"

	"netlua/interp"
)

// A chunk typed over several lines is recorded as one line that does the
// same: each chunk below and its history entry must print the same.
func TestHistoryEntryMeansTheChunk(t *testing.T) {
	chunks := []string{
		"function g()\n  return 1 -- one\nend\nprint(g())",
		"s = [[\nfirst\n-- not a comment\n\nlast]]\nprint(s)",
		"s = [==[\na]]b\n]==]\nprint(s)",
		"--[[ a long\ncomment ]] x = 2\nprint(x)",
		"--[=[\n]]\n]=] print('after')",
		"print('a -- b', \"[[c]]\") -- done\nprint(1)",
		"t = {\n  'x\\\ny', -- a string with a newline\n  2,\n}\nprint(t[1], #t)",
		"print(#[[\n\\n\"q\"]])",
	}
	for _, chunk := range chunks {
		entries := joinEntry(strings.Split(chunk, "\n"))
		if len(entries) != 1 || strings.Contains(entries[0], "\n") {
			t.Errorf("%q: entries %q, want one line", chunk, entries)
			continue
		}
		if want, got := runChunk(t, chunk), runChunk(t, entries[0]); got != want {
			t.Errorf("%q as %q prints %q, want %q", chunk, entries[0], got, want)
		}
	}
}

func runChunk(t *testing.T, src string) string {
	t.Helper()
	var out strings.Builder
	rt := interp.New()
	rt.Out.SetWriters(&out, &out)
	if err := rt.RunString(src, "chunk"); err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	return out.String()
}
