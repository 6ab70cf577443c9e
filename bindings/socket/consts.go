package socket

import "netlua/interp"

// The tables that differ by platform are in consts_GOOS.go: intConstants
// (the module's integer constants, the names CPython 3.11 exports there
// with the platform's values), the getaddrinfo and getnameinfo flags and
// error codes (gaierror's errno and text are the platform's), sockTypes, and
// hasUnix (whether the platform has AF_UNIX in CPython).

// constants are the module's Consts: the exception classes it has under
// another name (socket.error is OSError and socket.timeout is TimeoutError,
// as in Python 3.10+), the platform's integer constants, and has_ipv6.
func constants() []interp.Const {
	cs := []interp.Const{
		{Name: "error", Value: interp.OSError},
		{Name: "timeout", Value: interp.TimeoutError},
		// CPython's has_ipv6 says whether it was built with IPv6, which on
		// every platform netlua targets it is.
		{Name: "has_ipv6", Value: true},
	}
	for _, c := range intConstants {
		cs = append(cs, interp.Const{Name: c.Name, Value: c.Value})
	}
	return cs
}
