//go:build unix

package exercise

import (
	"os"
	"syscall"
)

// stopSignals end a check early: Ctrl-C, kill's default, and a closed
// terminal (SIGHUP) during --watch.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}
