//go:build darwin || freebsd

package main

// familyNotSupported is str() of the OSError socket.socket(999) raises, as
// CPython gives it on macOS and FreeBSD (EAFNOSUPPORT is 47 there).
const familyNotSupported = "[Errno 47] Address family not supported by protocol family"
