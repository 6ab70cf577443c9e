package exercise

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"
)

// learner is the learner's script running as a subprocess of the same netlua
// binary, so it behaves exactly as it does when the learner runs it.
type learner struct {
	path string // the script

	mu     sync.Mutex
	out    bytes.Buffer // stdout and stderr together, in the order written
	cmd    *exec.Cmd
	exited chan struct{} // closed when the process has ended
	code   int

	fdLimit int // the script's descriptor limit, or 0 (check.limit_descriptors)
}

// limitDescriptors asks that the script, when it starts, may hold at most
// n descriptors; false where the OS can't do it.
func (l *learner) limitDescriptors(n int) bool {
	if !limitSupported {
		return false
	}
	l.fdLimit = n
	return true
}

func (l *learner) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.out.Write(p)
}

func (l *learner) output() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.out.String()
}

// start runs the script with args, in the script's folder.
func (l *learner) start(args []string) error {
	if l.cmd != nil {
		if _, done := l.wait(0); !done {
			return fmt.Errorf("the script is already running")
		}
		// A second run of the script, after the first ended: a checker
		// that tries it against two servers. Its output starts afresh.
		l.mu.Lock()
		l.cmd, l.code = nil, 0
		l.out.Reset()
		l.mu.Unlock()
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(l.path)
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, append([]string{abs}, args...)...)
	cmd.Dir = filepath.Dir(abs)
	cmd.Stdout, cmd.Stderr = l, l
	if err := cmd.Start(); err != nil {
		return err
	}
	l.cmd = cmd
	if l.fdLimit > 0 {
		// Set before the script has run more than its first instructions:
		// netlua starts in well under the time a checker waits to connect.
		limitDescriptors(cmd.Process.Pid, l.fdLimit)
	}
	l.exited = make(chan struct{})
	go func() {
		cmd.Wait()
		l.mu.Lock()
		l.code = cmd.ProcessState.ExitCode()
		l.mu.Unlock()
		close(l.exited)
	}()
	return nil
}

// wait waits up to d for the script to end; ok is false if it still runs.
func (l *learner) wait(d time.Duration) (code int, ok bool) {
	if l.cmd == nil {
		return 0, false
	}
	// An ended script is seen even with d = 0: a select between exited and
	// a timer that has also fired would pick either at random.
	select {
	case <-l.exited:
	default:
		select {
		case <-l.exited:
		case <-time.After(d):
			return 0, false
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.code, true
}

// stop ends the script if it still runs: servers run until stopped.
func (l *learner) stop() {
	if l.cmd == nil {
		return
	}
	if _, done := l.wait(0); !done {
		l.cmd.Process.Kill()
		<-l.exited
	}
}
