//go:build unix

package bench

import (
	"os"
	"os/exec"
	"syscall"
)

// exeSuffix ends an executable's name: nothing on Unix.
const exeSuffix = ""

// ownGroup: on Unix a server is interrupted by its PID alone.
func ownGroup(*exec.Cmd) {}

// interrupt sends SIGINT, what Ctrl-C sends.
func interrupt(p *os.Process) error { return p.Signal(os.Interrupt) }

// RaiseFileLimit raises the soft open-files limit to the hard limit, for this
// process and the servers it starts (children inherit it; setting it
// explicitly also stops os/exec from restoring the old limit in children).
// It returns the new soft limit.
func RaiseFileLimit() (uint64, error) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	lim.Cur = lim.Max
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	return uint64(lim.Cur), nil
}
