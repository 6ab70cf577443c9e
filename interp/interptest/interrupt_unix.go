//go:build unix

package interptest

import (
	"os"
	"os/exec"
)

// Interruptible prepares cmd, before it starts, for Interrupt: nothing to
// do on Unix, where a signal reaches one process.
func Interruptible(*exec.Cmd) {}

// Interrupt sends p what Ctrl-C at a terminal sends: SIGINT.
func Interrupt(p *os.Process) error { return p.Signal(os.Interrupt) }
