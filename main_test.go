package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"netlua/interp"
	"netlua/interp/interptest"
)

var netlua string // the binary under test, built once

func TestMain(m *testing.M) { interptest.Main(m, &netlua) }

// runNetlua runs the binary with stdin and returns stdout, stderr and exit status.
func runNetlua(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(netlua, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	code := interptest.ExitCode(t, cmd.Run())
	return out.String(), errb.String(), code
}

func writeScript(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "script.lua")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestScriptArguments(t *testing.T) {
	path := writeScript(t, `print(arg[0] == ..., #arg, arg[1], arg[2], select('#', ...), ...)`)
	out, _, code := runNetlua(t, "", path, "a", "b c")
	want := "false\t2\ta\tb c\t2\ta\tb c\n"
	if code != 0 || out != want {
		t.Fatalf("exit %d, out %q, want %q", code, out, want)
	}
	// -e runs before the script, which then runs with its arguments (none).
	out, _, _ = runNetlua(t, "", "-e", "print(arg[0])", path)
	if want := path + "\nfalse\t0\tnil\tnil\t0\n"; out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}

func TestOptionsRunInOrder(t *testing.T) {
	out, errs, code := runNetlua(t, "", "-e", "x = 1", "-e", "print(x + 1)", "-l", "socket", "-e", "print(type(socket), type(socket.AF_INET))")
	if code != 0 || out != "2\ntable\tnumber\n" {
		t.Fatalf("exit %d, out %q, err %q", code, out, errs)
	}
	out, _, _ = runNetlua(t, "", "-eprint(7)")
	if out != "7\n" {
		t.Fatalf("-eCHUNK: %q", out)
	}
}

func TestStdinScript(t *testing.T) {
	for _, args := range [][]string{nil, {"-"}} {
		out, _, code := runNetlua(t, "print(1)\nprint(2)\n", args...)
		if code != 0 || out != "1\n2\n" {
			t.Fatalf("%v: exit %d, out %q", args, code, out)
		}
	}
}

func TestVersionHelpAndBadFlags(t *testing.T) {
	// Like lua -v, one line; a release stamps its version over interp's
	// (internal/release tests that).
	out, _, code := runNetlua(t, "", "-v")
	if want := "netlua " + interp.Version + " (Lua 5.1, gopher-lua)\n"; code != 0 || out != want {
		t.Fatalf("-v: %d %q, want %q", code, out, want)
	}
	out, _, code = runNetlua(t, "", "-h")
	if code != 0 || !strings.HasPrefix(out, "usage: netlua [options] [script [args]]") {
		t.Fatalf("-h: %d %q", code, out)
	}
	_, errs, code := runNetlua(t, "", "-x")
	if code != 2 || !strings.Contains(errs, "unrecognized option '-x'") || !strings.Contains(errs, "usage:") {
		t.Fatalf("-x: %d %q", code, errs)
	}
	_, errs, code = runNetlua(t, "", "-e")
	if code != 2 || !strings.Contains(errs, "'-e' needs argument") {
		t.Fatalf("-e without chunk: %d %q", code, errs)
	}
}

func TestUncaughtErrorExitsOne(t *testing.T) {
	path := writeScript(t, "local x = 1\nerror(ConnectionRefusedError(111, 'Connection refused'))\n")
	_, errs, code := runNetlua(t, "", path)
	first := strings.SplitN(errs, "\n", 2)[0]
	if code != 1 || first != path+":2: ConnectionRefusedError: [Errno 111] Connection refused" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if !strings.Contains(errs, "stack traceback:") {
		t.Fatalf("no traceback: %q", errs)
	}
	_, errs, code = runNetlua(t, "", "-e", "error('plain')")
	if code != 1 || !strings.HasPrefix(errs, "(command line):1: plain\nstack traceback:") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	// An exception raised by a Go function that pcall called directly, then
	// re-raised, is placed at the first Lua frame, not at gopher-lua's "[G]:".
	_, errs, code = runNetlua(t, "", "-l", "socket", "-e", "local ok, e = pcall(socket.socket, 999)\nerror(e)")
	if first := strings.SplitN(errs, "\n", 2)[0]; code != 1 || first != "(command line):2: OSError: "+familyNotSupported {
		t.Fatalf("re-raised: exit %d, stderr %q", code, errs)
	}
	// Syntax errors as lua(1) words them: file:line: message near 'token'.
	script := writeScript(t, "local x = 1\nx = = 1\n")
	_, errs, code = runNetlua(t, "", script)
	if want := script + ":2: syntax error near '='\n"; code != 1 || errs != want {
		t.Fatalf("syntax error: exit %d, stderr %q, want %q", code, errs, want)
	}
	script = writeScript(t, "function f()\n  return 1\n")
	_, errs, code = runNetlua(t, "", script)
	if want := script + ":3: syntax error near '<eof>'\n"; code != 1 || errs != want {
		t.Fatalf("missing end: exit %d, stderr %q, want %q", code, errs, want)
	}
	_, errs, code = runNetlua(t, "x = = 1", "-")
	if want := "stdin:1: syntax error near '='\n"; code != 1 || errs != want {
		t.Fatalf("stdin: exit %d, stderr %q, want %q", code, errs, want)
	}
}

func TestExitCodes(t *testing.T) {
	for src, want := range map[string]int{"exit()": 0, "exit(3)": 3, "exit('bye')": 1, "os.exit(4)": 4} {
		_, errs, code := runNetlua(t, "", "-e", src)
		if code != want {
			t.Errorf("%s: exit %d, want %d (%q)", src, code, want, errs)
		}
	}
	if _, errs, _ := runNetlua(t, "", "-e", "exit('bye')"); errs != "bye\n" {
		t.Errorf("exit('bye') printed %q", errs)
	}
}

func TestCtrlCExits130(t *testing.T) {
	cmd := exec.Command(netlua, "-e", "print('ready') while true do end")
	interptest.Interruptible(cmd)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 6)
	if _, err := stdout.Read(buf); err != nil || string(buf) != "ready\n" {
		t.Fatalf("read %q, %v", buf, err)
	}
	if err := interptest.Interrupt(cmd.Process); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Skipf("cannot send Ctrl-C here: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("SIGINT did not stop the busy loop")
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 || errb.String() != "KeyboardInterrupt\n" {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}
