package exercise_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"netlua/bindings/socket"
	nltime "netlua/bindings/time"
	"netlua/exercise"
	"netlua/interp"
)

// These tests check that a check contains the learner's script: whatever
// way the check ends, the script and what it started in the background are
// stopped, and no holder of its output pipe can stretch the check.

// tickerLua appends a byte to the file arg[1] every 50 ms for a minute: a
// process whose life can be seen from outside.
const tickerLua = `local time = require("time")
for i = 1, 1200 do
  local f = assert(io.open(arg[1], "a"))
  f:write("x")
  f:close()
  time.sleep(0.05)
end
`

// backgroundLua starts the ticker in the background (NETLUA_TEST_BACKGROUND
// is the shell command), waits until it has ticked, and prints "started".
// With the argument "stay" it then ticks itself, forever.
const backgroundLua = `local time = require("time")
os.execute(os.getenv("NETLUA_TEST_BACKGROUND"))
local ticks = os.getenv("NETLUA_TEST_TICKS")
for i = 1, 200 do
  local f = io.open(ticks, "r")
  if f then f:close() break end
  time.sleep(0.05)
end
print("started")
io.stdout:flush()
while arg[1] == "stay" do
  local f = assert(io.open(ticks, "a"))
  f:write("s")
  f:close()
  time.sleep(0.05)
end
`

// waitStartedLua is a checker's wait for the script's "started".
const waitStartedLua = `local check = require("check")
local function wait_started()
  for i = 1, 200 do
    if check.output():find("started", 1, true) then return end
    check.sleep(0.05)
  end
  check.fail("the script never printed started: " .. check.output())
end
`

// containment is one teacher exercise with checker, and the files and
// environment the background script needs.
type containment struct {
	set, work, state, ticks string
	env                     []string
}

