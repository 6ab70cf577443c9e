// Package socket is netlua's `socket` module: Python's socket module for Lua,
// on non-blocking descriptors whose waits go through Go's network poller on
// Unix and sockos's readiness hub on Windows. The system calls are
// internal/sockos's, so this package is written once for every platform.
//
// Files: module.go declares the module; socket.go and its neighbours are the
// socket object (fd.go its descriptor and deadlines, op.go one blocking
// call); netdb.go has the name and address functions (gethostbyname,
// getaddrinfo, inet_*...); consts_GOOS.go the constants CPython has on each
// platform, with its values, and its getaddrinfo flags and error texts;
// services_builtin.go the services answered without a services file;
// errors.go the module's exception classes.
package socket

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// Module is the socket module.
var Module = &interp.Module{
	Name:  "socket",
	Doc:   "Low-level networking: Python's socket module. socket.socket(family, type, proto) makes a socket object; module functions resolve names and convert addresses. Addresses are tables: {host, port} for AF_INET, {host, port, flowinfo, scope_id} for AF_INET6, a path string for AF_UNIX (a leading \\0 for abstract names). recv_into and recvfrom_into fill a socket.bytearray(n), a fixed-size mutable buffer indexed from 1 like Lua strings, since Lua strings cannot change; makefile returns a buffered file object over the socket.",
	Funcs: concat(objectFuncs, netdbFuncs, traceFuncs, platformFuncs),
	Types: objectTypes,
	Open: func(L *lua.LState, mod *lua.LTable) {
		openErrors(L, mod)
		openConstants(L, mod)
		openObjects(L, mod)
	},
}

func concat(lists ...[]interp.Func) []interp.Func {
	var all []interp.Func
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}
