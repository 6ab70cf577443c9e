// Package socket is netlua's `socket` module: Python's socket module for Lua,
// on raw file descriptors driven by Go's network poller.
//
// Files: module.go declares the module; socket.go and its neighbours are the
// socket object (owned by the socket object's code); netdb.go has the name
// and address functions (gethostbyname, getaddrinfo, inet_*...); consts.go
// the constants with Linux's values; errors.go the module's exception classes.
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
