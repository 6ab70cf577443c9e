package interp_test

import (
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// interruptAfter delivers Ctrl-C to the main thread after d.
func interruptAfter(rt *interp.Runtime, d time.Duration) {
	go func() {
		time.Sleep(d)
		rt.Interrupt()
	}()
}

func TestBusyLoopInterruptedAndStateUsableAfter(t *testing.T) {
	rt := interptest.New(t)
	interruptAfter(rt.Runtime, 50*time.Millisecond)
	err := rt.RunString(`
		local ok, e = pcall(function() while true do end end)
		print(ok, isinstance(e, KeyboardInterrupt), isinstance(e, Exception), tostring(e) == "")
		local n = 0
		for i = 1, 100000 do n = n + i end
		print(n)`, "t")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rt.Stdout.String(), "false\ttrue\tfalse\ttrue\n5000050000\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestUncaughtInterruptReport(t *testing.T) {
	rt := interptest.New(t)
	interruptAfter(rt.Runtime, 20*time.Millisecond)
	err := rt.RunString("while true do end", "t")
	e := interp.FromLuaError(rt.Runtime, err)
	if !e.IsA(interp.KeyboardInterrupt) || e.ExitCode() != 130 || e.ExitMessage() != "KeyboardInterrupt\n" {
		t.Fatalf("got %v (exit %d, %q)", e, e.ExitCode(), e.ExitMessage())
	}
}

func TestInterruptInsideCoroutine(t *testing.T) {
	rt := interptest.New(t)
	interruptAfter(rt.Runtime, 30*time.Millisecond)
	err := rt.RunString(`
		local co = coroutine.wrap(function() while true do end end)
		local ok, e = pcall(co)
		print(ok, isinstance(e, KeyboardInterrupt))`, "t")
	if err != nil {
		t.Fatal(err)
	}
	if got := rt.Stdout.String(); got != "false\ttrue\n" {
		t.Fatalf("got %q", got)
	}
}

// A busy thread must hand the GIL over: the main thread's Block (standing in
// for a 10 ms sleep) must finish close to 10 ms, not when the busy thread ends.
func TestBusyThreadHandsOverGIL(t *testing.T) {
	rt := interptest.New(t)
	L := rt.L
	if err := rt.RunString(`stop = false; function spin() while not stop do end end`, "t"); err != nil {
		t.Fatal(err)
	}
	th := rt.NewThread("spinner", true)
	th.Start(L.GetGlobal("spin"))
	var elapsed time.Duration
	sleep := L.NewFunction(func(L *lua.LState) int {
		start := time.Now()
		interp.Block(L, nil, func() { time.Sleep(10 * time.Millisecond) })
		elapsed = time.Since(start)
		return 0
	})
	for i := 0; i < 5; i++ {
		if err := rt.Call(sleep, 0); err != nil {
			t.Fatal(err)
		}
		if elapsed > 500*time.Millisecond {
			t.Fatalf("sleep of 10ms took %v with a busy thread", elapsed)
		}
	}
	L.SetGlobal("stop", lua.LTrue)
	if err := rt.Call(sleep, 0); err != nil { // lets the spinner see stop
		t.Fatal(err)
	}
	select {
	case <-th.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("spinner did not stop")
	}
}

// Threads share globals, tables and closures with the main thread. (Like
// Python, `counter = counter + 1` is not atomic across threads: a switch can
// fall between reading and writing. Each thread counts in its own slot.)
func TestThreadsShareState(t *testing.T) {
	rt := interptest.New(t)
	if err := rt.RunString(`
		slots = {}
		local shared = {calls = 0}
		function work(i) slots[i] = 0 for n = 1, 20000 do slots[i] = slots[i] + 1 end shared.calls = shared.calls + 0 end
		function total() local s = 0 for _, v in pairs(slots) do s = s + v end return s end`, "t"); err != nil {
		t.Fatal(err)
	}
	var threads []*interp.Thread
	for i := 1; i <= 8; i++ {
		th := rt.NewThread("", false)
		th.Start(rt.L.GetGlobal("work"), lua.LNumber(i))
		threads = append(threads, th)
	}
	if !rt.WaitThreads() {
		t.Fatal("interrupted")
	}
	if err := rt.Call(rt.L.GetGlobal("total"), 1); err != nil {
		t.Fatal(err)
	}
	if got := rt.L.Get(-1); got != lua.LNumber(160000) {
		t.Fatalf("total = %v", got)
	}
	rt.L.Pop(1)
	for _, th := range threads {
		if th.Alive() {
			t.Fatalf("%s still alive", th.Name)
		}
	}
	if n := len(rt.Threads()); n != 1 {
		t.Fatalf("%d threads listed after all finished", n)
	}
}

func TestThreadErrorIsReportedAndContained(t *testing.T) {
	rt := interptest.New(t)
	if err := rt.RunString(`function bad() error(ValueError("boom")) end`, "t"); err != nil {
		t.Fatal(err)
	}
	th := rt.NewThread("worker", false)
	th.Start(rt.L.GetGlobal("bad"))
	rt.WaitThreads()
	got := rt.Stderr.String()
	if !strings.HasPrefix(got, "Exception in thread worker:\nt:1: ValueError: boom\nstack traceback:") {
		t.Fatalf("report:\n%s", got)
	}
}

func TestInterruptWhileBlocked(t *testing.T) {
	rt := interptest.New(t)
	waited := make(chan struct{})
	wait := rt.L.NewFunction(func(L *lua.LState) int {
		th := interp.Current(L)
		interp.Block(L, nil, func() {
			select {
			case <-th.Woken():
			case <-time.After(5 * time.Second):
			}
		})
		close(waited)
		return 0
	})
	rt.L.SetGlobal("wait", wait)
	interruptAfter(rt.Runtime, 20*time.Millisecond)
	start := time.Now()
	if err := rt.RunString(`local ok, e = pcall(wait) print(ok, isinstance(e, KeyboardInterrupt))`, "t"); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 2*time.Second {
		t.Fatal("blocked call was not woken")
	}
	select {
	case <-waited:
		t.Fatal("the binding continued after an interrupt instead of raising")
	default:
	}
	if got := rt.Stdout.String(); got != "false\ttrue\n" {
		t.Fatalf("got %q", got)
	}
}

// An interrupt that arrives before the wait starts must not be lost.
func TestInterruptBeforeBlock(t *testing.T) {
	rt := interptest.New(t)
	rt.Interrupt()
	blocked := false
	rt.L.SetGlobal("wait", rt.L.NewFunction(func(L *lua.LState) int {
		interp.Block(L, nil, func() { blocked = true })
		return 0
	}))
	if err := rt.RunString(`local ok, e = pcall(wait) print(ok, isinstance(e, KeyboardInterrupt))`, "t"); err != nil {
		t.Fatal(err)
	}
	if blocked || rt.Stdout.String() != "false\ttrue\n" {
		t.Fatalf("blocked=%v out=%q", blocked, rt.Stdout.String())
	}
}
