package luasocket

import (
	"syscall"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// errnoTable is core.errno: the errno values whose messages LuaSocket words
// itself ("address already in use"), as this platform numbers them. The
// Lua code compares the errno of Python's OSError with them.
func errnoTable(L *lua.LState) *lua.LTable {
	t := L.NewTable()
	for name, e := range map[string]syscall.Errno{
		"EADDRINUSE":   syscall.EADDRINUSE,
		"EISCONN":      syscall.EISCONN,
		"EACCES":       syscall.EACCES,
		"ECONNREFUSED": syscall.ECONNREFUSED,
		"ECONNABORTED": syscall.ECONNABORTED,
		"ECONNRESET":   syscall.ECONNRESET,
		"EPIPE":        syscall.EPIPE,
		"ETIMEDOUT":    syscall.ETIMEDOUT,
	} {
		t.RawSetString(name, lua.LNumber(e))
	}
	return t
}

// strerror is core.strerror(n): the system's message for errno n, as
// Python's OSError.strerror gives it (getoption("error") reports it).
func strerror(L *lua.LState) int {
	L.Push(lua.LString(interp.Strerror(syscall.Errno(L.CheckInt(1)))))
	return 1
}
