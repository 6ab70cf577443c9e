package queue

import (
	"regexp"
	"strings"
	"testing"
	gotime "time"

	"netlua/bindings/threading"
	"netlua/bindings/time"
	"netlua/interp"
	"netlua/interp/interptest"
)

var modules = []*interp.Module{Module, threading.Module, time.Module}

var addrRE = regexp.MustCompile(`0x[0-9a-f]+`)

func run(t *testing.T, src string) string {
	t.Helper()
	return addrRE.ReplaceAllString(interptest.Run(t, src, modules...), "0xADDR")
}

// Expected reprs and messages are CPython 3.11's.
func TestQueueKinds(t *testing.T) {
	out := run(t, `
local q = queue.Queue(2)
print(q, q.maxsize, q:empty(), q:full(), q:qsize())
q:put(1) q:put({a=1})
print(q:full(), q:qsize(), q:empty())
print(q:get(), repr(q:get()), q:empty())
local l = queue.LifoQueue() l:put(1) l:put(2) l:put_nowait(3)
print(l, l:get(), l:get_nowait(), l:get())
local p = queue.PriorityQueue()
for _, v in ipairs({{2, "b"}, {1, "z"}, {1, "a"}, {3}, {1, "a", 0}}) do p:put(v) end
local order = {}
while not p:empty() do order[#order + 1] = repr(p:get()) end
print(p, table.concat(order, " "))
local n = queue.PriorityQueue() for _, v in ipairs({5, 1, 4, 2, 3}) do n:put(v) end
print(n:get(), n:get(), n:get(), n:get(), n:get())
local s = queue.SimpleQueue() s:put(1) s:put("two", false, 5) s:put_nowait(nil)
print(s, s:qsize(), s:get(), s:get(), s:get(), s:empty())
q:put(nil) print(q:qsize(), q:get())
`)
	want := `<queue.Queue object at 0xADDR>	2	true	false	0
true	2	false
1	{'a': 1}	true
<queue.LifoQueue object at 0xADDR>	3	2	1
<queue.PriorityQueue object at 0xADDR>	[1, 'a']	[1, 'a', 0]	[1, 'z']	[2, 'b']	[3]
1	2	3	4	5
<_queue.SimpleQueue object at 0xADDR>	3	1	two	nil	true
1	nil
`
	want = strings.ReplaceAll(want, "[1, 'a']\t[1, 'a', 0]\t[1, 'z']\t[2, 'b']\t[3]", "[1, 'a'] [1, 'a', 0] [1, 'z'] [2, 'b'] [3]")
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestQueueTimeoutsAndErrors(t *testing.T) {
	out := run(t, `
local q = queue.Queue(1)
q:put("x")
local t0 = time.monotonic()
local ok, e = pcall(q.put, q, "y", {timeout=0.05})
print(ok, repr(e), isinstance(e, queue.Full), tostring(e) == "", time.monotonic() - t0 >= 0.05)
ok, e = pcall(q.put, q, "y", false) print(ok, repr(e))
ok, e = pcall(q.put_nowait, q, "y") print(ok, repr(e))
print(q:get())
t0 = time.monotonic()
ok, e = pcall(q.get, q, true, 0.05)
print(ok, repr(e), isinstance(e, queue.Empty), time.monotonic() - t0 >= 0.05)
ok, e = pcall(q.get, q, {block=false}) print(ok, repr(e))
ok, e = pcall(q.get_nowait, q) print(ok, repr(e))
ok, e = pcall(queue.SimpleQueue().get, queue.SimpleQueue(), {timeout=0}) print(ok, repr(e))
print(queue.Empty, queue.Full, isinstance(queue.Empty(), Exception))
-- a waiting get is woken by a put from another thread, a put by a get
threading.Thread{target=function() time.sleep(0.02) q:put("late") end}:start()
print(q:get{timeout=5})
q:put(1)
threading.Thread{target=function() time.sleep(0.02) q:get() end}:start()
q:put(2, true, 5) print(q:qsize(), q:get())
`)
	want := `false	Full()	true	true	true
false	Full()
false	Full()
x
false	Empty()	true	true
false	Empty()
false	Empty()
false	Empty()
<class '_queue.Empty'>	<class 'queue.Full'>	true
late
1	2
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	cases := []struct{ src, want string }{
		{`queue.Queue():task_done()`, "ValueError: task_done() called too many times"},
		{`queue.Queue():get(true, -1)`, "ValueError: get(): 'timeout' must be a non-negative number"},
		{`queue.Queue():put(1, true, -1)`, "ValueError: put(): 'timeout' must be a non-negative number"},
		{`queue.Queue():get{timeout="x"}`, "TypeError: get() argument 'timeout' must be a number, not str"},
		{`queue.Queue():get{tiemout=1}`, "TypeError: Queue.get() got an unexpected keyword argument 'tiemout'"},
		{`queue.Queue():put()`, "TypeError: put() missing required argument 'item' (pos 1)"},
		{`queue.Queue(1.5)`, "TypeError: Queue(): 'float' object cannot be interpreted as an integer"},
		{`local p = queue.PriorityQueue() p:put({1}) p:put("x")`, "TypeError: put(): '<' not supported between instances of 'table' and 'str'"},
		{`local p = queue.PriorityQueue() p:put({1, "a"}) p:put({1, 2})`, "TypeError: put(): '<' not supported between instances of 'str' and 'int'"},
		{`queue.Queue().get()`, "TypeError: descriptor 'get' for 'queue.Queue' objects doesn't apply to a 'NoneType' object (call it as obj:get(...), with a colon)"},
	}
	for _, c := range cases {
		if got := interptest.Error(t, c.src, modules...); !strings.HasSuffix(got, c.want) {
			t.Errorf("%s:\n got %q\nwant suffix %q", c.src, got, c.want)
		}
	}
}

// TestWorkerPool is the tutorial pattern: workers take items, mark them
// done, and join returns once all are handled.
func TestWorkerPool(t *testing.T) {
	out := run(t, `
local q, done, lock = queue.Queue(4), {}, threading.Lock()
local workers = {}
for i = 1, 3 do
  workers[i] = threading.Thread{target=function()
    while true do
      local item = q:get()
      if item == "stop" then q:task_done() return end
      time.sleep(0.001)
      lock:acquire() done[#done + 1] = item * item lock:release()
      q:task_done()
    end
  end}
  workers[i]:start()
end
for i = 1, 50 do q:put(i) end
q:join()
local sum = 0 for _, v in ipairs(done) do sum = sum + v end
print(#done, sum)
for i = 1, 3 do q:put("stop") end
q:join()
for _, w in ipairs(workers) do w:join() end
print(q:empty(), pcall(q.task_done, q))
`)
	if out != "50\t42925\ntrue\tfalse\ttask_done() called too many times\n" {
		t.Errorf("got %q", out)
	}
}

// TestInterrupt: Ctrl-C ends every blocking queue call with
// KeyboardInterrupt, and the queue is usable after.
func TestInterrupt(t *testing.T) {
	for name, wait := range map[string]string{
		"get":        `q:get()`,
		"get timed":  `q:get{timeout=30}`,
		"put":        `full:put(2)`,
		"put timed":  `full:put(2, true, 30)`,
		"join":       `full:join()`,
		"simple get": `queue.SimpleQueue():get()`,
	} {
		rt := interptest.New(t, modules...)
		timer := gotime.AfterFunc(100*gotime.Millisecond, rt.Interrupt)
		start := gotime.Now()
		err := rt.RunString(`
q, full = queue.Queue(), queue.Queue(1)
full:put(1)
local ok, e = pcall(function() `+wait+` end)
print(ok, isinstance(e, KeyboardInterrupt), full:qsize())
q:put("after") print(q:get())
`, name)
		timer.Stop()
		if err != nil {
			t.Fatalf("%s: %v", name, interp.FromLuaError(rt.Runtime, err).Report())
		}
		if got := rt.Stdout.String(); got != "false\ttrue\t1\nafter\n" {
			t.Errorf("%s: got %q", name, got)
		}
		if d := gotime.Since(start); d > 5*gotime.Second {
			t.Errorf("%s: interruption took %v", name, d)
		}
	}
}
