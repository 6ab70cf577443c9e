//go:build unix

package exercise_test

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// backgroundCommand is the sh command that runs netlua script arg in the
// background: what a learner's os.execute("... &") does.
func backgroundCommand(netlua, script, arg string) string {
	return fmt.Sprintf("'%s' '%s' '%s' &", netlua, script, arg)
}

func stopSignals() []os.Signal {
	return []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}
}

// newProcessGroup is nothing on Unix: signals go to the checker's pid.
func newProcessGroup(*exec.Cmd) {}

func sendSignal(t *testing.T, p *os.Process, sig os.Signal) {
	if err := p.Signal(sig); err != nil {
		t.Fatal(err)
	}
}
