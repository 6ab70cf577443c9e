//go:build unix

package luasocket

import (
	"unsafe"

	lua "github.com/yuin/gopher-lua"
	"golang.org/x/sys/unix"
)

// disconnect is core.disconnect(fd): it dissolves a UDP socket's
// association by connecting it to an AF_UNSPEC address, which Python's
// connect cannot express. Errors are ignored, as LuaSocket ignores them
// (macOS answers EAFNOSUPPORT and disconnects anyway).
func disconnect(L *lua.LState) int {
	fd := L.CheckInt(1)
	var unspec [16]byte // a sockaddr of family AF_UNSPEC (0)
	unix.Syscall(unix.SYS_CONNECT, uintptr(fd), uintptr(unsafe.Pointer(&unspec[0])), uintptr(len(unspec)))
	return 0
}
