package socket_test

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime/debug"
	"syscall"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/bindings/socket"
	timemod "netlua/bindings/time"
	"netlua/interp"
	"netlua/interp/interptest"
)

// fdTargets lists what the open descriptors refer to ("socket:[1234]").
func fdTargets(t *testing.T) map[string]bool {
	t.Helper()
	notOnWindows(t, "it counts descriptors in /proc/self/fd")
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[string]bool)
	for _, e := range ents {
		if target, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil {
			m[target] = true
		}
	}
	return m
}

// waitNew waits up to 5 s for the count of descriptors open now and not in
// before to satisfy ok. Counting new ones, not all, keeps the finalizers of
// sockets earlier tests forgot (which may run at any moment) out of it.
func waitNew(t *testing.T, what string, before map[string]bool, ok func(n int) bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		n := 0
		for target := range fdTargets(t) {
			if !before[target] {
				n++
			}
		}
		if ok(n) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d new descriptors open after 5 s", what, n)
		}
	}
}

// noGC turns the garbage collector off for the test: a socket left open
// must stay open, not be closed by its finalizer when a collection happens
// to run.
func noGC(t *testing.T) {
	old := debug.SetGCPercent(-1)
	t.Cleanup(func() { debug.SetGCPercent(old) })
}

// TestInterruptAfterAccept: a Ctrl-C that arrives after accept() has taken
// a connection but before the accepting thread has the GIL back raises
// KeyboardInterrupt, and the connection, which never reached Lua, is closed
// at once: its client sees the end of the stream instead of waiting until
// the garbage collector runs (found while writing hardening's test of Ctrl-C
// under load: such a client would wait there until its own timeout).
func TestInterruptAfterAccept(t *testing.T) {
	noGC(t)
	rt := newRT(t)
	held, release := make(chan struct{}), make(chan struct{})
	var port int
	// hold keeps the GIL (it never releases it) until the test says; it
	// runs once accept has released it, and reads the port meanwhile.
	rt.L.SetGlobal("hold", rt.L.NewFunction(func(L *lua.LState) int {
		port = L.CheckInt(1)
		close(held)
		select {
		case <-release:
		case <-time.After(10 * time.Second):
		}
		return 0
	}))
	done := make(chan error, 1)
	go func() {
		done <- rt.RunString(`
srv = socket.socket()
srv:bind({"127.0.0.1", 0})
srv:listen()
port = srv:getsockname()[2]
go(hold, port)
local ok, e = pcall(srv.accept, srv)
print(ok, isinstance(e, KeyboardInterrupt))
srv:close()
join()`, "test")
	}()
	select {
	case <-held:
	case <-time.After(5 * time.Second):
		t.Fatal("the holding thread did not start")
	}
	// accept4 has run when two sockets are new: the client's and the
	// accepted one.
	before := fdTargets(t)
	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	waitNew(t, "accept", before, func(n int) bool { return n >= 2 })
	rt.Interrupt()
	close(release)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the chunk did not end")
	}
	expect(t, interptest.Lines(rt.Stdout.String()), "false\ttrue")
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	_, err = c.Read(make([]byte, 1))
	if !errors.Is(err, io.EOF) && !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("the client read %v, want the end of the stream", err)
	}
}

// TestInterruptDuringCreateConnection: Ctrl-C during create_connection's
// connect raises KeyboardInterrupt and closes the socket it made, which
// never reached Lua. The connect waits because the listener's accept queue
// is full: Linux drops the SYN, and the client retries after a second.
func TestInterruptDuringCreateConnection(t *testing.T) {
	noGC(t)
	rt := newRT(t)
	if err := rt.RunString(`
srv = socket.socket()
srv:bind({"127.0.0.1", 0})
srv:listen(0)
port = srv:getsockname()[2]
queued = {}
for i = 1, 2 do
  queued[i] = socket.socket()
  queued[i]:setblocking(false)
  queued[i]:connect_ex({"127.0.0.1", port})
end`, "setup"); err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	before := fdTargets(t)
	go func() {
		time.Sleep(200 * time.Millisecond)
		rt.Interrupt()
	}()
	start := time.Now()
	if err := rt.RunString(`
local ok, e = pcall(socket.create_connection, {"127.0.0.1", port})
print(ok, isinstance(e, KeyboardInterrupt))`, "test"); err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	if d := time.Since(start); d > 900*time.Millisecond {
		t.Errorf("create_connection took %v: it did not wait for a full queue as this test needs", d)
	}
	expect(t, interptest.Lines(rt.Stdout.String()), "false\ttrue")
	waitNew(t, "after the interrupted create_connection", before, func(n int) bool { return n == 0 })
	if err := rt.RunString(`for _, s in ipairs(queued) do s:close() end srv:close()`, "cleanup"); err != nil {
		t.Fatal(err)
	}
}

