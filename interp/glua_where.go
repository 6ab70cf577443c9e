// Workaround for gopher-lua 1.1.2's L.Where (no upstream issue: Where
// follows gopher-lua's own traceback style). Where(1) names a Go caller
// "[G]:", where Lua 5.1's luaL_where gives "" and leaves the position to
// the first Lua frame; exceptions raised by a binding that pcall called
// directly reached uncaught-error messages as "[G]: OSError: ...".
//
// What it changes: RaiseValue (errors.go) and coroutine.wrap's messages
// (glua_coroutine.go) place errors with callerWhere, Lua 5.1's rule.
//
// Proof: TestUncaughtErrorExitsOne (main_test.go) re-raises an exception that
// pcall(socket.socket, 999) caught and expects "(command line):2: OSError:
// ...", and the coroutine tests expect Lua 5.1's "cannot resume dead
// coroutine" position. Remove when L.Where matches luaL_where.

package interp

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"
)

// callerWhere is Lua 5.1's luaL_where(L, 1): "chunk:line: " of the Lua
// function calling the running Go function, or "" when a Go function
// (pcall) called it; Error.Message then takes the first Lua frame of the
// traceback. gopher-lua's L.Where writes "[G]:" for Go callers instead,
// which reached uncaught-error messages as "[G]: OSError: ...".
func callerWhere(L *lua.LState) string {
	dbg, ok := L.GetStack(1)
	if !ok {
		return ""
	}
	if _, err := L.GetInfo("Sl", dbg, lua.LNil); err != nil || dbg.CurrentLine <= 0 {
		return ""
	}
	return fmt.Sprintf("%s:%d: ", dbg.Source, dbg.CurrentLine)
}
