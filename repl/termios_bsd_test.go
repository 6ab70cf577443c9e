//go:build darwin || freebsd

package repl_test

import "golang.org/x/sys/unix"

const ioctlGetTermios = unix.TIOCGETA
