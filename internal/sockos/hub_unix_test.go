//go:build unix

package sockos

import (
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestWaitAnyReusedNumber: a descriptor closed while a thread waits on it,
// its number then reused by another socket: a new wait on that number is
// woken by the new socket (the kernel forgot the old registration; the
// hub's entry, kept by the first waiter, must not hide that).
func TestWaitAnyReusedNumber(t *testing.T) {
	a, _ := tcpPair(t)
	c, d := tcpPair(t)
	first := make(chan error, 1)
	go func() { first <- WaitAny([]PollFd{{Fd: a, Events: PollIn}}, time.Now().Add(3*time.Second), nil) }()
	time.Sleep(50 * time.Millisecond)       // the first waiter is registered
	if err := unix.Dup2(c, a); err != nil { // a's number now names c's socket
		t.Fatal(err)
	}
	second := make(chan error, 1)
	go func() { second <- WaitAny([]PollFd{{Fd: a, Events: PollIn}}, time.Now().Add(10*time.Second), nil) }()
	time.Sleep(50 * time.Millisecond)
	if _, err := Send(d, []byte("x"), nil, 0); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-second:
		if err != nil {
			t.Fatalf("the wait on the reused number: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the wait on the reused number was not woken by its socket")
	}
	<-first
}
