//go:build !windows

package interp

import "syscall"

// crtStrerror: on Unix, Go's errno texts are the C library's already.
func crtStrerror(syscall.Errno) (string, bool) { return "", false }
