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
//     waiting for its ready line, reading its RSS, stopping it by PID;
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
	"syscall"
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
// found with `go env GOMOD`, so it works from any directory of the module.
// A netlua binary given as netlua is used as it is instead (to compare two
// builds, or to profile one).
func Build(dir, netlua string) (*Binaries, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return nil, fmt.Errorf("not inside the netlua module")
	}
	b := &Binaries{
		Root:    filepath.Dir(gomod),
		Netlua:  filepath.Join(dir, "netlua"),
		GoEcho:  filepath.Join(dir, "goecho"),
		GluaCPU: filepath.Join(dir, "gluacpu"),
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

// Stop interrupts the server by its PID (SIGINT: netlua then finishes a CPU
// profile it was asked for) and kills it if it is still there 3 s later.
func (s *Server) Stop() {
	syscall.Kill(s.Pid, syscall.SIGINT)
	select {
	case <-s.exited:
		return
	case <-time.After(3 * time.Second):
	}
	syscall.Kill(s.Pid, syscall.SIGKILL)
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

// ProcessCPU reads the user and system time of process pid from
// /proc/PID/stat. Linux counts them in clock ticks of 1/100 s (USER_HZ on
// every architecture Go runs Linux on), so runs of a second or more are
// needed for a useful figure.
func ProcessCPU(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, in parentheses, may hold spaces: fields are counted
	// after its closing parenthesis, where field 3 (state) is the first.
	i := strings.LastIndexByte(string(data), ')')
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bad /proc/%d/stat: %q", pid, data)
	}
	return time.Duration(utime+stime) * (time.Second / 100), nil
}

// RSS is the server's resident set size in bytes, from /proc/PID/status.
func (s *Server) RSS() (int64, error) { return RSS(s.Pid) }

// RSS reads VmRSS of process pid, in bytes.
func RSS(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

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

// RaiseFileLimit raises the soft open-files limit to the hard limit, for this
// process and the servers it starts (children inherit it; setting it
// explicitly also stops os/exec from restoring the old limit in children).
// It returns the new soft limit.
func RaiseFileLimit() (uint64, error) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	lim.Cur = lim.Max
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	return lim.Cur, nil
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
