package repl_test

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"netlua/interp/interptest"
)

// The tests drive the real netlua binary through a pseudo-terminal, as a
// user at a terminal would, and read the result off a model of the screen.

var binary string

func TestMain(m *testing.M) { interptest.Main(m, &binary) }

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

// waitRaw waits until the line editor has the terminal in raw mode.
func (s *session) waitRaw() {
	s.t.Helper()
	s.waitMode("raw mode", func(lflag uint32) bool { return lflag&modeCanonical == 0 })
}

// waitCooked waits until the terminal has left raw mode, that is until the
// line editor has handed the terminal to the running chunk, so that Ctrl-C
// is a signal rather than a key.
func (s *session) waitCooked() {
	s.t.Helper()
	s.waitMode("cooked mode", func(lflag uint32) bool { return lflag&modeSignals != 0 && lflag&modeCanonical != 0 })
}

// waitMode polls the terminal's local modes until ok holds for them.
func (s *session) waitMode(what string, ok func(lflag uint32) bool) {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		lflag, err := localModes(s.pty)
		if err != nil {
			s.t.Fatal(err)
		}
		if ok(lflag) {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the terminal never went to %s; screen:\n%s", what, s.dump())
		}
		time.Sleep(time.Millisecond)
	}
}

// exit sends Ctrl-D and waits for the process to end with status 0. It
// waits for the line editor's raw mode first: sent while the terminal is
// still cooked (the prompt can be on the screen a moment before), Ctrl-D is
// the line discipline's end of file, which readline never sees.
func (s *session) exit() {
	s.t.Helper()
	s.waitRaw()
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
	s.expect("nosuch()", "stdin:1: attempt to call global 'nosuch' (a nil value)")
	// Ctrl-D in the middle of a chunk reports what is missing, as lua does,
	// on the chunk's last line.
	s.send("function f()\r")
	s.waitFor("the continuation prompt", func(lines []string, row, col int) bool { return lines[row] == "..." })
	s.send("  return 1\r")
	s.waitFor("the second continuation prompt", func(lines []string, row, col int) bool {
		return lines[row] == "..." && lines[row-1] == "...   return 1"
	})
	s.send("\x04")
	s.waitFor("the error at the end of input", func(lines []string, row, col int) bool {
		for _, l := range lines {
			if l == "stdin:2: syntax error near '<eof>'" {
				return true
			}
		}
		return false
	})
	s.waitPrompt()
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
	// help(socket) is longer than the screen: look at its end.
	s.send("help(socket)\r")
	s.waitFor("help(socket)", func(lines []string, row, col int) bool {
		text := strings.Join(lines[:row], "\n")
		return lines[row] == ">>>" && strings.Contains(text, "\n    socket.gethostname() -> string\n") &&
			strings.Contains(text, "\n    socket.socket([family [, type [, proto [, fileno]]]] [, {family=, type=,")
	})
	lines := s.scr.lines()
	seen := map[string]bool{}
	for _, l := range lines {
		if strings.HasPrefix(l, "    socket.") && seen[l] {
			t.Fatalf("help(socket) lists %q twice", l)
		}
		seen[l] = true
	}
	s.send("\x0c") // Ctrl-L: clear the screen
	s.waitFor("a clear screen", func(lines []string, row, col int) bool { return row == 0 && lines[0] == ">>>" })
	// help() lists more modules than the screen has rows: look at its end.
	s.send("help()\r")
	s.waitFor("help()", func(lines []string, row, col int) bool {
		text := strings.Join(lines[:row], "\n")
		return lines[row] == ">>>" && strings.Contains(text, "\n    socketserver ") && strings.Contains(text, "\nBuiltins: ")
	})
	s.expect(`help("nosuch.thing")`, "No documentation found for 'nosuch.thing'. help() lists the modules.")
	s.exit()
}

func TestCtrlCDuringAccept(t *testing.T) {
	s := start(t)
	s.expect(`local srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)`)
	s.expect(`srv:bind({"127.0.0.1", 0})`)
	s.expect(`srv:listen(1)`)
	out := s.enter(`srv:getsockname()[2]`)
	if len(out) != 1 {
		t.Fatalf("port: %q", out)
	}
	port, err := strconv.Atoi(out[0])
	if err != nil {
		t.Fatalf("port: %q", out)
	}
	s.send("conn, addr = srv:accept()\r")
	s.waitCooked()
	s.send("\x03")
	s.waitFor("KeyboardInterrupt and the prompt", func(lines []string, row, col int) bool {
		// The terminal echoes ^C on the line the chunk was typed below.
		return lines[row] == ">>>" && col == 4 && lines[row-1] == "KeyboardInterrupt" && lines[row-3] == ">>> conn, addr = srv:accept()"
	})
	// The socket is still listening and accept works again.
	s.send("conn, addr = srv:accept()\r")
	s.waitCooked()
	client, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), timeout)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	s.waitPrompt()
	local := client.LocalAddr().(*net.TCPAddr)
	s.expect("addr", fmt.Sprintf("('127.0.0.1', %d)", local.Port))
	s.expect(`conn:sendall("hello")`)
	buf := make([]byte, 5)
	client.SetReadDeadline(time.Now().Add(timeout))
	if _, err := client.Read(buf); err != nil || string(buf) != "hello" {
		t.Fatalf("client read %q, %v", buf, err)
	}
	s.expect("conn:close() srv:close()")
	s.exit()
}

