package hardening

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"regexp"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// scale is the load: clients connected at once and messages each. The
// default keeps go test fast; NETLUA_LOAD=full is the 1,000 × 100
// (TESTING.md has its figures); the race detector gets less.
func scale() (clients, messages int) {
	switch {
	case os.Getenv("NETLUA_LOAD") == "full" && raceEnabled:
		return 100, 20
	case os.Getenv("NETLUA_LOAD") == "full":
		return 1000, 100
	case raceEnabled:
		return 10, 5
	}
	return 50, 20
}

const maxMessage = 64 << 10

// loadResult is what the clients saw.
type loadResult struct {
	messages, bytes, reconnects atomic.Int64
	mu                          sync.Mutex
	errs                        []error
}

func (r *loadResult) fail(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.errs) < 10 {
		r.errs = append(r.errs, err)
	}
}

// echoClient sends messages of random sizes (1 B to 64 KiB, random bytes
// from a seeded generator) and checks each echo against the SHA-256 of what
// was sent. Each message is sent whole, then read back exactly, with a 60 s
// deadline, so a lost byte shows as a timeout and a wrong one as a checksum
// mismatch. With retry (the Ctrl-C test), a connection the server dropped
// is dialled again and the unanswered message sent again; without it, any
// failure counts.
func echoClient(port, id, messages int, retry bool, r *loadResult) {
	rng := rand.New(rand.NewPCG(uint64(id), 7))
	var conn net.Conn
	defer func() {
		if conn != nil {
			conn.Close()
		}
	}()
	buf := make([]byte, maxMessage)
	got := make([]byte, maxMessage)
	for i, attempts := 0, 0; i < messages; {
		if conn == nil {
			c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
			if err != nil {
				r.fail(fmt.Errorf("client %d: %w", id, err))
				return
			}
			conn = c
		}
		n := 1 + rng.IntN(maxMessage)
		for j := 0; j < n; j += 8 {
			binary.LittleEndian.PutUint64(buf[j:min(j+8, maxMessage)], rng.Uint64())
		}
		msg := buf[:n]
		want := sha256.Sum256(msg)
		conn.SetDeadline(time.Now().Add(60 * time.Second))
		_, err := conn.Write(msg)
		if err == nil {
			_, err = io.ReadFull(conn, got[:n])
		}
		if err == nil && sha256.Sum256(got[:n]) != want {
			r.fail(fmt.Errorf("client %d message %d: %d bytes echoed with a different checksum", id, i, n))
			return
		}
		if err != nil {
			attempts++
			if !retry || attempts > 20 {
				r.fail(fmt.Errorf("client %d message %d (%d bytes): %w", id, i, n, err))
				return
			}
			conn.Close()
			conn = nil
			r.reconnects.Add(1)
			rng = rand.New(rand.NewPCG(uint64(id), uint64(7+attempts))) // a new stream: a fresh message
			continue
		}
		r.messages.Add(1)
		r.bytes.Add(int64(n))
		i++
	}
}

// drive runs clients echo clients at once and fails the test on any lost or
// corrupted message.
func drive(t *testing.T, port, clients, messages int, retry bool) *loadResult {
	t.Helper()
	r := &loadResult{}
	var wg sync.WaitGroup
	start := time.Now()
	for id := range clients {
		wg.Go(func() { echoClient(port, id, messages, retry, r) })
	}
	wg.Wait()
	took := time.Since(start)
	for _, err := range r.errs {
		t.Error(err)
	}
	if got, want := r.messages.Load(), int64(clients*messages); got != want {
		t.Errorf("%d of %d messages echoed intact", got, want)
	}
	t.Logf("%d clients × %d messages: %d messages, %.1f MiB each way in %v (%.1f MiB/s), %d reconnects",
		clients, messages, r.messages.Load(), float64(r.bytes.Load())/(1<<20), took.Round(time.Millisecond),
		float64(r.bytes.Load())/(1<<20)/took.Seconds(), r.reconnects.Load())
	return r
}

