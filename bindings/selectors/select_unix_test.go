// The tests here use pipes, which select.select takes only on Unix (as in
// CPython, Windows' select works on sockets alone).

//go:build unix

package selectors

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	nltime "netlua/bindings/time"
	"netlua/interp"
	"netlua/interp/interptest"
)

// pipe returns a pipe's read and write ends, closed when the test ends.
func pipe(t *testing.T) (r, w int) {
	t.Helper()
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		t.Fatal(err)
	}
	unix.CloseOnExec(p[0])
	unix.CloseOnExec(p[1])
	t.Cleanup(func() { unix.Close(p[0]); unix.Close(p[1]) })
	return p[0], p[1]
}

func TestSelectPipes(t *testing.T) {
	r, w := pipe(t)
	out := run(t, fmt.Sprintf(`
local r, w = %d, %d
local obj = {fileno = function(self) return w end}
local rr, ww, xx = select.select({r}, {w, obj, w}, {r}, 0)
print(#rr, #ww, #xx, ww[1] == w, ww[2] == obj, ww[3] == w)
-- nothing to read yet: a timeout gives three empty lists
rr, ww, xx = select.select({r}, {}, {}, 0.05)
print(#rr, #ww, #xx)
`, r, w))
	if out != "0\t3\t0\ttrue\ttrue\ttrue\n0\t0\t0\n" {
		t.Errorf("got %q", out)
	}
	unix.Write(w, []byte("x"))
	out = run(t, fmt.Sprintf(`
local rr, ww, xx = select.select({%d}, {}, {})
print(#rr, rr[1])
`, r))
	if out != fmt.Sprintf("1\t%d\n", r) {
		t.Errorf("readable pipe: got %q", out)
	}
	// A closed write end makes the read end readable (EOF), as select(2) says.
	r2, w2 := pipe(t)
	unix.Close(w2)
	out = run(t, fmt.Sprintf(`print(#select.select({%d}, {}, {}, 1))`, r2))
	if out != "1\n" {
		t.Errorf("hung-up pipe: got %q", out)
	}
}

func TestSelectAbove1024(t *testing.T) {
	r, w := pipe(t)
	// Descriptors beyond FD_SETSIZE, which select(2) cannot watch.
	const high = 1500
	if err := unix.Dup2(r, high); err != nil {
		t.Fatalf("dup3: %v", err)
	}
	defer unix.Close(high)
	unix.Write(w, []byte("x"))
	out := run(t, fmt.Sprintf(`
local rr = select.select({%d}, {}, {}, 1)
print(#rr, rr[1])
local sel = selectors.DefaultSelector()
sel:register(%d, selectors.EVENT_READ)
local ev = sel:select(1)
print(#ev, ev[1][1].fd, ev[1][2])
sel:close()
`, high, high))
	if out != "1\t1500\n1\t1500\t1\n" {
		t.Errorf("got %q", out)
	}
}

