package bench

import (
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/windows"
)

// exeSuffix ends an executable's name: Windows runs .exe files.
const exeSuffix = ".exe"

// ownGroup starts a server in a console process group of its own, so that
// Ctrl-Break can be sent to it alone.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_PROCESS_GROUP}
}

// interrupt sends Ctrl-Break, which Go programs receive as os.Interrupt (a
// Ctrl-C cannot be aimed at one process group). Without a console, as
// under Wine in CI, there is nothing to send it through: the error says so
// and Stop kills the server instead.
func interrupt(p *os.Process) error {
	return windows.GenerateConsoleCtrlEvent(windows.CTRL_BREAK_EVENT, uint32(p.Pid))
}

// RaiseFileLimit: Windows has no per-process limit on open sockets to
// raise; it returns the number of handles a process may hold (2^24).
func RaiseFileLimit() (uint64, error) { return 1 << 24, nil }