func newContainment(t *testing.T, checker string) *containment {
	t.Helper()
	c := &containment{set: t.TempDir(), work: t.TempDir(), state: t.TempDir()}
	ex := filepath.Join(c.set, "01-contained")
	os.MkdirAll(ex, 0o755)
	for name, text := range map[string]string{
		"task.md": "# Contained\n", "starter.lua": "\n", "hint.txt": "## none\n", "checker.lua": checker,
	} {
		if err := os.WriteFile(filepath.Join(ex, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ticker := filepath.Join(c.work, "ticker.lua")
	os.WriteFile(ticker, []byte(tickerLua), 0o644)
	os.WriteFile(filepath.Join(c.work, "contained.lua"), []byte(backgroundLua), 0o644)
	c.ticks = filepath.Join(c.work, "ticks")
	c.env = []string{"NETLUA_STATE_DIR=" + c.state, "NETLUA_TEST_TICKS=" + c.ticks,
		"NETLUA_TEST_BACKGROUND=" + backgroundCommand(netlua, ticker, c.ticks)}
	return c
}

// command is `netlua exercise check contained --dir SET` in the work folder.
func (c *containment) command() (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.Command(netlua, "exercise", "check", "contained", "--dir", c.set)
	cmd.Dir = c.work
	cmd.Env = append(os.Environ(), c.env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	return cmd, &out
}

// check runs the check to its end and returns its output and exit status.
func (c *containment) check(t *testing.T) (string, int) {
	t.Helper()
	cmd, out := c.command()
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return out.String(), cmd.ProcessState.ExitCode()
}

// assertStopped fails unless nothing appends to the ticks file any more:
// the background ticker and the script are both gone.
func (c *containment) assertStopped(t *testing.T) {
	t.Helper()
	size := func() int64 {
		st, err := os.Stat(c.ticks)
		if err != nil {
			t.Fatalf("the background process never ticked: %v", err)
		}
		return st.Size()
	}
	time.Sleep(200 * time.Millisecond) // a kill in flight lands
	before := size()
	time.Sleep(500 * time.Millisecond) // ten ticks' worth
	if after := size(); after != before {
		t.Fatalf("something the script started still runs after the check: %d -> %d bytes", before, after)
	}
}

// TestCheckDoesNotWaitForBackgroundChild: a script that ends after starting
// `ticker &` passes as soon as it ends, although the ticker holds its output
// pipe for a minute, and the ticker is stopped.
func TestCheckDoesNotWaitForBackgroundChild(t *testing.T) {
	c := newContainment(t, waitStartedLua+`check.start({})
check.finish(10)
check.expect_output("started", "the start line")
`)
	begin := time.Now()
	out, code := c.check(t)
	if code != 0 || !strings.HasPrefix(out, "PASS 01-contained") {
		t.Fatalf("exit %d after %v, want PASS:\n%s", code, time.Since(begin), out)
	}
	if took := time.Since(begin); took > 30*time.Second {
		t.Fatalf("the check took %v: it waited for the background ticker", took)
	}
	c.assertStopped(t)
}

// TestCheckStopsTreeOnEveryEnding: a script that stays running, with a
// background ticker, is stopped with all it started when the check passes,
// fails, or times out waiting for the script to end.
func TestCheckStopsTreeOnEveryEnding(t *testing.T) {
	for _, ending := range []struct{ name, checker, want string }{
		{"pass", "check.start({'stay'})\nwait_started()\n", "PASS 01-contained"},
		{"fail", "check.start({'stay'})\nwait_started()\ncheck.fail('failing on purpose')\n", "failing on purpose"},
		{"finish timeout", "check.start({'stay'})\nwait_started()\ncheck.finish(0.5)\n", "still running 0.5 s after"},
	} {
		t.Run(ending.name, func(t *testing.T) {
			c := newContainment(t, waitStartedLua+ending.checker)
			begin := time.Now()
			out, _ := c.check(t)
			if !strings.Contains(out, ending.want) {
				t.Fatalf("want %q:\n%s", ending.want, out)
			}
			if took := time.Since(begin); took > 30*time.Second {
				t.Fatalf("the check took %v: it waited for the background ticker", took)
			}
			c.assertStopped(t)
		})
	}
}

// TestCheckLimitStopsTree: a checker stuck in a loop is stopped at the
// check's time limit, with a verdict saying so, and the script's tree goes
// with it.
func TestCheckLimitStopsTree(t *testing.T) {
	c := newContainment(t, waitStartedLua+"check.start({'stay'})\nwait_started()\nwhile true do end\n")
	for _, kv := range c.env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	defer exercise.UseBinary(netlua, 3*time.Second)()
	set, err := exercise.DirSet(c.set)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := set.Find("contained")
	if err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	r := exercise.Check(ex, filepath.Join(c.work, "contained.lua"), []*interp.Module{socket.Module, nltime.Module}, exercise.NewRun(0))
	if took := time.Since(begin); took > 30*time.Second {
		t.Fatalf("the check took %v: it waited for the background ticker", took)
	}
	if r.Passed || !strings.Contains(r.Message, "did not end within 3s") {
		t.Fatalf("want a time-limit verdict, got %+v", r)
	}
	c.assertStopped(t)
}

// TestCheckerSignalStopsTree: Ctrl-C, SIGTERM or a closed terminal (SIGHUP)
// sent to the checker itself stops the script and its background ticker.
func TestCheckerSignalStopsTree(t *testing.T) {
	for _, sig := range stopSignals() {
		t.Run(sig.String(), func(t *testing.T) {
			c := newContainment(t, waitStartedLua+"check.start({'stay'})\nwait_started()\nprint('ready')\ncheck.sleep(60)\n")
			cmd, out := c.command()
			newProcessGroup(cmd)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			defer func() { cmd.Process.Kill(); <-done }()
			deadline := time.Now().Add(20 * time.Second)
			for !strings.Contains(out.String(), "ready") {
				if time.Now().After(deadline) {
					t.Fatalf("the checker never got ready:\n%s", out.String())
				}
				time.Sleep(20 * time.Millisecond)
			}
			sendSignal(t, cmd.Process, sig)
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("the checker did not exit on %v", sig)
			}
			if !strings.Contains(out.String(), "the script was stopped too") {
				t.Fatalf("exit %d, output:\n%s", cmd.ProcessState.ExitCode(), out.String())
			}
			c.assertStopped(t)
		})
	}
}

// TestCheckCapsOutput: a script that prints without end costs the checker
// at most the output limit, and the kept part says that the rest was cut.
func TestCheckCapsOutput(t *testing.T) {
	c := newContainment(t, `local check = require("check")
check.start({'flood'})
check.sleep(2)
local out = check.output()
check.fail(("kept %d bytes; %s"):format(#out, out:sub(1, 80)))
`)
	os.WriteFile(filepath.Join(c.work, "contained.lua"), []byte(`local chunk = string.rep("x", 65535) .. "\n"
while true do io.write(chunk) end
`), 0o644)
	out, code := c.check(t)
	var kept int
	if code != 1 || !strings.Contains(out, "[output cut: the script printed ") {
		t.Fatalf("exit %d, want a failure showing the cut notice:\n%.400s", code, out)
	}
	fmt.Sscanf(out[strings.Index(out, "kept "):], "kept %d bytes", &kept)
	if kept <= 0 || kept > 1<<20+200 {
		t.Fatalf("the check kept %d bytes of output, want at most 1 MiB and a notice:\n%.400s", kept, out)
	}
}
