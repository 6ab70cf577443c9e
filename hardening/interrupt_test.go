package hardening

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/sockos"
	"netlua/interp"
)

// interruptServer is a thread-per-connection echo server whose main thread
// catches KeyboardInterrupt and carries on, as a Python server written with
// "except KeyboardInterrupt: continue" would. The test provides mode and
// two Go functions: entered(), called each time the main thread is back
// inside its protected loop (the test delivers the next Ctrl-C only then,
// so that none lands in the few instructions between two pcalls, where a
// Python server would die too), and stopping(), true for the last Ctrl-C.
//
// mode "accept": the main thread accepts, so Ctrl-C lands in accept or
// between accept and the handler thread's start. mode "wait": a daemon
// thread accepts, and the main thread waits in time.sleep, Event:wait,
// select.select or a busy loop, one after the other.
const interruptServer = `
local srv = socket.socket()
srv:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv:bind({"127.0.0.1", 0})
srv:listen(1024)
print(srv:getsockname()[2])

local function handle(conn)
  while true do
    local data = conn:recv(4096)
    if data == "" then break end
    conn:sendall(data)
  end
  conn:close()
end

-- conn is a connection accepted and not yet handed to its thread. Lua has
-- no reference counting: one dropped by a Ctrl-C would stay open, its
-- client waiting, until the garbage collector ran, so it is closed by hand.
local conn, th
local function accept_loop()
  while true do
    th = nil
    conn = srv:accept()
    th = threading.Thread{target = handle, args = {conn}, daemon = true}
    th:start()
    conn = nil
  end
end

local idle = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
idle:bind({"127.0.0.1", 0})
local ev = threading.Event()
local waits = {
  function() while true do time.sleep(10) end end,
  function() while true do ev:wait(10) end end,
  function() while true do select.select({idle}, {}, {}, 10) end end,
  function() local x = 0 while true do x = x + 1 end end,
}

if mode == "wait" then
  threading.Thread{daemon = true, target = function()
    local ok, e = pcall(accept_loop)
    if not (isinstance(e, OSError) and e.errno == CLOSED_ERRNO) then error(e, 0) end -- srv closed: the end
  end}:start()
end

local interrupts = 0
while true do
  local ok, e = pcall(function()
    entered()
    if mode == "accept" then accept_loop() end
    waits[interrupts % #waits + 1]()
  end)
  if not isinstance(e, KeyboardInterrupt) then error(e, 0) end
  -- (In mode "wait" conn is the accepting thread's: not to be touched.)
  if mode == "accept" and conn and not (th and th.ident) then
    conn:close()
    conn = nil
  end
  if stopping() then break end
  interrupts = interrupts + 1
end
srv:close()
idle:close()
print(interrupts)
`

// TestCtrlCInAcceptUnderLoad and TestCtrlCWhileWaitingUnderLoad deliver
// Ctrl-C 100 times, at random moments 0-20 ms apart, into the main thread
// of an echo server that clients keep busy. The server must catch every
// one and go on; no echo may be lost or corrupted; the listening socket
// must still serve new clients after the last; and once it is stopped
// everything it opened must be closed.
func TestCtrlCInAcceptUnderLoad(t *testing.T)     { ctrlCUnderLoad(t, "accept") }
func TestCtrlCWhileWaitingUnderLoad(t *testing.T) { ctrlCUnderLoad(t, "wait") }

