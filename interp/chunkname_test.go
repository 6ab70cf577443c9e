package interp_test

import (
	"testing"

	"netlua/interp/interptest"
)

// Chunk names and syntax errors read as in Lua 5.1: chunk:line: message.
func TestChunkNamesAndSyntaxErrors(t *testing.T) {
	out := interptest.Run(t, `
print(loadstring("x = = 1"))
print(loadstring("x = = 1", "=mine"))
print(loadstring("x = = 1", "@dir/f.lua"))
print(loadstring("x = = 1", "@" .. ("d/"):rep(30) .. "f.lua"))
print(pcall(loadstring("error('boom')")))
print(pcall(loadstring("local a\nerror('two')")))
print(loadstring(("x"):rep(50) .. " = = 1"))
print(loadstring("function f()\n  return 1\n"))
print(loadstring("s = 'open"))
local pieces = {"return ", "1 +", nil}
local i = 0
print(load(function() i = i + 1 return pieces[i] end))
print(pcall(load(function() i = i + 1 return i == 4 and "error('in load')" or nil end)))`)
	want := `nil	[string "x = = 1"]:1: syntax error near '='
nil	mine:1: syntax error near '='
nil	dir/f.lua:1: syntax error near '='
nil	.../d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/f.lua:1: syntax error near '='
false	[string "error('boom')"]:1: boom
false	[string "local a..."]:2: two
nil	[string "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..."]:1: syntax error near '='
nil	[string "function f()..."]:3: syntax error near '<eof>'
nil	[string "s = 'open"]:1: unterminated string near '<eof>'
nil	(load):1: syntax error near '<eof>'
false	(load):1: in load
`
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
