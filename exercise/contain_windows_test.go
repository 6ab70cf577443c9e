package exercise_test

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/windows"
)

// backgroundCommand is the cmd.exe command that runs netlua script arg in
// the background: what a learner's os.execute("start /b ...") does.
func backgroundCommand(netlua, script, arg string) string {
	return fmt.Sprintf("start /b %s %s %s", netlua, script, arg)
}

// stopSignals: a console's Ctrl-Break, which Go delivers as os.Interrupt
// (Ctrl-C cannot be sent to one process group alone).
func stopSignals() []os.Signal { return []os.Signal{os.Interrupt} }

// newProcessGroup starts the checker in its own console process group, so
// that Ctrl-Break can be sent to it alone.
func newProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_PROCESS_GROUP}
}

// sendSignal sends Ctrl-Break to p's process group. That needs a console:
// under Wine without one, GenerateConsoleCtrlEvent fails and the test skips.
func sendSignal(t *testing.T, p *os.Process, sig os.Signal) {
	if err := windows.GenerateConsoleCtrlEvent(windows.CTRL_BREAK_EVENT, uint32(p.Pid)); err != nil {
		t.Skipf("cannot send Ctrl-Break without a console: %v", err)
	}
}

// TestCheckerKilledStopsTree: the checker killed outright (no handler runs)
// still takes the script and its background ticker with it: closing the
// last handle of a job with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE ends them.
func TestCheckerKilledStopsTree(t *testing.T) {
	c := newContainment(t, waitStartedLua+"check.start({'stay'})\nwait_started()\nprint('ready')\ncheck.sleep(60)\n")
	cmd, out := c.command()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "ready") {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			<-done
			t.Fatalf("the checker never got ready:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	<-done
	c.assertStopped(t)
}