// Ctrl-C racing with data arriving at a thread blocked in recv: whichever
// wins, nothing is lost. Either recv returns the data (and KeyboardInterrupt
// follows at the next blocking call, as in CPython), or recv is interrupted
// and the data is still in the socket for the next recv. Before BlockDone
// the data could be received and then dropped by the KeyboardInterrupt.
// Half the runs send the data first, half the Ctrl-C; the sleep after recv
// ends only by the KeyboardInterrupt, whenever it comes.
func TestInterruptNeverDropsReceivedData(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	outcomes := map[string]int{}
	for i := 0; i < 100; i++ {
		rt := interptest.New(t, socket.Module, timemod.Module)
		delay := time.Duration(i%10) * 100 * time.Microsecond
		dataFirst := i%2 == 0
		// ready is called just before the pcall: a Ctrl-C sent while
		// create_connection was still running (a loaded machine) would
		// end the chunk outside the pcall, which is not what is tested.
		inPcall := make(chan struct{}, 1)
		rt.L.SetGlobal("ready", rt.L.NewFunction(func(*lua.LState) int { inPcall <- struct{}{}; return 0 }))
		go func() {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
			select {
			case <-inPcall:
			case <-time.After(5 * time.Second):
				return
			}
			time.Sleep(2 * time.Millisecond) // the Lua side is now in recv
			if dataFirst {
				c.Write([]byte("payload"))
				time.Sleep(delay)
				rt.Interrupt()
			} else {
				rt.Interrupt()
				time.Sleep(delay)
				c.Write([]byte("payload"))
			}
			time.Sleep(50 * time.Millisecond) // keep it open for the second recv
		}()
		err := rt.RunString(fmt.Sprintf(`
			local s = socket.create_connection({"127.0.0.1", %d}, 5)
			local got
			ready()
			local ok, e = pcall(function()
				got = s:recv(100)
				time.sleep(10) -- only the KeyboardInterrupt ends it
			end)
			local how = got and "returned" or "left"
			if not got then got = s:recv(100) end
			s:close()
			print(ok, isinstance(e, KeyboardInterrupt), got, how)`, port), "t")
		if err != nil {
			t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
		}
		out := rt.Stdout.String()
		var ok, kbi bool
		var got, how string
		fmt.Sscan(out, &ok, &kbi, &got, &how)
		if ok || !kbi || got != "payload" {
			t.Fatalf("run %d: %q: want KeyboardInterrupt and the payload", i, out)
		}
		outcomes[how]++
	}
	t.Logf("data returned by the interrupted recv: %d, left for the next recv: %d of 100",
		outcomes["returned"], outcomes["left"])
}

// Ctrl-C during a blocking recv with MSG_WAITALL that has part of its data:
// as the kernel's MSG_WAITALL on a signal, recv returns what arrived and
// KeyboardInterrupt follows (or, if Ctrl-C came first, the data is still in
// the socket for the next recv). The bytes it had read are never dropped.
func TestInterruptWaitAllKeepsData(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	rt := interptest.New(t, socket.Module, timemod.Module)
	inPcall := make(chan struct{}, 1)
	rt.L.SetGlobal("ready", rt.L.NewFunction(func(*lua.LState) int { inPcall <- struct{}{}; return 0 }))
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		select {
		case <-inPcall:
		case <-time.After(5 * time.Second):
			return
		}
		c.Write([]byte("part"))
		time.Sleep(100 * time.Millisecond) // recv has taken it and waits for more
		rt.Interrupt()
		time.Sleep(50 * time.Millisecond) // keep it open for the second recv
	}()
	err = rt.RunString(fmt.Sprintf(`
		local s = socket.create_connection({"127.0.0.1", %d}, 5)
		s:settimeout(nil)
		local got
		ready()
		local ok, e = pcall(function()
			got = s:recv(100, socket.MSG_WAITALL)
			time.sleep(10) -- only the KeyboardInterrupt ends it
		end)
		local how = got and "returned" or "left"
		if not got then s:settimeout(5) got = s:recv(100) end
		s:close()
		print(ok, isinstance(e, KeyboardInterrupt), got, how)`, ln.Addr().(*net.TCPAddr).Port), "t")
	if err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	var ok, kbi bool
	var got, how string
	fmt.Sscan(rt.Stdout.String(), &ok, &kbi, &got, &how)
	if ok || !kbi || got != "part" {
		t.Fatalf("%q: want KeyboardInterrupt and the data", rt.Stdout.String())
	}
	t.Logf("the data was %s by the interrupted recv", how)
}
