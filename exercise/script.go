package exercise

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"
)

// outputGrace is how long the script's output is still read after its
// process ended and whatever it started was stopped: enough for the pipe to
// drain, short enough that a process that escaped containment and still
// holds the pipe cannot stretch the check.
const outputGrace = 200 * time.Millisecond

// executable is the netlua binary the script runs in: this one.
var executable = os.Executable

// learner is the learner's script running as a subprocess of the same netlua
// binary, so it behaves exactly as it does when the learner runs it.
//
// The script and everything it starts are contained (tree_unix.go,
// tree_windows.go): when the check ends, however it ends, they are all
// stopped. Its output comes through a pipe that only the script's processes
// hold; it is read until the script's own process ends (plus outputGrace), not
// until every holder lets go, so `os.execute("sleep 40 &")` cannot make a
// check wait 40 s.
type learner struct {
	path string // the script

	mu     sync.Mutex
	out    tailBuffer // stdout and stderr together, in the order written
	cmd    *exec.Cmd
	tree   *processTree
	exited chan struct{} // closed when the process has ended and its output is in
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
		l.out = tailBuffer{}
		l.mu.Unlock()
	}
	exe, err := executable()
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(l.path)
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, append([]string{abs}, args...)...)
	cmd.Dir = filepath.Dir(abs)
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = w, w
	tree, err := live.start(l, cmd)
	w.Close() // the script's processes hold the only write ends now
	if err != nil {
		r.Close()
		return err
	}
	l.cmd, l.tree = cmd, tree
	if l.fdLimit > 0 {
		// Set before the script has run more than its first instructions:
		// netlua starts in well under the time a checker waits to connect.
		limitDescriptors(cmd.Process.Pid, l.fdLimit)
	}
	l.exited = make(chan struct{})
	read := make(chan struct{})
	go func() {
		l.read(r)
		close(read)
	}()
	go func() {
		cmd.Wait()
		// What the script left behind (a server in the background, a
		// `sleep 40 &`) goes with it.
		tree.kill()
		select {
		case <-read:
		case <-time.After(outputGrace):
		}
		r.Close()
		<-read
		l.mu.Lock()
		l.code = cmd.ProcessState.ExitCode()
		l.mu.Unlock()
		live.remove(l)
		tree.release()
		close(l.exited)
	}()
	return nil
}

// read copies the script's output into the tail buffer until the pipe is
// closed at either end.
func (l *learner) read(r io.Reader) {
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			l.mu.Lock()
			l.out.Write(buf[:n])
			l.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
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

// stop ends the script and everything it started, if it still runs:
// servers run until stopped.
func (l *learner) stop() {
	if l.cmd == nil {
		return
	}
	if _, done := l.wait(0); !done {
		l.tree.kill()
		<-l.exited
	}
}

// live is every learner process tree this process has started and not yet
// seen end, so that a signal to the checker (Ctrl-C, a closed terminal
// during --watch) stops them before it exits.
var live = &registry{trees: map[*learner]*processTree{}}

type registry struct {
	mu      sync.Mutex
	trees   map[*learner]*processTree
	closing bool // set once the checker is exiting: nothing new starts
}

var errExiting = errors.New("the checker is exiting")

// start starts cmd contained and records its tree. The lock is held across
// the start so that stopAll cannot miss a tree being made.
func (r *registry) start(l *learner, cmd *exec.Cmd) (*processTree, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closing {
		return nil, errExiting
	}
	tree, err := startContained(cmd)
	if err != nil {
		return nil, err
	}
	r.trees[l] = tree
	return tree, nil
}

func (r *registry) remove(l *learner) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.trees, l)
}

// stopAll kills every live tree and lets no new one start.
func (r *registry) stopAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closing = true
	for _, tree := range r.trees {
		tree.kill()
	}
}