func ctrlCUnderLoad(t *testing.T, mode string) {
	const interrupts = 100
	clients := 20
	if raceEnabled {
		clients = 4
	}
	// No garbage collection until the leak check (registered after, so run
	// before the collector is back) is done: a finalizer closing a socket
	// the server forgot would hide the leak. The test grows ~150 MB.
	gc := debug.SetGCPercent(-1)
	t.Cleanup(func() { debug.SetGCPercent(gc) })
	baseline(t)
	rt := newRuntime(t)
	var entered atomic.Int64
	var stop atomic.Bool
	rt.L.SetGlobal("mode", lua.LString(mode))
	rt.L.SetGlobal("CLOSED_ERRNO", lua.LNumber(sockos.EClosed)) // [Errno 9], [WinError 10038]
	rt.L.SetGlobal("entered", rt.L.NewFunction(func(L *lua.LState) int { entered.Add(1); return 0 }))
	rt.L.SetGlobal("stopping", rt.L.NewFunction(func(L *lua.LState) int { L.Push(lua.LBool(stop.Load())); return 1 }))
	done := make(chan error, 1)
	go func() { done <- rt.RunString(interruptServer, "server") }()

	// waitEntered waits, bounded, for the main thread's n-th entry into
	// its protected loop; an error of the server ends the test.
	waitEntered := func(n int64, what string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); entered.Load() < n; time.Sleep(100 * time.Microsecond) {
			select {
			case err := <-done:
				t.Fatalf("server ended %s: %v\nstdout: %s\nstderr: %s", what, interp.FromLuaError(rt.Runtime, err).Report(), rt.Stdout, rt.Stderr)
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("server not back in its loop 10 s %s (%d entries, want %d)", what, entered.Load(), n)
			}
		}
	}
	waitEntered(1, "at start")
	var port int
	fmt.Sscan(rt.Stdout.String(), &port)

	r := &loadResult{}
	var dials atomic.Int64
	halt := make(chan struct{})
	var wg sync.WaitGroup
	for id := range clients {
		wg.Go(func() { steadyClient(port, id, halt, r, &dials) })
	}

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	start := time.Now()
	var slowest time.Duration
	for i := int64(1); i <= interrupts; i++ {
		time.Sleep(time.Duration(rng.IntN(20_001)) * time.Microsecond)
		sent := time.Now()
		rt.Interrupt()
		waitEntered(i+1, fmt.Sprintf("after Ctrl-C %d (seed %d)", i, seed))
		slowest = max(slowest, time.Since(sent))
	}
	took := time.Since(start)

	// The listening socket still works: new clients, no reconnection allowed.
	fresh := drive(t, port, 5, 5, false)
	close(halt)
	wg.Wait()
	for _, err := range r.errs {
		t.Error(err)
	}
	if r.messages.Load() == 0 {
		t.Error("no message was echoed while Ctrl-C was delivered")
	}
	t.Logf("%s: %d Ctrl-C in %v (seed %d, slowest caught in %v); %d clients: %d messages, %.1f MiB each way, %d connections closed and dialled again, %d closed by the server before an echo; then %d messages from new clients",
		mode, interrupts, took.Round(time.Millisecond), seed, slowest.Round(time.Microsecond), clients,
		r.messages.Load(), float64(r.bytes.Load())/(1<<20), dials.Load(), r.reconnects.Load(), fresh.messages.Load())

	stop.Store(true)
	rt.Interrupt()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("server failed: %s\nstderr: %s", interp.FromLuaError(rt.Runtime, err).Report(), rt.Stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the last Ctrl-C did not stop the server within 10 s")
	}
	out := strings.Fields(rt.Stdout.String())
	if len(out) != 2 || out[1] != fmt.Sprint(interrupts) {
		t.Errorf("server printed %q, want the port and %d interrupts caught", out, interrupts)
	}
	// Handler threads end as their clients have closed; each needs the GIL
	// to return, so wait for them with it released, as a prompt would.
	runOK(t, rt, `for i = 1, 100 do if threading.active_count() == 1 then break end time.sleep(0.05) end`)
	if s := rt.Stderr.String(); s != "" {
		t.Errorf("server reported errors: %s", s)
	}
}

// steadyClient sends messages of random sizes until halt is closed, each
// checked against its SHA-256 within 5 s, and dials a new connection after
// one message in four, so that Ctrl-C finds the server accepting. A connection may be closed by the
// server only before its first echo: that is one the server accepted when a
// Ctrl-C arrived, before a handler thread took it; the client dials again
// and sends a fresh message. Any other failure is a lost or corrupted echo.
func steadyClient(port, id int, halt <-chan struct{}, r *loadResult, dials *atomic.Int64) {
	rng := rand.New(rand.NewPCG(uint64(id), 11))
	buf := make([]byte, maxMessage)
	got := make([]byte, maxMessage)
	var conn net.Conn
	defer func() {
		if conn != nil {
			conn.Close()
		}
	}()
	echoed := 0 // on this connection
	for {
		select {
		case <-halt:
			return
		default:
		}
		if conn == nil {
			c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
			if err != nil {
				r.fail(fmt.Errorf("client %d: %w", id, err))
				return
			}
			conn, echoed = c, 0
		}
		n := 1 + rng.IntN(maxMessage)
		for j := 0; j < n; j += 8 {
			binary.LittleEndian.PutUint64(buf[j:min(j+8, maxMessage)], rng.Uint64())
		}
		want := sha256.Sum256(buf[:n])
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		_, err := conn.Write(buf[:n])
		if err == nil {
			_, err = io.ReadFull(conn, got[:n])
		}
		switch {
		case err == nil && sha256.Sum256(got[:n]) != want:
			r.fail(fmt.Errorf("client %d: %d bytes echoed with a different checksum", id, n))
			return
		case err == nil:
			echoed++
			r.messages.Add(1)
			r.bytes.Add(int64(n))
			if rng.IntN(4) == 0 {
				conn.Close() // and dial again: the server keeps accepting
				conn = nil
				dials.Add(1)
			}
		case echoed == 0 && closedByPeer(err) && r.reconnects.Add(1) <= 1000:
			conn.Close()
			conn = nil
		default:
			r.fail(fmt.Errorf("client %d: after %d echoes on this connection, a %d-byte message: %w", id, echoed, n, err))
			return
		}
	}
}

// closedByPeer reports whether err says the server closed the connection.
func closedByPeer(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, sockos.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}
