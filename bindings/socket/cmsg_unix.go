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
	{Name: "CMSG_LEN", Fn: cmsgLen, Sig: "socket.CMSG_LEN(length) -> number",
		Doc: "Returns the size of an ancillary data item carrying length bytes, without trailing padding."},
	{Name: "CMSG_SPACE", Fn: cmsgSpace, Sig: "socket.CMSG_SPACE(length) -> number",
		Doc: "Returns the buffer size needed for an ancillary data item carrying length bytes, with padding."},
}

func cmsgLen(L *lua.LState) int {
	return cmsgSize(L, unix.CmsgLen, math.MaxInt32-unix.CmsgLen(0))
}

func cmsgSpace(L *lua.LState) int {
	return cmsgSize(L, unix.CmsgSpace, math.MaxInt32-unix.CmsgSpace(1))
}

// cmsgSize is CMSG_LEN or CMSG_SPACE: size of a length up to largest.
// CPython refuses lengths whose result would not fit a socklen_t (2**31-1).
func cmsgSize(L *lua.LState, size func(int) int, largest int) int {
	var length int64
	interp.UnpackArgs(L, 1, "length", &length)
	if length < 0 || length > int64(largest) {
		interp.Raise(L, interp.OverflowError, "%s() argument out of range", interp.FuncName(L))
	}
	L.Push(lua.LNumber(size(int(length))))
	return 1
}
