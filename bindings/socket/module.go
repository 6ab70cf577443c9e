// Package socket is netlua's `socket` module: Python's socket module for Lua,
// on non-blocking descriptors whose waits go through Go's network poller on
// Unix and sockos's readiness hub on Windows. The system calls are
// internal/sockos's, so this package is written once for every platform.
//
// Files: module.go declares the module, with consts.go (its constants),
// errors.go (its exception classes) and consts_GOOS.go (the constants
// CPython has on each platform, with its values, and its getaddrinfo flags
// and error texts). socket.go is the socket object and its constructors;
// methods.go documents its methods, which are in conn.go (addresses,
// connections, lifetime), io.go (send and recv), options.go (options and
// timeouts) and file.go (makefile, sendfile); fd.go is its descriptor and
// deadlines, op.go one blocking call, address.go the conversion of
// addresses. create.go is create_connection and create_server;
// bytearray.go is socket.bytearray. netdb.go declares the name and address
// functions, found in resolve.go (getaddrinfo), services.go (getnameinfo,
// services, protocols), netfiles*.go (the /etc files), services_builtin.go
// (services answered without a services file) and inet.go (inet_*,
// htonl...); cmsg_unix.go is CMSG_LEN and CMSG_SPACE. trace.go is
// socket.trace; transport.go is the socket core that ssl builds on.
package socket

import "netlua/interp"

// Module is the socket module.
var Module = &interp.Module{
	Name:    "socket",
	Doc:     "Low-level networking: Python's socket module. socket.socket(family, type, proto) makes a socket object; module functions resolve names and convert addresses. Addresses are tables: {host, port} for AF_INET, {host, port, flowinfo, scope_id} for AF_INET6, a path string for AF_UNIX (a leading \\0 for abstract names). recv_into and recvfrom_into fill a socket.bytearray(n), a fixed-size mutable buffer indexed from 1 like Lua strings, since Lua strings cannot change; makefile returns a buffered file object over the socket.",
	Funcs:   concat(objectFuncs, netdbFuncs, traceFuncs, platformFuncs),
	Types:   objectTypes,
	Classes: []*interp.Class{GaiError, HError},
	Consts:  constants(),
	Open:    openObjects,
}

func concat(lists ...[]interp.Func) []interp.Func {
	var all []interp.Func
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}
