package repl_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// The tests drive the real netlua binary through a pseudo-terminal, as a
// user at a terminal would, and read the result off a model of the screen.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "netlua-repl-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "netlua")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building netlua: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const (
	rows    = 40
	cols    = 100
	timeout = 10 * time.Second
)

// session is netlua running on a pseudo-terminal.
type session struct {
	t      *testing.T
	pty    *os.File
	cmd    *exec.Cmd
	scr    *screen
	exited chan struct{}
	err    error // the process's exit, once exited is closed
}

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

func (s *session) send(keys string) {
	s.t.Helper()
	if _, err := s.pty.Write([]byte(keys)); err != nil {
		s.t.Fatal(err)
	}
}

// waitFor waits until cond holds for the screen, failing after timeout.
func (s *session) waitFor(what string, cond func(lines []string, row, col int) bool) {
	s.t.Helper()
	deadline := time.After(timeout)
	for {
		changed := s.scr.wait()
		lines := s.scr.lines()
		row, col := s.scr.cursor()
		if cond(lines, row, col) {
			return
		}
		select {
		case <-changed:
		case <-s.exited:
			s.t.Fatalf("netlua exited (%v) while waiting for %s; screen:\n%s", s.err, what, s.dump())
		case <-deadline:
			s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, s.dump())
		}
	}
}

func (s *session) dump() string {
	lines := s.scr.lines()
	row, col := s.scr.cursor()
	for len(lines) > row+1 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n") + fmt.Sprintf("\n[cursor at row %d, column %d]", row, col)
}

// waitPrompt waits for an empty ">>> " prompt with the cursor after it.
func (s *session) waitPrompt() {
	s.t.Helper()
	s.waitFor("the prompt", func(lines []string, row, col int) bool {
		return lines[row] == ">>>" && col == 4
	})
}

// enter types line at the prompt and returns the lines printed before the
// next prompt. (Only for sessions whose output does not scroll the screen.)
func (s *session) enter(line string) []string {
	s.t.Helper()
	s.send(line + "\r")
	var out []string
	s.waitFor("the output of "+line, func(lines []string, row, col int) bool {
		if lines[row] != ">>>" || col != 4 {
			return false
		}
		// The nearest prompt above must hold the line just typed.
		for r := row - 1; r >= 0; r-- {
			if strings.HasPrefix(lines[r], ">>> ") || strings.HasPrefix(lines[r], "... ") {
				out = lines[r+1 : row]
				return lines[r][4:] == line
			}
		}
		return false
	})
	return out
}

// expect checks the output of line.
func (s *session) expect(line string, want ...string) {
	s.t.Helper()
	got := s.enter(line)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		s.t.Fatalf("%s\n got: %q\nwant: %q\nscreen:\n%s", line, got, want, s.dump())
	}
}

