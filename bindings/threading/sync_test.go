package threading

import (
	"strings"
	"testing"

	"netlua/bindings/time"
	"netlua/interp/interptest"
)

// Expected reprs and messages are CPython 3.11's (python3 -c ... with the
// same calls), with netlua's "name(): " prefix where CPython's ValueError
// does not name the function.

func TestSemaphore(t *testing.T) {
	out := run(t, `
local s = threading.Semaphore(2)
print(s)
print(s:acquire(), s:acquire(false), s:acquire(false), s:acquire(true, 0), s:acquire{timeout=0.02}, s:acquire(true, -1))
print(s)
s:release(2) print(s)
local b = threading.BoundedSemaphore(2)
print(b) print(b:acquire(), b:acquire{blocking=false})
print(b) b:release() print(b)
-- a waiter wakes when another thread releases
local z = threading.Semaphore(0)
threading.Thread{target=function() time.sleep(0.02) z:release() end}:start()
print(z:acquire(true, 5), z)
print(threading.Semaphore{value=3})
`)
	want := `<threading.Semaphore at 0xADDR: value=2>
true	true	false	false	false	false
<threading.Semaphore at 0xADDR: value=0>
<threading.Semaphore at 0xADDR: value=2>
<threading.BoundedSemaphore at 0xADDR: value=2/2>
true	true
<threading.BoundedSemaphore at 0xADDR: value=0/2>
<threading.BoundedSemaphore at 0xADDR: value=1/2>
true	<threading.Semaphore at 0xADDR: value=0>
<threading.Semaphore at 0xADDR: value=3>
`
	if got := normalize(out); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestSemaphoreLimitsConcurrency(t *testing.T) {
	// 8 workers, at most 3 inside at once; the sleep inside hands the GIL
	// on, so without the semaphore all 8 would be inside together.
	out := run(t, `
local s, inside, most = threading.BoundedSemaphore(3), 0, 0
local ts = {}
for i = 1, 8 do
  ts[i] = threading.Thread{target=function()
    s:acquire() inside = inside + 1 most = math.max(most, inside)
    time.sleep(0.01) inside = inside - 1 s:release()
  end}
  ts[i]:start()
end
for _, th in ipairs(ts) do th:join() end
print(most, s)
`)
	if got := normalize(out); got != "3\t<threading.BoundedSemaphore at 0xADDR: value=3/3>\n" {
		t.Errorf("got %q", got)
	}
}

func TestCondition(t *testing.T) {
	out := run(t, `
local c = threading.Condition()
print(c)
print(threading.Condition(threading.Lock()))
c:acquire() c:acquire()
print(c:wait(0.01), c:wait(-1), c:wait_for(function() return "yes" end), c:wait_for(function() return nil end, 0.01))
print((tostring(c):gsub("owner=%d+", "owner=ME")))
c:release() c:release()
-- producer/consumer: notify wakes one waiter, notify_all the rest
local items, got = {}, {}
local consumers = {}
for i = 1, 3 do
  consumers[i] = threading.Thread{target=function()
    c:acquire()
    c:wait_for(function() return #items > 0 end, 5)
    got[#got + 1] = table.remove(items)
    c:release()
  end}
  consumers[i]:start()
end
time.sleep(0.02)
print(c)
c:acquire() items[1] = "a" c:notify() c:release()
time.sleep(0.02)
print(#got, got[1], c)
c:acquire() items[1] = "b" items[2] = "c" c:notify_all() c:release()
for _, th in ipairs(consumers) do th:join() end
table.sort(got) print(table.concat(got, ","))
`)
	want := `<Condition(<unlocked _thread.RLock object owner=0 count=0 at 0xADDR>, 0)>
<Condition(<unlocked _thread.lock object at 0xADDR>, 0)>
false	false	yes	nil
<Condition(<locked _thread.RLock object owner=ME count=2 at 0xADDR>, 0)>
<Condition(<unlocked _thread.RLock object owner=0 count=0 at 0xADDR>, 3)>
1	a	<Condition(<unlocked _thread.RLock object owner=0 count=0 at 0xADDR>, 2)>
a,b,c
`
	if got := normalize(out); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestBarrier(t *testing.T) {
	out := run(t, `
local b = threading.Barrier(3, function() print("action in", threading.current_thread().name ~= nil) end)
print(b, b.parties, b.n_waiting, b.broken)
local idx = {}
local ts = {}
for i = 1, 2 do
  ts[i] = threading.Thread{target=function() local n = b:wait() idx[#idx + 1] = n end}
  ts[i]:start()
end
time.sleep(0.02)
print(b.n_waiting, b)
local mine = b:wait()
for _, th in ipairs(ts) do th:join() end
idx[#idx + 1] = mine
table.sort(idx) print(table.concat(idx, ","), b)
-- a timeout breaks it for everyone; reset mends it
local b2 = threading.Barrier(2)
local ok, e = pcall(b2.wait, b2, 0.01)
print(ok, repr(e), isinstance(e, RuntimeError), b2, b2.broken)
print(pcall(b2.wait, b2))
b2:reset() print(b2, b2.broken)
b2:abort() print(b2)
-- an error in the action breaks the barrier and reaches the last caller
local b3 = threading.Barrier(1, function() error(ValueError("in action")) end)
print(pcall(b3.wait, b3)) print(b3.broken)
`)
	want := `<threading.Barrier at 0xADDR: waiters=0/3>	3	0	false
2	<threading.Barrier at 0xADDR: waiters=2/3>
action in	true
0,1,2	<threading.Barrier at 0xADDR: waiters=0/3>
false	BrokenBarrierError()	true	<threading.Barrier at 0xADDR: broken>	true
false	
<threading.Barrier at 0xADDR: waiters=0/2>	false
<threading.Barrier at 0xADDR: broken>
false	in action
true
`
	if got := normalize(out); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestTimerAndLocal(t *testing.T) {
	out := run(t, `
local t = threading.Timer(0.02, function(a, b) print("fired", a, b) end, {1, 2})
print(t, t.interval, t.finished:is_set())
t:start() t:join()
print(t, t.finished:is_set())
local c = threading.Timer(30, print)
c:start() c:cancel() c:join()
print(c, c:is_alive())
local data = threading["local"]()
data.x = "main"
local th = threading.Thread{target=function() print("worker sees", data.x) data.x = "worker" print("worker has", data.x) end}
th:start() th:join()
print("main has", data.x)
`)
	want := `<Timer(Thread-1, initial)>	0.02	false
fired	1	2
<Timer(Thread-1, stopped IDENT)>	true
<Timer(Thread-2, stopped IDENT)>	false
worker sees	nil
worker has	worker
main has	main
`
	if got := normalize(out); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := normalize(run(t, `print(threading["local"]())`)); got != "<_thread._local object at 0xADDR>\n" {
		t.Errorf("local repr %q", got)
	}
}

func TestSyncErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{`threading.Semaphore(-1)`, "ValueError: Semaphore(): semaphore initial value must be >= 0"},
		{`threading.Semaphore(1):acquire(false, 1)`, "ValueError: can't specify timeout for non-blocking acquire"},
		{`threading.Semaphore(1):release(0)`, "ValueError: release(): n must be one or more"},
		{`threading.BoundedSemaphore(1):release()`, "ValueError: Semaphore released too many times"},
		{`threading.Semaphore(1):acquire{colour=1}`, "TypeError: Semaphore.acquire() got an unexpected keyword argument 'colour'"},
		{`threading.Condition():wait()`, "RuntimeError: cannot wait on un-acquired lock"},
		{`threading.Condition():notify()`, "RuntimeError: cannot notify on un-acquired lock"},
		{`threading.Condition():notify_all()`, "RuntimeError: cannot notify on un-acquired lock"},
		{`threading.Condition(5)`, "TypeError: Condition() argument 'lock' must be a Lock or RLock, not int"},
		{`threading.Barrier()`, "TypeError: Barrier() missing required argument 'parties' (pos 1)"},
		{`threading.Barrier(2):wait(0/0)`, "ValueError: wait(): Invalid value NaN (not a number)"},
		{`threading.Timer()`, "TypeError: Timer() missing required argument 'interval' (pos 1)"},
		{`local t = threading.Timer(0, print) t:start() t:start()`, "RuntimeError: threads can only be started once"},
	}
	for _, c := range cases {
		got := interptest.Error(t, c.src, Module, time.Module)
		if !strings.HasSuffix(got, c.want) {
			t.Errorf("%s:\n got %q\nwant suffix %q", c.src, got, c.want)
		}
	}
}
