package interptest

import (
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/windows"
)

// Interruptible prepares cmd, before it starts, for Interrupt: it gets a
// console process group of its own, the only thing a console event can be
// aimed at besides the whole console.
func Interruptible(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.CreationFlags |= windows.CREATE_NEW_PROCESS_GROUP
}

// Interrupt sends Ctrl-Break to p's process group (Ctrl-C cannot be aimed
// at one group); Go programs, netlua included, receive both as
// os.Interrupt. It needs a console: under Wine without one it fails, and
// the caller skips, saying so.
func Interrupt(p *os.Process) error {
	return windows.GenerateConsoleCtrlEvent(windows.CTRL_BREAK_EVENT, uint32(p.Pid))
}
