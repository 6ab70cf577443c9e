package interp

import (
	"fmt"
	"strings"

	"github.com/yuin/gopher-lua/parse"
)

// How chunks appear in messages. gopher-lua puts a chunk's name in front of
// positions as it was given and writes syntax errors its own way
// ("x.lua line:2(column:10) near ')':   syntax error"); netlua names chunks
// and reports syntax errors as Lua 5.1 does, "x.lua:2: syntax error near
// ')'", so that learners, editors and exercise checkers see one form.

// luaChunkID is Lua 5.1's luaO_chunkid, for a chunk name that Lua code gave
// (loadstring's and load's second argument, or loadstring's source itself):
// "=name" shows as name, "@file" as file (its last 52 bytes after "..."
// when longer), and anything else is source code, shown as
// [string "its first line"] (at most 43 bytes, "..." marking a cut).
func luaChunkID(name string) string {
	const idSize = 60 // LUA_IDSIZE
	switch {
	case strings.HasPrefix(name, "="):
		return name[1:min(len(name), idSize)]
	case strings.HasPrefix(name, "@"):
		file := name[1:]
		if keep := idSize - len(" '...' ") - 1; len(file) > keep {
			return "..." + file[len(file)-keep:]
		}
		return file
	}
	line := name
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = line[:min(len(line), idSize-len(` [string "..."] `)-1)]
	if len(line) < len(name) {
		line += "..."
	}
	return `[string "` + line + `"]`
}

// SyntaxMessage is a parse error as Lua 5.1 words its position: the chunk,
// the line and the token, "stdin:1: syntax error near '='". An error at the
// end of input is on the source's last line (lines: its count, newlines
// plus one, as Lua counts), near '<eof>'.
func SyntaxMessage(pe *parse.Error, lines int) string {
	if pe.Pos.Line == parse.EOF {
		return fmt.Sprintf("%s:%d: %s near '<eof>'", pe.Pos.Source, lines, pe.Message)
	}
	return fmt.Sprintf("%s:%d: %s near '%s'", pe.Pos.Source, pe.Pos.Line, pe.Message, pe.Token)
}