// waitCooked waits until the terminal has left raw mode, that is until the
// line editor has handed the terminal to the running chunk, so that Ctrl-C
// is a signal rather than a key.
func (s *session) waitCooked() {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		tio, err := unix.IoctlGetTermios(int(s.pty.Fd()), unix.TCGETS)
		if err != nil {
			s.t.Fatal(err)
		}
		if tio.Lflag&unix.ISIG != 0 && tio.Lflag&unix.ICANON != 0 {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("terminal still in raw mode; screen:\n%s", s.dump())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// exit sends Ctrl-D and waits for the process to end with status 0.
func (s *session) exit() {
	s.t.Helper()
	s.send("\x04")
	select {
	case <-s.exited:
		if s.err != nil {
			s.t.Fatalf("netlua exited with %v; screen:\n%s", s.err, s.dump())
		}
	case <-time.After(timeout):
		s.t.Fatalf("netlua did not exit on Ctrl-D; screen:\n%s", s.dump())
	}
}

func TestBanner(t *testing.T) {
	s := start(t)
	screen := strings.Join(s.scr.lines(), "\n")
	for _, want := range []string{"netlua 0.", "socket", "threading", "help()", "exit()", "Ctrl-D"} {
		if !strings.Contains(screen, want) {
			t.Errorf("banner lacks %q:\n%s", want, screen)
		}
	}
	s.exit()
}

func TestAutoPrintAndUnderscore(t *testing.T) {
	s := start(t)
	s.expect("1+1", "2")
	s.expect("_ * 10", "20")
	s.expect("_", "20")
	s.expect(`"héllo", 1.5, nil, true`, "'héllo' 1.5     nil     true") // tab-separated, as print does
	s.expect("x = 5")
	s.expect("x", "5")
	s.expect(`{1, 2, "three", name = "n", [10] = false}`, `{1, 2, 'three', name = 'n', [10] = false}`)
	s.expect(`t = {a = {b = {c = {d = 1}}}} t.self = t`)
	s.expect("t", "{a = {b = {c = {...}}}, self = <cycle>}")
	s.expect(`setmetatable({}, {__tostring = function() return "custom" end})`, "custom")
	// A local at the prompt outlives its line, as a Python variable does.
	s.expect("local y = 7")
	s.expect("y + 1", "8")
	s.expect(`print("a") print("b")`, "a", "b")
	s.expect("_", "8")
	s.exit()
}

func TestFunctionTypedLineByLine(t *testing.T) {
	s := start(t)
	s.send("function add(a, b)\r")
	s.waitFor("the continuation prompt", func(lines []string, row, col int) bool {
		return lines[row] == "..." && col == 4 && lines[row-1] == ">>> function add(a, b)"
	})
	s.send("  return a + b\r")
	s.waitFor("the second continuation prompt", func(lines []string, row, col int) bool {
		return lines[row] == "..." && col == 4 && lines[row-1] == "...   return a + b"
	})
	s.expect("end")
	s.expect("add(2, 3)", "5")
	// An open table continues too, and a string left open on its line is
	// an error, not a continuation.
	s.send("t = {\r")
	s.waitFor("the continuation prompt", func(lines []string, row, col int) bool { return lines[row] == "..." })
	s.expect("1, 2}")
	s.expect("#t", "2")
	s.expect(`x = "abc`, `stdin:1: unterminated string near 'abc'`)
	s.send("y = 1 +\r")
	s.waitFor("the continuation prompt", func(lines []string, row, col int) bool { return lines[row] == "..." })
	s.send("\r") // an empty line does not end the chunk
	s.waitFor("the continuation prompt", func(lines []string, row, col int) bool { return lines[row] == "..." && lines[row-1] == "..." })
	s.expect("2")
	s.expect("y", "3")
	s.exit()
}

func TestSyntaxError(t *testing.T) {
	s := start(t)
	s.expect("x = = 1", "stdin:1: syntax error near '='")
	s.expect("1 +* 2", "stdin:1: syntax error near '*'")
	// A Python tuple is the classic slip when porting.
	s.expect(`print(('127.0.0.1', 12345))`, "stdin:1: syntax error near ','")
	// The session goes on, and a runtime error names the line too.
	s.expect("1 + 1", "2")
	s.expect("nosuch()", "stdin:1: attempt to call a non-function object")
	s.exit()
}

func TestRuntimeErrorTraceback(t *testing.T) {
	s := start(t)
	s.send("function f()\r")
	s.send("  error('boom')\r")
	s.expect("end")
	got := s.enter("f()")
	want := []string{"stdin:2: boom", "stack traceback:", "        stdin:2: in function 'f'", "        stdin:1: in main chunk"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	s.exit()
}

// completionLine is the text of the row the cursor is on.
func completionLine(lines []string, row int) string { return lines[row] }

func TestCompleteModuleField(t *testing.T) {
	s := start(t)
	s.send("socket.geth\t")
	s.waitFor("the common part inserted", func(lines []string, row, col int) bool {
		return lines[row] == ">>> socket.gethost" && col == len(">>> socket.gethost")
	})
	s.send("\t")
	want := []string{"gethostbyaddr", "gethostbyname", "gethostbyname_ex", "gethostname"}
	s.waitFor("the candidates listed", func(lines []string, row, col int) bool {
		if row+1 >= len(lines) {
			return false
		}
		listed := strings.Fields(strings.Join(lines[row+1:], " "))
		return lines[row] == ">>> socket.gethost" && strings.Join(listed, " ") == strings.Join(want, " ")
	})
	// Completing a name the module has, then running it.
	s.send("\x15") // Ctrl-U: clear the line
	s.send("socket.gethostn\t")
	s.waitFor("the unique candidate completed", func(lines []string, row, col int) bool {
		return lines[row] == ">>> socket.gethostname"
	})
	s.send("\x15")
	s.waitPrompt()
	s.exit()
}

func TestCompleteMethod(t *testing.T) {
	s := start(t)
	s.expect("s = socket.socket()")
	s.send("s:se\t")
	want := []string{"send", "sendall", "sendto", "setblocking", "setsockopt", "settimeout"}
	s.waitFor("the methods listed", func(lines []string, row, col int) bool {
		if lines[row] != ">>> s:se" || row+1 >= len(lines) {
			return false
		}
		listed := map[string]bool{}
		for _, w := range strings.Fields(strings.Join(lines[row+1:], " ")) {
			listed[w] = true
		}
		for _, w := range want {
			if !listed[w] {
				return false
			}
		}
		// Only methods: names that do not start with "se" are not offered.
		for w := range listed {
			if !strings.HasPrefix(w, "se") {
				return false
			}
		}
		return true
	})
	s.send("\x15")
	// Globals, and string keys of plain tables.
	s.expect(`config = {host = "127.0.0.1", port = 9999, [1] = "x"}`)
	s.send("config.h\t")
	s.waitFor("a table key completed", func(lines []string, row, col int) bool { return lines[row] == ">>> config.host" })
	s.send("\x15")
	s.send("conf\t")
	s.waitFor("a global completed", func(lines []string, row, col int) bool { return lines[row] == ">>> config" })
	s.send("\x15")
	s.exit()
}

func TestHelp(t *testing.T) {
	s := start(t)
	// help(socket.recv): recv is a method, not a module field, so the name
	// is what finds it.
	for _, line := range []string{"help(socket.recv)", `help("socket.recv")`} {
		got := s.enter(line)
		if len(got) < 3 || !strings.HasPrefix(got[0], "s:recv(") || !strings.HasPrefix(got[len(got)-1], "    Python: ") || !strings.Contains(got[len(got)-1], "recv(bufsize") {
			t.Fatalf("%s printed:\n%s", line, strings.Join(got, "\n"))
		}
	}
	s.expect("s = socket.socket()")
	got := s.enter("help(s.recv)")
	if len(got) < 3 || !strings.HasPrefix(got[0], "s:recv(") {
		t.Fatalf("help(s.recv) printed:\n%s", strings.Join(got, "\n"))
	}
	got = s.enter("help(socket)")
	if len(got) < 3 || got[0] != "module socket" || !strings.Contains(strings.Join(got, "\n"), "socket.gethostname(") {
		t.Fatalf("help(socket) printed:\n%s", strings.Join(got, "\n"))
	}
	got = s.enter("help()")
	if !strings.Contains(strings.Join(got, "\n"), "    socket ") {
		t.Fatalf("help() printed:\n%s", strings.Join(got, "\n"))
	}
	s.expect(`help("nosuch.thing")`, "No documentation found for 'nosuch.thing'. help() lists the modules.")
	s.exit()
}
