package sockos

import (
	"errors"
	"os"
	"sync"
	"testing"
	"time"
)

// tcpPair returns two connected loopback TCP sockets, closed at the end:
// every platform has these (socketpair's AF_UNIX is not on Windows).
func tcpPair(t *testing.T) (int, int) {
	t.Helper()
	l, err := Socket(AF_INET, SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer Close(l)
	if err := Bind(l, &SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := Listen(l, 1); err != nil {
		t.Fatal(err)
	}
	sa, err := Getsockname(l)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Socket(AF_INET, SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := Connect(c, sa); err != nil && !ConnectPending(err) {
		t.Fatal(err)
	}
	for {
		a, _, err := Accept(l)
		if err == nil {
			t.Cleanup(func() { Close(a); Close(c) })
			return a, c
		}
		if !WouldBlock(err) {
			t.Fatal(err)
		}
		if err := WaitAny([]PollFd{{Fd: l, Events: PollIn}}, time.Now().Add(5*time.Second), nil); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWaitAny: the hub's wait ends at its deadline, on cancel, and when
// the descriptor becomes ready, which PollOnce then reports.
func TestWaitAny(t *testing.T) {
	a, b := tcpPair(t)
	fds := []PollFd{{Fd: a, Events: PollIn}}
	start := time.Now()
	if err := WaitAny(fds, time.Now().Add(50*time.Millisecond), nil); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("deadline: got %v", err)
	}
	if d := time.Since(start); d < 40*time.Millisecond {
		t.Errorf("deadline: returned after %v", d)
	}
	cancel := make(chan struct{}, 1)
	cancel <- struct{}{}
	if err := WaitAny(fds, time.Time{}, cancel); err != nil {
		t.Fatalf("cancel: got %v", err)
	}
	if err := PollOnce(fds); err != nil || fds[0].Revents&PollIn != 0 {
		t.Fatalf("nothing sent yet: revents %#x, %v", fds[0].Revents, err)
	}
	if _, err := Send(b, []byte("x"), nil, 0); err != nil {
		t.Fatal(err)
	}
	if err := WaitAny(fds, time.Now().Add(5*time.Second), nil); err != nil {
		t.Fatalf("ready: got %v", err)
	}
	if err := PollOnce(fds); err != nil || fds[0].Revents&PollIn == 0 {
		t.Fatalf("after a send: revents %#x, %v", fds[0].Revents, err)
	}
}

// TestWaitAnyManyWaiters: every waiter of a descriptor is woken by one
// readiness, and the hub then stops watching it (no waiter is left).
func TestWaitAnyManyWaiters(t *testing.T) {
	a, b := tcpPair(t)
	const n = 200
	var wg sync.WaitGroup
	errs := make(chan error, n)
	var started sync.WaitGroup
	started.Add(n)
	for range n {
		wg.Go(func() {
			started.Done()
			errs <- WaitAny([]PollFd{{Fd: a, Events: PollIn}}, time.Now().Add(10*time.Second), nil)
		})
	}
	started.Wait()
	time.Sleep(50 * time.Millisecond)
	if _, err := Send(b, []byte("x"), nil, 0); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a waiter: %v", err)
		}
	}
	theHub.mu.Lock()
	_, watched := theHub.fds[a]
	theHub.mu.Unlock()
	if watched {
		t.Error("the hub still watches the descriptor with no waiter left")
	}
}

// TestConnDeadlineAndClose: a Conn's Read ends at its deadline, and with an
// error IsClosed reports when the socket is closed during the wait; Adopt
// of a descriptor a live Conn owns returns that Conn.
func TestConnDeadlineAndClose(t *testing.T) {
	a, _ := tcpPair(t)
	nfd, err := Dup(a)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewConn(nfd)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := Adopt(nfd); err != nil || again != c {
		t.Fatalf("Adopt of an owned descriptor: %v, %v (want the same Conn)", again, err)
	}
	never := func(uintptr) bool { return false }
	c.SetReadDeadline(time.Now().Add(30 * time.Millisecond))
	if err := c.Read(never); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("deadline: got %v", err)
	}
	c.SetReadDeadline(time.Time{})
	done := make(chan error, 1)
	go func() { done <- c.Read(never) }()
	time.Sleep(30 * time.Millisecond)
	c.Close()
	select {
	case err := <-done:
		if !IsClosed(err) {
			t.Fatalf("close during the wait: got %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("close did not end the wait")
	}
}