func TestSelector(t *testing.T) {
	r, w := pipe(t)
	out := run(t, fmt.Sprintf(`
local r, w = %d, %d
local sel = selectors.DefaultSelector()
print(selectors.EVENT_READ, selectors.EVENT_WRITE)
local kr = sel:register(r, selectors.EVENT_READ)
print(kr)
local obj = {fileno = function() return w end}
local kw = sel:register(obj, selectors.EVENT_READ + selectors.EVENT_WRITE, {1, 2})
print(kw.fd == w, kw.events, kw.data[2], sel:get_key(obj) == kw, sel:get_key(w) == kw)
local ev = sel:select(0)
print(#ev, ev[1][1] == kw, ev[1][2])
local map = sel:get_map()
print(map[r] == kr, map[obj] == kw)
local k2 = sel:modify(r, selectors.EVENT_READ, "new data")
print(k2, k2 ~= kr, sel:get_key(r) == k2)
print(sel:modify(obj, selectors.EVENT_READ) ~= kw, #sel:select(0))
print(sel:unregister(obj).fileobj == obj, sel:get_map()[obj])
print(#sel:select(0.05), #sel:select(-1))
sel:close()
sel:close()
print(sel:get_map())
`, r, w))
	want := fmt.Sprintf(`1	2
SelectorKey(fileobj=%d, fd=%d, events=1, data=None)
true	3	2	true	true
1	true	2
true	true
SelectorKey(fileobj=%d, fd=%d, events=1, data='new data')	true	true
true	0
true	nil
0	0
nil
`, r, r, r, r)
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestErrors(t *testing.T) {
	r, _ := pipe(t)
	// CPython 3.11's texts, prefixed with the function's name where
	// CPython's does not say it. (CPython's KeyError quotes its text.)
	cases := []struct{ src, want string }{
		{`select.select({-1}, {}, {})`, "ValueError: select(): file descriptor cannot be a negative integer (-1)"},
		{`select.select({"x"}, {}, {})`, "TypeError: select(): argument must be an int, or have a fileno() method."},
		{`select.select({{fileno = function() return "x" end}}, {}, {})`, "TypeError: select(): argument must be an int, or have a fileno() method."},
		{`select.select({}, {}, {}, -1)`, "ValueError: select(): timeout must be non-negative"},
		{`select.select({}, {}, {}, "x")`, "TypeError: select() argument 'timeout' must be a number, not str"},
		{`select.select(1, {}, {})`, "TypeError: select() argument 'rlist' must be a table, not int"},
		{`select.select({1000000}, {}, {}, 0)`, "OSError: [Errno 9] Bad file descriptor"},
		{`local s = selectors.DefaultSelector() s:register(R, 1) s:register(R, 2)`, fmt.Sprintf("KeyError: 'register(): %d (FD %d) is already registered'", r, r)},
		{`selectors.DefaultSelector():register(-1, 1)`, "ValueError: register(): Invalid file descriptor: -1"},
		{`selectors.DefaultSelector():register("x", 1)`, "ValueError: register(): Invalid file object: 'x'"},
		{`selectors.DefaultSelector():register(R, 0)`, "ValueError: register(): Invalid events: 0"},
		{`selectors.DefaultSelector():register(R, 4)`, "ValueError: register(): Invalid events: 4"},
		{`selectors.DefaultSelector():register(1000000, 1)`, "OSError: [Errno 9] Bad file descriptor"},
		{`selectors.DefaultSelector():unregister(R)`, fmt.Sprintf("KeyError: 'unregister(): %d is not registered'", r)},
		{`selectors.DefaultSelector():modify(R, 1)`, fmt.Sprintf("KeyError: 'modify(): %d is not registered'", r)},
		{`selectors.DefaultSelector():get_key(R)`, fmt.Sprintf("KeyError: 'get_key(): %d is not registered'", r)},
		{`local s = selectors.DefaultSelector() s:close() s:select(0)`, "ValueError: select(): I/O operation on closed epoll object"},
		{`local s = selectors.DefaultSelector() s:close() s:register(R, 1)`, "ValueError: register(): I/O operation on closed epoll object"},
		{`selectors.DefaultSelector().select()`, "TypeError: descriptor 'select' for 'selectors.DefaultSelector' objects doesn't apply to a 'NoneType' object (call it as obj:select(...), with a colon)"},
	}
	for _, c := range cases {
		src := strings.ReplaceAll(c.src, "R", fmt.Sprint(r))
		got := interptest.Error(t, src, SelectModule, SelectorsModule)
		if !strings.HasSuffix(got, c.want) {
			t.Errorf("%s:\n got %q\nwant suffix %q", src, got, c.want)
		}
	}
}

// TestInterrupt: Ctrl-C ends a select.select and a selector's select with
// KeyboardInterrupt; the thread goes on, and the selector still works.
func TestInterrupt(t *testing.T) {
	r, w := pipe(t)
	rt := interptest.New(t, SelectModule, SelectorsModule, nltime.Module)
	start := time.Now()
	timer := time.AfterFunc(100*time.Millisecond, rt.Interrupt)
	err := rt.RunString(fmt.Sprintf(`
local r = %d
local ok, e = pcall(select.select, {r}, {}, {})
print(ok, isinstance(e, KeyboardInterrupt))
sel = selectors.DefaultSelector()
sel:register(r, selectors.EVENT_READ)
`, r), "test")
	if err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	timer = time.AfterFunc(100*time.Millisecond, rt.Interrupt)
	defer timer.Stop()
	err = rt.RunString(`
local ok, e = pcall(sel.select, sel, 30)
print(ok, isinstance(e, KeyboardInterrupt))
-- the Ctrl-C's wake-up was reset: this waits its whole timeout
local t0 = time.monotonic()
print(#sel:select(0.05), time.monotonic() - t0 >= 0.05)
`, "test")
	if err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	unix.Write(w, []byte("x"))
	if err := rt.RunString(`print(#sel:select(5))`, "test"); err != nil {
		t.Fatal(err)
	}
	if got := rt.Stdout.String(); got != "false\ttrue\nfalse\ttrue\n0\ttrue\n1\n" {
		t.Errorf("got %q", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("interruption took %v", d)
	}
}
