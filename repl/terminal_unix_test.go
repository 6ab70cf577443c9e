//go:build unix

package repl_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// The terminal's local modes the tests wait for: ICANON is off in the line
// editor's raw mode; ISIG is on while a chunk runs, so Ctrl-C is a signal.
const (
	modeCanonical = unix.ICANON
	modeSignals   = unix.ISIG
)

// start runs netlua at a terminal with HOME in a temporary directory and
// history off unless env says otherwise.
func start(t *testing.T, env ...string) *session {
	t.Helper()
	cmd := exec.Command(binary)
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "TERM=xterm", "NETLUA_HISTORY=", "PATH=" + os.Getenv("PATH")}, env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		t.Fatal(err)
	}
	s := &session{t: t, pty: f, cmd: cmd, exited: make(chan struct{})}
	s.scr = newScreen(rows, cols, func(b []byte) { f.Write(b) })
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			if n > 0 {
				s.scr.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		s.err = cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-s.exited:
		default:
			cmd.Process.Kill()
			<-s.exited
		}
		f.Close()
	})
	s.waitPrompt()
	return s
}

// localModes reads the terminal's c_lflag through the pseudo-terminal.
func localModes(f *os.File) (uint32, error) {
	tio, err := unix.IoctlGetTermios(int(f.Fd()), ioctlGetTermios)
	if err != nil {
		return 0, err
	}
	return uint32(tio.Lflag), nil
}
