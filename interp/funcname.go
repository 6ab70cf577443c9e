package interp

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// FuncName is the name messages give the Go builtin running on L: the Name
// of its declared entry (Func). It is how UnpackArgs, Self and Raise name
// the function, so a builtin never spells its own name: the runtime maps
// each function value it registered (Preload, TypeMethods, the builtins) to
// its entry, and the current call frame holds that value, however the
// function was reached (s:recv, a stored method, pcall(s.recv, s)). Only
// errors need it, so the hot path of a builtin pays nothing.
//
// A Go function that no entry declares (a metamethod, a module's private
// helper) is named as Lua 5.1's luaL_argerror names it, by the call site;
// "" if the call site says nothing.
func FuncName(L *lua.LState) string {
	name, _, _ := entryAt(L, 0)
	return name
}

// declaredCaller names the innermost function from level up the stack that
// an entry declares: a module's local helper (ntplib's check_number) then
// speaks for the documented function that called it. Without one, it is
// entryAt(L, level).
func declaredCaller(L *lua.LState, level int) string {
	for l := level; ; l++ {
		name, _, declared := entryAt(L, l)
		if declared {
			return name
		}
		if _, ok := L.GetStack(l); !ok {
			name, _, _ := entryAt(L, level)
			return name
		}
	}
}

// entryAt names the function level calls up the stack (0 is the running
// function, 1 its caller) and what it belongs to: the type of a method
// ("socket.socket"), the module of a function, "" for a builtin. declared
// says whether an entry declares it; if not, name is the call site's.
func entryAt(L *lua.LState, level int) (name, owner string, declared bool) {
	dbg, ok := L.GetStack(level)
	if !ok {
		return "", "", false
	}
	fn, err := L.GetInfo("fn", dbg, lua.LNil)
	if err != nil {
		return "", "", false
	}
	if doc := Of(L).EntryOf(fn); doc != nil {
		return doc.Name, doc.Owner, true
	}
	if dbg.Name == "" || dbg.Name == "?" || strings.ContainsAny(dbg.Name, "(<") {
		return "", "", false
	}
	return dbg.Name, "", false
}
