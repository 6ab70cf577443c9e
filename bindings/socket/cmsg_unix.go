//go:build unix

package socket

import (
	"math"

	lua "github.com/yuin/gopher-lua"
	"golang.org/x/sys/unix"

	"netlua/interp"
)

// platformFuncs are the module functions CPython has only on Unix:
// CMSG_LEN and CMSG_SPACE need <sys/socket.h>'s ancillary data macros.
var platformFuncs = []interp.Func{
	{Name: "CMSG_LEN", Fn: cmsgSize("CMSG_LEN"), Sig: "socket.CMSG_LEN(length) -> number",
		Doc: "Returns the size of an ancillary data item carrying length bytes, without trailing padding.",
		Py:  "socket.CMSG_LEN(length)"},
	{Name: "CMSG_SPACE", Fn: cmsgSize("CMSG_SPACE"), Sig: "socket.CMSG_SPACE(length) -> number",
		Doc: "Returns the buffer size needed for an ancillary data item carrying length bytes, with padding.",
		Py:  "socket.CMSG_SPACE(length)"},
}

// cmsgSize makes CMSG_LEN or CMSG_SPACE. CPython refuses lengths whose
// result would not fit a socklen_t (2**31-1).
func cmsgSize(name string) lua.LGFunction {
	return func(L *lua.LState) int {
		var length int64
		unpackArgs(L, name, 1, "length", &length)
		const limit = math.MaxInt32
		size, largest := unix.CmsgLen, limit-unix.CmsgLen(0)
		if name == "CMSG_SPACE" {
			size, largest = unix.CmsgSpace, limit-unix.CmsgSpace(1)
		}
		if length < 0 || length > int64(largest) {
			interp.Raise(L, interp.OverflowError, "%s() argument out of range", name)
		}
		L.Push(lua.LNumber(size(int(length))))
		return 1
	}
}
