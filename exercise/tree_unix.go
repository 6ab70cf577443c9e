//go:build unix

package exercise

import (
	"os/exec"
	"sync"
	"syscall"
)

// processTree is the script's process group: the script is started as the
// leader of a new group, and what it starts joins that group unless it
// makes a session of its own (a daemon would; a learner's `&` does not).
// Outside the terminal's foreground group, the script does not see the
// terminal's Ctrl-C either: the checker takes it and stops the group.
type processTree struct {
	mu       sync.Mutex
	pgid     int
	released bool
}

// startContained starts cmd as the leader of a new process group.
func startContained(cmd *exec.Cmd) (*processTree, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &processTree{pgid: cmd.Process.Pid}, nil
}

// kill sends SIGKILL to the whole group. The group's id stays reserved
// while any member lives, so it cannot name someone else's processes; once
// the tree is released it is not used again.
func (t *processTree) kill() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.released {
		syscall.Kill(-t.pgid, syscall.SIGKILL)
	}
}

// release forgets the group once the script has ended and the group was
// killed.
func (t *processTree) release() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.released = true
}