var listening = regexp.MustCompile(`listening on 127\.0\.0\.1:(\d+)`)

// TestLoadThreadedEchoServer drives bench/echo_server.lua, the tutorial's
// thread-per-connection style (recv(4096), sendall, one thread each), run
// as a script. Ctrl-C stops it; its listening socket is a local of the
// script, which nothing closes, so here the garbage collector's finalizer
// does, as it would at process exit.
func TestLoadThreadedEchoServer(t *testing.T) {
	clients, messages := scale()
	before := count(t)
	rt := newRuntime(t)
	done := make(chan error, 1)
	go func() { done <- rt.RunFile("../bench/echo_server.lua", []string{"0", "1024"}) }()
	port := 0
	for deadline := time.Now().Add(10 * time.Second); port == 0; {
		if m := listening.FindStringSubmatch(rt.Stdout.String()); m != nil {
			fmt.Sscan(m[1], &port)
		} else if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s %s", rt.Stdout, rt.Stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
	drive(t, port, clients, messages, false)
	rt.Interrupt()
	select {
	case err := <-done:
		if err == nil || !bytes.Contains([]byte(err.Error()), []byte("KeyboardInterrupt")) {
			t.Errorf("server ended with %v, want KeyboardInterrupt", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-C did not stop the server within 10 s")
	}
	// The daemon handler threads end when their clients close, but each
	// needs the GIL to return, which the main thread holds once the script
	// has stopped: wait for them as a REPL prompt would, with it released.
	runOK(t, rt, `for i = 1, 100 do if threading.active_count() == 1 then break end time.sleep(0.05) end`)
	if s := rt.Stderr.String(); s != "" {
		t.Errorf("server reported errors: %s", s)
	}
	waitBaseline(t, before, true)
}

// TestLoadSocketserverEcho drives a socketserver.ThreadingTCPServer echo
// handler the same way, then shuts it down as the tutorial does.
func TestLoadSocketserverEcho(t *testing.T) {
	clients, messages := scale()
	baseline(t)
	rt := newRuntime(t)
	// serve_forever runs on the main thread, which releases the GIL while
	// it waits; Ctrl-C ends it, as in scripts/02-network-programming.
	done := make(chan error, 1)
	go func() {
		done <- rt.RunString(`
local Echo = socketserver.BaseRequestHandler:subclass("Echo")
function Echo:handle()
  while true do
    local data = self.request:recv(65536)
    if data == "" then break end
    self.request:sendall(data)
  end
end
local Server = socketserver.ThreadingTCPServer:subclass("Server", {request_queue_size = 1024, allow_reuse_address = true})
server = Server({"127.0.0.1", 0}, Echo)
print(server.server_address[2])
server:serve_forever()
`, "server")
	}()
	var port int
	for deadline := time.Now().Add(10 * time.Second); port == 0; time.Sleep(5 * time.Millisecond) {
		fmt.Sscan(rt.Stdout.String(), &port)
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s", rt.Stderr)
		}
	}
	drive(t, port, clients, messages, false)
	rt.Interrupt()
	select {
	case err := <-done:
		if err == nil || !bytes.Contains([]byte(err.Error()), []byte("KeyboardInterrupt")) {
			t.Errorf("serve_forever ended with %v, want KeyboardInterrupt", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-C did not end serve_forever within 10 s")
	}
	runOK(t, rt, `server:server_close()`)
	if s := rt.Stderr.String(); s != "" {
		t.Errorf("server reported errors: %s", s)
	}
}

// waitBaseline waits up to 5 s for fds and goroutines to come back to
// before; gc runs the collector meanwhile, for sockets a script leaves to
// its finalizers.
func waitBaseline(t *testing.T, before resources, gc bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; {
		if gc {
			runtime.GC()
		}
		now := count(t)
		if now.fds <= before.fds && now.goroutines <= before.goroutines {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("leak: %d fds and %d goroutines before, %d and %d 5 s after\nfds: %s", before.fds, before.goroutines, now.fds, now.goroutines, openFiles())
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}