func TestCtrlCDuringBusyLoop(t *testing.T) {
	s := start(t)
	s.expect("n = 0")
	s.send("while true do n = n + 1 end\r")
	s.waitCooked()
	s.send("\x03")
	s.waitFor("KeyboardInterrupt and the prompt", func(lines []string, row, col int) bool {
		return lines[row] == ">>>" && col == 4 && lines[row-1] == "KeyboardInterrupt"
	})
	// The loop ran, and the session goes on with its state.
	out := s.enter("n > 0")
	if len(out) != 1 || out[0] != "true" {
		t.Fatalf("n > 0 printed %q", out)
	}
	// Ctrl-C at the prompt is a key: it clears the line, nothing runs.
	s.send("print('not run')")
	s.send("\x03")
	s.waitPrompt()
	s.expect("1 + 1", "2")
	s.exit()
}

// TestBackgroundOutputWhileEditing types and edits a line holding wide
// characters while a thread prints every 20 ms: each printed line must be
// whole on the screen, the line being typed must stay intact below them
// with the cursor where the edits put it, and the submitted line must be
// what was typed.
func TestBackgroundOutputWhileEditing(t *testing.T) {
	s := start(t)
	s.send("function tick()\r")
	s.send("  for i = 1, 1e9 do if stop then return end print('tick ' .. i) time.sleep(0.02) end\r")
	s.expect("end")
	s.send("threading.Thread{target=tick}:start()\r")
	s.waitPrompt()

	tick := regexp.MustCompile(`^tick \d+$`)
	// check waits for the input line to read want with the cursor at
	// column col, and for at least one more tick printed since the last
	// check, so that the editing really is interleaved with output.
	lastTick := ""
	check := func(what, want string, wantCol int) {
		t.Helper()
		s.waitFor(what, func(lines []string, row, col int) bool {
			if lines[row] != want || col != wantCol {
				return false
			}
			newest := ""
			for r := 0; r < row; r++ {
				l := lines[r]
				if strings.HasPrefix(l, "tick") && !tick.MatchString(l) {
					t.Fatalf("garbled line %q on screen:\n%s", l, s.dump())
				}
				if tick.MatchString(l) {
					newest = l
				}
			}
			if newest == "" || newest == lastTick {
				return false
			}
			lastTick = newest
			return true
		})
	}
	// Typed in pieces, as a person types, with output arriving between.
	s.send(`你好`)
	check("the first characters", ">>> 你好", 4+4)
	s.send(`世界"`)
	check("the rest", `>>> 你好世界"`, 4+9)
	s.send("\x1b[H") // Home
	check("Home", `>>> 你好世界"`, 4)
	s.send(`r = "`)
	check("text inserted at the start", `>>> r = "你好世界"`, 9)
	s.send("\x1b[F") // End
	check("End", `>>> r = "你好世界"`, 18)
	s.send("\x1b[D\x1b[D") // Left, Left: over '"' and then over 界
	check("two Lefts", `>>> r = "你好世界"`, 15)
	s.send("!")
	check("a character inserted before 界", `>>> r = "你好世!界"`, 16)
	s.send("\r")
	s.waitFor("the prompt", func(lines []string, row, col int) bool { return lines[row] == ">>>" && col == 4 })
	s.send("r\r")
	s.waitFor("the value", func(lines []string, row, col int) bool {
		for r := row - 1; r > 0; r-- {
			if lines[r] == "'你好世!界'" && lines[r-1] == ">>> r" {
				return lines[row] == ">>>"
			}
		}
		return false
	})
	// Ctrl-C in a foreground chunk leaves the thread running.
	s.send("while true do end\r")
	s.waitCooked()
	s.send("\x03")
	s.waitFor("KeyboardInterrupt", func(lines []string, row, col int) bool {
		return lines[row] == ">>>" && strings.Contains(strings.Join(lines, "\n"), "KeyboardInterrupt")
	})
	check("ticks after Ctrl-C", ">>>", 4)
	s.send("stop = true\r")
	// Wait for the thread to end before Ctrl-D: a key that arrives while
	// readline is redrawing the prompt around background output can be
	// taken by its cursor-position query and held back until the next key
	// (ergochat/readline v0.1.3, terminal.GetCursorPosition; seen here about
	// once in sixty runs on a loaded machine).
	s.waitPrompt()
	s.expect("while threading.active_count() > 1 do time.sleep(0.01) end")
	s.exit()
}

func TestHistoryPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hist")
	s := start(t, "NETLUA_HISTORY="+path)
	s.expect("x = 41")
	s.send("function g()\r")
	s.send("  return x + 1\r")
	s.expect("end")
	s.exit()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v, want 0600", info.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if want := "x = 41\nfunction g() return x + 1 end\n"; string(data) != want {
		t.Errorf("history file holds %q, want %q", data, want)
	}

	s = start(t, "NETLUA_HISTORY="+path)
	s.send("\x1b[A") // Up: the multi-line chunk, as one entry
	s.waitFor("the chunk recalled", func(lines []string, row, col int) bool {
		return lines[row] == ">>> function g() return x + 1 end"
	})
	s.send("\x1b[A")
	s.waitFor("the first entry recalled", func(lines []string, row, col int) bool { return lines[row] == ">>> x = 41" })
	s.send("\r")
	s.waitPrompt()
	s.send("\x12g()") // Ctrl-R: search backwards
	s.waitFor("the search", func(lines []string, row, col int) bool {
		return strings.Contains(lines[row], "function g() return x + 1 end")
	})
	s.send("\r")
	s.waitPrompt()
	s.expect("g()", "42")
	s.exit()
	data, _ = os.ReadFile(path)
	if want := "x = 41\nfunction g() return x + 1 end\nx = 41\nfunction g() return x + 1 end\ng()\n"; string(data) != want {
		t.Errorf("history file holds %q, want %q", data, want)
	}
}

func TestHistoryDisabled(t *testing.T) {
	home := t.TempDir()
	s := start(t, "HOME="+home, "NETLUA_HISTORY=")
	s.expect("1", "1")
	s.exit()
	if entries, _ := os.ReadDir(home); len(entries) != 0 {
		t.Fatalf("history written with NETLUA_HISTORY empty: %v", entries)
	}
}

func TestExit(t *testing.T) {
	s := start(t)
	s.send("exit(3)\r")
	select {
	case <-s.exited:
	case <-time.After(timeout):
		t.Fatalf("exit(3) did not end netlua; screen:\n%s", s.dump())
	}
	var ee *exec.ExitError
	if !errors.As(s.err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("exit status %v, want 3", s.err)
	}
}

func TestPipedStdin(t *testing.T) {
	cmd := exec.Command(binary)
	cmd.Env = []string{"HOME=" + t.TempDir(), "NETLUA_HISTORY="}
	cmd.Stdin = strings.NewReader("x = 1\nprint(x + 1)\nlocal function f() return 'ok' end\nprint(f())\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// A script: no banner, no prompts, no auto-print.
	if string(out) != "2\nok\n" {
		t.Fatalf("got %q", out)
	}

	cmd = exec.Command(binary)
	cmd.Stdin = strings.NewReader("print(1)\nerror('bad')\nprint(2)\n")
	out, err = cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.HasPrefix(string(out), "1\nstdin:2: bad\n") {
		t.Fatalf("got %q, %v", out, err)
	}
}

func TestInput(t *testing.T) {
	s := start(t)
	s.send(`name = input("name? ")` + "\r")
	s.waitFor("input's prompt", func(lines []string, row, col int) bool { return lines[row] == "name?" && col == 6 })
	s.send("李雷\r")
	s.waitPrompt()
	s.expect("name", "'李雷'")
	// Ctrl-C in input() is KeyboardInterrupt in the chunk.
	s.send(`input("> ")` + "\r")
	s.waitFor("input's prompt", func(lines []string, row, col int) bool { return lines[row] == ">" && col == 2 })
	s.send("\x03")
	s.waitFor("KeyboardInterrupt", func(lines []string, row, col int) bool {
		return lines[row] == ">>>" && col == 4 && lines[row-1] == "KeyboardInterrupt"
	})
	s.exit()
}

// TestExitWaitsForThreads: Ctrl-D waits for a non-daemon thread, as Python
// does at exit, and Ctrl-C then ends the wait.
func TestExitWaitsForThreads(t *testing.T) {
	s := start(t)
	s.expect("threading.Thread{target=function() while true do time.sleep(0.05) end end}:start()")
	s.send("\x04")
	select {
	case <-s.exited:
		t.Fatalf("netlua exited (%v) with a thread running; screen:\n%s", s.err, s.dump())
	case <-time.After(300 * time.Millisecond):
	}
	s.waitCooked()
	s.send("\x03")
	select {
	case <-s.exited:
	case <-time.After(timeout):
		t.Fatalf("Ctrl-C did not end the wait; screen:\n%s", s.dump())
	}
	var ee *exec.ExitError
	if !errors.As(s.err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("exit status %v, want 130", s.err)
	}
}
