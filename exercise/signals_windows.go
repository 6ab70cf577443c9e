package exercise

import (
	"os"
	"syscall"
)

// stopSignals end a check early: Go delivers the console's Ctrl-C and
// Ctrl-Break as os.Interrupt, and closing the console window (or logging
// off) as SIGTERM.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}
