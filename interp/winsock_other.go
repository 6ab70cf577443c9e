//go:build !windows

package interp

import "syscall"

// winsockError reports a Windows socket error; there are none elsewhere.
func winsockError(syscall.Errno) (*Class, string, bool) { return nil, "", false }
