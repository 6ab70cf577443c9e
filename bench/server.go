// Package bench measures netlua against the programs it is meant to beat and
// approach: the same thread-per-connection echo server in netlua
// (echo_server.lua), in Python 3 (echo_server.py) and in plain Go
// (cmd/goecho), driven by a Go load generator on loopback; plus netlua's
// start-up time and its pure-Lua speed against plain gopher-lua.
//
// The runner is cmd/netbench; it prints one Markdown table (BENCHMARKS.md).
// This package holds the pieces so that a smoke test can run every scenario
// at tiny size and the harness cannot rot:
//
//   - server.go: building the binaries, starting a server on a free port,
//     waiting for its ready line, reading its RSS, stopping it by PID (what
//     differs per OS is in proc_linux.go, proc_windows.go, proc_bsd.go);
//   - load.go: the load generator (ping-pong and idle connections);
//   - local.go: start-up time and the CPU benchmark;
//   - suite.go and report.go: the scenarios, interleaved repeats, medians
//     and the table with the targets of issue 6.
//
// Every loop is bounded in count and in time, and only 127.0.0.1 is used.
package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Binaries are the programs a run needs, built from this module.
type Binaries struct {
	Root    string // module root: scripts are found under Root/bench
	Netlua  string
	GoEcho  string
	GluaCPU string
}

// Build compiles netlua, goecho and gluacpu into dir. The module root is
// the nearest folder above the current one with a go.mod, so it works from
// any directory of the module. A netlua binary given as netlua is used as it
// is instead (to compare two builds, or to profile one). Under
// NETLUA_TEST_BINARY (set by .ci/platforms, where the test binary runs under
// Wine and cannot run the go command) all three are taken prebuilt from that
// binary's folder.
func Build(dir, netlua string) (*Binaries, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	if pre := os.Getenv("NETLUA_TEST_BINARY"); pre != "" {
		dir, netlua = filepath.Dir(pre), pre
	}
	b := &Binaries{
		Root:    root,
		Netlua:  filepath.Join(dir, "netlua"+exeSuffix),
		GoEcho:  filepath.Join(dir, "goecho"+exeSuffix),
		GluaCPU: filepath.Join(dir, "gluacpu"+exeSuffix),
	}
	builds := []struct{ out, pkg string }{
		{b.GoEcho, "./bench/cmd/goecho"},
		{b.GluaCPU, "./bench/cmd/gluacpu"},
	}
	if netlua == "" {
		builds = append(builds, struct{ out, pkg string }{b.Netlua, "."})
	} else {
		b.Netlua = netlua
	}
	if os.Getenv("NETLUA_TEST_BINARY") != "" {
		return b, nil
	}
	for _, p := range builds {
		cmd := exec.Command("go", "build", "-o", p.out, p.pkg)
		cmd.Dir = b.Root
		// Static binaries, as the README builds netlua: with cgo, importing
		// net links libc for its resolver, and the dynamic loader then
		// adds milliseconds to every start (BENCHMARKS.md, start-up).
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if msg, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build %s: %v\n%s", p.pkg, err, msg)
		}
	}
	return b, nil
}

// moduleRoot is the nearest folder at or above the current one holding a
// go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("not inside the netlua module (no go.mod above %s)", dir)
		}
		dir = up
	}
}

// Script is the path of a file in the bench directory.
func (b *Binaries) Script(name string) string { return filepath.Join(b.Root, "bench", name) }

// A ServerKind is one of the compared echo servers: how to start it on a
// port with a listen backlog.
type ServerKind struct {
	Name string
	Argv func(port, backlog int) []string
}

// Kinds returns the three echo servers. python is the Python interpreter
// ("" when absent: the Python server is then left out).
func (b *Binaries) Kinds(python string) []ServerKind {
	kinds := []ServerKind{
		{"netlua", func(port, backlog int) []string {
			return []string{b.Netlua, b.Script("echo_server.lua"), strconv.Itoa(port), strconv.Itoa(backlog)}
		}},
	}
	if python != "" {
		kinds = append(kinds, ServerKind{"python", func(port, backlog int) []string {
			return []string{python, b.Script("echo_server.py"), strconv.Itoa(port), strconv.Itoa(backlog)}
		}})
	}
	kinds = append(kinds, ServerKind{"go", func(port, backlog int) []string {
		return []string{b.GoEcho, strconv.Itoa(port), strconv.Itoa(backlog)}
	}})
	return kinds
}

// A Server is a running echo server process.
type Server struct {
	Name string
	Addr string // 127.0.0.1:port
	Pid  int

	cmd    *exec.Cmd
	stderr *tailBuffer
	exited chan struct{}
}

// readyWord is what every echo server prints once it listens.
const readyWord = "listening on"

// Start runs kind on a free loopback port and waits (at most timeout) for
// its ready line. The port is picked here and handed to the server, so all
// three servers are started the same way. env is added to the server's
// environment.
func Start(kind ServerKind, backlog int, timeout time.Duration, env ...string) (*Server, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	argv := kind.Argv(port, backlog)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), env...)
	ownGroup(cmd)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s := &Server{Name: kind.Name, Addr: fmt.Sprintf("127.0.0.1:%d", port), cmd: cmd,
		stderr: &tailBuffer{max: 4096}, exited: make(chan struct{})}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s.Pid = cmd.Process.Pid
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		seen := false
		for sc.Scan() {
			if !seen && strings.Contains(sc.Text(), readyWord) {
				seen = true
				ready <- true
			}
		}
		// Keep draining until exit so the server never blocks on stdout.
		if !seen {
			ready <- false
		}
	}()
	go func() { cmd.Wait(); close(s.exited) }()
	select {
	case ok := <-ready:
		if ok {
			return s, nil
		}
		s.Stop()
		return nil, fmt.Errorf("%s exited before its ready line: %s", kind.Name, s.stderr)
	case <-time.After(timeout):
		s.Stop()
		return nil, fmt.Errorf("%s: no ready line within %v: %s", kind.Name, timeout, s.stderr)
	}
}

// Stop interrupts the server (Ctrl-C: netlua then finishes a CPU profile it
// was asked for) and kills it if it is still there 3 s later, or at once
// where it cannot be interrupted.
func (s *Server) Stop() {
	if interrupt(s.cmd.Process) == nil {
		select {
		case <-s.exited:
			return
		case <-time.After(3 * time.Second):
		}
	}
	s.cmd.Process.Kill()
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
	}
}

// Alive reports whether the server process is still running.
func (s *Server) Alive() bool {
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// Stderr is the end of what the server wrote to standard error.
func (s *Server) Stderr() string { return s.stderr.String() }

// CPU is the processor time (user and system) the server has used so far.
func (s *Server) CPU() (time.Duration, error) { return ProcessCPU(s.Pid) }

// RSS is the server's resident set size in bytes (proc_*.go).
func (s *Server) RSS() (int64, error) { return RSS(s.Pid) }

// FindPython returns the path of the real python3 interpreter, or "" if there
// is none. A version manager's shim (pyenv's is a shell script) would add
// hundreds of milliseconds to every start, so the interpreter is asked for
// its own path.
func FindPython() string {
	path, err := exec.LookPath("python3")
	if err != nil {
		return ""
	}
	out, err := exec.Command(path, "-c", "import sys; print(sys.executable)").Output()
	if err != nil {
		return ""
	}
	if exe := strings.TrimSpace(string(out)); exe != "" {
		return exe
	}
	return path
}

// FreePort asks the kernel for a free loopback TCP port.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf bytes.Buffer
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if extra := t.buf.Len() - t.max; extra > 0 {
		t.buf.Next(extra)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(t.buf.String())
}
