package threading

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	gotime "time"

	"netlua/interp/interptest"
)

// TestProcessExit runs the real netlua binary: at exit it waits for a
// non-daemon thread but not for a daemon one, and an error in a thread is
// reported without changing the exit status, as in Python.
func TestProcessExit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the netlua binary")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("builds the netlua binary, which needs the go command: not on PATH (as under Wine)")
	}
	dir := t.TempDir()
	bin, err := interptest.BuildNetlua(dir)
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "threads.lua")
	os.WriteFile(script, []byte(`
local threading, time = require("threading"), require("time")
threading.Thread{target=function() time.sleep(0.3) print("worker done") end}:start()
threading.Thread{target=function() time.sleep(30) print("daemon done") end, daemon=true}:start()
threading.Thread{target=function() error("oops") end, name="bad"}:start()
print("main done")
`), 0o644)
	cmd := exec.Command(bin, script)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := gotime.Now()
	if err := cmd.Run(); errors.Is(err, syscall.ENOEXEC) {
		// The test runs emulated (go test -exec qemu-aarch64) without
		// binfmt_misc, so the binary it built cannot be started from it.
		t.Skip("the netlua binary built for this architecture cannot be run here: " + err.Error())
	} else if err != nil {
		t.Fatalf("exit: %v\nstderr:\n%s", err, stderr.String())
	}
	elapsed := gotime.Since(start)
	if got := stdout.String(); got != "main done\nworker done\n" {
		t.Errorf("stdout %q: the non-daemon thread must finish, the daemon one must not", got)
	}
	if elapsed < 300*gotime.Millisecond || elapsed > 10*gotime.Second {
		t.Errorf("took %v: it must wait for the worker (0.3 s) and not for the daemon (30 s)", elapsed)
	}
	if !strings.HasPrefix(stderr.String(), "Exception in thread bad:\n") || !strings.Contains(stderr.String(), "threads.lua:5: oops\nstack traceback:") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
}
