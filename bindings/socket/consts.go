package socket

import lua "github.com/yuin/gopher-lua"

// The tables that differ by platform are in consts_GOOS.go: intConstants
// (the module's integer constants, the names CPython 3.11 exports there
// with the platform's values), the getaddrinfo and getnameinfo flags and
// error codes (gaierror's errno and text are the platform's), sockTypes, and
// hasUnix (whether the platform has AF_UNIX in CPython).

// openConstants sets the constants and has_ipv6 in the module table.
func openConstants(L *lua.LState, mod *lua.LTable) {
	for _, c := range intConstants {
		mod.RawSetString(c.Name, lua.LNumber(c.Value))
	}
	// CPython's has_ipv6 says whether it was built with IPv6, which on
	// every platform netlua targets it is.
	mod.RawSetString("has_ipv6", lua.LTrue)
}
