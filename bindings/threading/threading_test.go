package threading

import (
	"regexp"
	"strings"
	"testing"
	gotime "time"

	"netlua/bindings/time"
	"netlua/interp"
	"netlua/interp/interptest"
)

func run(t *testing.T, src string) string {
	t.Helper()
	return interptest.Run(t, src, Module, time.Module)
}

// idents makes output with thread identifiers comparable.
var identRE = regexp.MustCompile(`\b1398\d{11}\b`)
var addrRE = regexp.MustCompile(`0x[0-9a-f]+`)

func normalize(s string) string {
	return addrRE.ReplaceAllString(identRE.ReplaceAllString(s, "IDENT"), "0xADDR")
}

func TestThreadLifecycle(t *testing.T) {
	// Expected forms from CPython 3.11 (with Python's "(target)" name
	// suffix, which Lua functions cannot have):
	// <Thread(Thread-1, initial)>, <Thread(Thread-1, started 1398...)>,
	// <Thread(w, initial daemon)>, <Thread(Thread-1, stopped 1398...)>.
	out := run(t, `
local ev = threading.Event()
local t = threading.Thread{target=function(a, b, c, kw) ev:wait(5) print("args", a, b, c, kw.x) end,
                           args={1, nil, "three"}, kwargs={x=42}}
print(t, t.name, t.ident, t.daemon, t:is_alive())
t:start()
print(t, t.ident == t.ident and t.ident ~= nil, t:is_alive())
local d = threading.Thread{target=function() end, name="w", daemon=true}
print(d, d.daemon)
ev:set()
t:join()
print(t, t:is_alive())
t.name = "renamed"
print(t.name, t)
`)
	want := `<Thread(Thread-1, initial)>	Thread-1	nil	false	false
<Thread(Thread-1, started IDENT)>	true	true
<Thread(w, initial daemon)>	true
args	1	nil	three	42
<Thread(Thread-1, stopped IDENT)>	false
renamed	<Thread(renamed, stopped IDENT)>
`
	if got := normalize(out); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestThreadErrors(t *testing.T) {
	// Messages from CPython 3.11, where it has them.
	cases := []struct{ src, want string }{
		{`local t = threading.Thread{target=print} t:start() t:join() t:start()`, "RuntimeError: threads can only be started once"},
		{`threading.Thread{}:join()`, "RuntimeError: cannot join thread before it is started"},
		{`threading.current_thread():join()`, "RuntimeError: cannot join current thread"},
		{`threading.main_thread():start()`, "RuntimeError: threads can only be started once"},
		{`local t = threading.Thread{} t.ident = 3`, "AttributeError: property 'ident' of 'Thread' object has no setter"},
		{`local t = threading.Thread{target=print} t:start() t.daemon = true`, "RuntimeError: cannot set daemon status of active thread"},
		{`threading.Thread{foo=1}`, "TypeError: Thread.__init__() got an unexpected keyword argument 'foo'"},
		{`threading.Thread{name=5}`, "TypeError: Thread() argument 'name' must be a string, not int"},
		{`threading.Thread{args=5}`, "TypeError: Thread() argument 'args' must be a table, not int"},
		{`threading.Thread(print)`, "TypeError: Thread.__init__() takes 1 positional argument but 2 were given"},
		{`threading.Thread{}.start()`, "TypeError: descriptor 'start' for 'threading.Thread' objects doesn't apply to a 'NoneType' object (call it as obj:start(...), with a colon)"},
		{`threading.Lock():release()`, "RuntimeError: release unlocked lock"},
		{`threading.RLock():release()`, "RuntimeError: cannot release un-acquired lock"},
		{`threading.Lock():acquire(false, 1)`, "ValueError: acquire(): can't specify a timeout for a non-blocking call"},
		{`threading.Lock():acquire(true, -2)`, "ValueError: acquire(): timeout value must be positive"},
		{`threading.Lock():acquire(true, 1e10)`, "OverflowError: acquire(): timeout value is too large"},
		{`threading.Lock():acquire(true, 1e20)`, "OverflowError: acquire(): timestamp out of range for platform time_t"},
		{`threading.Lock():acquire(true, 0/0)`, "ValueError: acquire(): Invalid value NaN (not a number)"}, // Event.wait(nan) returns False at once, as CPython's Condition.wait does
		{`threading.Event():wait("x")`, "TypeError: wait() argument 'timeout' must be a number, not str"},
	}
	for _, c := range cases {
		got := interptest.Error(t, c.src, Module, time.Module)
		if !strings.HasSuffix(got, c.want) {
			t.Errorf("%s:\n got %q\nwant suffix %q", c.src, got, c.want)
		}
	}
}

func TestCurrentThreadAndEnumerate(t *testing.T) {
	out := run(t, `
local main = threading.current_thread()
print(main, main == threading.current_thread(), main == threading.main_thread(), main.name)
print(threading.get_ident() == main.ident, threading.active_count(), #threading.enumerate())
local ev, go = threading.Event(), threading.Event()
local t
t = threading.Thread{target=function()
  print("inside", threading.current_thread() == t, threading.get_ident() == t.ident, threading.current_thread() ~= main)
  ev:set() go:wait(5)
end}
t:start()
ev:wait(5)
local list = threading.enumerate()
print(threading.active_count(), #list, list[1] == main, list[2] == t)
go:set() t:join()
print(threading.active_count(), threading.enumerate()[1] == main)
local s = threading.Thread{} function s:run() print("run override", self.name, self == threading.current_thread()) end
s:start() s:join()
`)
	want := `<_MainThread(MainThread, started IDENT)>	true	true	MainThread
true	1	1
inside	true	true	true
2	2	true	true
1	true
run override	Thread-2	true
`
	if got := normalize(out); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestJoinAndEventTimeouts(t *testing.T) {
	out := run(t, `
local ev = threading.Event()
print(ev, ev:is_set(), ev:wait(0), ev:wait(-1))
local t0 = time.monotonic()
print(ev:wait(0.05), time.monotonic() - t0 >= 0.05)
local th = threading.Thread{target=function() ev:wait(5) end}
th:start()
t0 = time.monotonic()
print(th:join(0.05), th:is_alive(), time.monotonic() - t0 >= 0.05)
ev:set()
print(ev, ev:is_set(), ev:wait())
th:join()
print(th:is_alive())
ev:clear()
print(ev:is_set(), ev:wait(0.01))
`)
	want := `<threading.Event at 0xADDR: unset>	false	false	false
false	true
nil	true	true
<threading.Event at 0xADDR: set>	true	true
false
false	false
`
	if got := normalize(out); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestLockContention(t *testing.T) {
	// The yield between reading and writing the counter hands the GIL to
	// another thread, so without the lock increments would be lost.
	out := run(t, `
local lock = threading.Lock()
local counter = 0
local threads = {}
for i = 1, 50 do
  threads[i] = threading.Thread{target=function()
    for j = 1, 20 do
      lock:acquire()
      local v = counter
      time.sleep(0)
      counter = v + 1
      lock:release()
    end
  end}
  threads[i]:start()
end
for _, t in ipairs(threads) do t:join() end
print(counter, lock:locked(), lock)
`)
	if got := normalize(out); got != "1000\tfalse\t<unlocked _thread.lock object at 0xADDR>\n" {
		t.Errorf("got %q", got)
	}
}

func TestLockWithoutLockLosesUpdates(t *testing.T) {
	// The control for TestLockContention: the same code without the lock
	// must lose increments, or that test proves nothing.
	out := run(t, `
local counter = 0
local threads = {}
for i = 1, 50 do
  threads[i] = threading.Thread{target=function()
    for j = 1, 20 do local v = counter time.sleep(0) counter = v + 1 end
  end}
  threads[i]:start()
end
for _, t in ipairs(threads) do t:join() end
print(counter < 1000)
`)
	if out != "true\n" {
		t.Errorf("got %q", out)
	}
}

func TestLockAcquireTimeoutAndRLock(t *testing.T) {
	out := run(t, `
local l = threading.Lock()
print(l:acquire(), l:locked(), l:acquire(false), l:acquire(0), l:acquire(true, 0))
local t0 = time.monotonic()
print(l:acquire(true, 0.05), time.monotonic() - t0 >= 0.05)
-- another thread may release it, and a waiter then gets it
threading.Thread{target=function() time.sleep(0.05) l:release() end}:start()
print(l:acquire(true, 5), l:locked())
l:release()

local r = threading.RLock()
print(r, r:locked())
print(r:acquire(), r:acquire(), r:acquire(false))
print((tostring(r):gsub("owner=%d+", "owner=ME")))
local other
local th = threading.Thread{target=function()
  other = {r:acquire(false), pcall(r.release, r)}
end}
th:start() th:join()
print(other[1], other[2], tostring(other[3]))
r:release() r:release() print(r:locked()) r:release()
print(r, r:locked())
th = threading.Thread{target=function() other = r:acquire(true, 1) r:release() end}
th:start() th:join()
print(other)
`)
	want := `true	true	false	false	false
false	true
true	true
<unlocked _thread.RLock object owner=0 count=0 at 0xADDR>	false
true	true	true
<locked _thread.RLock object owner=ME count=3 at 0xADDR>
false	false	cannot release un-acquired lock
true
<unlocked _thread.RLock object owner=0 count=0 at 0xADDR>	false
true
`
	if got := normalize(out); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestInterrupt: Ctrl-C (rt.Interrupt from another goroutine) ends each
// kind of wait with KeyboardInterrupt, which pcall catches, and the thread
// carries on; an interrupted acquire does not keep the lock.
func TestInterrupt(t *testing.T) {
	waits := map[string]string{
		"sleep":       `time.sleep(30)`,
		"join":        `local t = threading.Thread{target=function() ev:wait(30) end} t:start() t:join()`,
		"Event.wait":  `ev:wait()`,
		"Event.wait2": `ev:wait(30)`,
		"Lock":        `held:acquire()`,
		"RLock":       `rheld:acquire(true, 30)`,
		"Semaphore":   `threading.Semaphore(0):acquire()`,
		"Semaphore2":  `threading.BoundedSemaphore(0):acquire{timeout=30}`,
		"Condition":   `local c = threading.Condition(held2) c:acquire() local ok, e = pcall(c.wait, c) assert(held2:locked()) error(e)`,
		"wait_for":    `local c = threading.Condition() c:acquire() c:wait_for(function() return false end, 30)`,
		"Barrier":     `threading.Barrier(2):wait()`,
		"Timer":       `local t = threading.Timer(30, print) t.daemon = true t:start() t:join()`,
	}
	for name, wait := range waits {
		rt := interptest.New(t, Module, time.Module)
		start := gotime.Now()
		timer := gotime.AfterFunc(100*gotime.Millisecond, rt.Interrupt)
		err := rt.RunString(`
ev = threading.Event()
held = threading.Lock() held:acquire()
held2 = threading.Lock()
rheld = threading.RLock()
local got = threading.Event()
threading.Thread{target=function() rheld:acquire() got:set() ev:wait(30) rheld:release() end}:start()
got:wait(5)
local ok, e = pcall(function() `+wait+` end)
print(ok, isinstance(e, KeyboardInterrupt))
print(held:locked(), rheld:acquire(false))
time.sleep(0.01)
ev:set()
print("after")
`, name)
		timer.Stop()
		if err != nil {
			t.Fatalf("%s: %v", name, interp.FromLuaError(rt.Runtime, err).Report())
		}
		rt.WaitThreads()
		if got := rt.Stdout.String(); got != "false\ttrue\ntrue\tfalse\nafter\n" {
			t.Errorf("%s: got %q", name, got)
		}
		if d := gotime.Since(start); d > 5*gotime.Second {
			t.Errorf("%s: interruption took %v", name, d)
		}
	}
}

func TestErrorInThread(t *testing.T) {
	rt := interptest.New(t, Module, time.Module)
	err := rt.RunString(`
local t = threading.Thread{target=function() error(ValueError("boom")) end}
t:start() t:join()
print("main goes on", t:is_alive())
`, "test")
	if err != nil {
		t.Fatal(err)
	}
	if got := rt.Stdout.String(); got != "main goes on\tfalse\n" {
		t.Errorf("stdout %q", got)
	}
	// Python: "Exception in thread Thread-1 (f):\nTraceback ...\nValueError: boom";
	// netlua keeps the header and Lua's message and traceback.
	errText := rt.Stderr.String()
	if !strings.HasPrefix(errText, "Exception in thread Thread-1:\ntest:2: ValueError: boom\nstack traceback:\n") {
		t.Errorf("stderr:\n%s", errText)
	}
}

// A thread nests Lua calls 2,000 deep (interp's threadCalls: its frame
// index is allocated up front, so every idle thread would pay for the main
// thread's 20,000); deeper is the same catchable error, and a coroutine
// made in the thread has the thread's limit.
func TestThreadCallDepth(t *testing.T) {
	out := run(t, `
local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end
local t = threading.Thread{target = function()
  print(f(1900), pcall(f, 2100))
  print(coroutine.wrap(function() return f(1900), pcall(f, 2100) end)())
end}
t:start() t:join()
print(f(19000))`)
	want := "1900\tfalse\tlua callstack overflow\n1900\tfalse\tlua callstack overflow\n19000\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
