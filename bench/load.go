package bench

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// A PingPong scenario: clients connect, then each sends a message of Size
// bytes and reads the whole echo back, Rounds times.
type PingPong struct {
	Clients, Rounds, Size int
	// TLS, if set, makes every client a crypto/tls client with this
	// configuration; its handshake is done before the clock starts.
	TLS *tls.Config
}

// A PingPongResult is what one run of a PingPong scenario measured.
type PingPongResult struct {
	RoundTrips int           // completed by all clients together
	Elapsed    time.Duration // from the moment all clients were connected
}

// PerSecond is the round-trip rate.
func (r PingPongResult) PerSecond() float64 { return float64(r.RoundTrips) / r.Elapsed.Seconds() }

// Run drives the server at addr. Every client connects first and the clock
// starts when all are connected, so the figure is echo speed, not accept
// speed. Every echo is compared with what was sent. The whole run stops at
// timeout: a server too slow to finish is an error, not a hang.
func (p PingPong) Run(addr string, timeout time.Duration) (PingPongResult, error) {
	deadline := time.Now().Add(timeout)
	conns := make([]net.Conn, 0, p.Clients)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	d := net.Dialer{Deadline: deadline}
	for i := 0; i < p.Clients; i++ {
		c, err := d.Dial("tcp", addr)
		if err != nil {
			return PingPongResult{}, fmt.Errorf("client %d: %v", i, err)
		}
		c.SetDeadline(deadline)
		if p.TLS != nil {
			tc := tls.Client(c, p.TLS)
			if err := tc.Handshake(); err != nil {
				c.Close()
				return PingPongResult{}, fmt.Errorf("client %d: TLS handshake: %v", i, err)
			}
			c = tc
		}
		conns = append(conns, c)
	}
	msg := make([]byte, p.Size)
	for i := range msg {
		msg[i] = byte('a' + i%26)
	}
	var (
		wg    sync.WaitGroup
		done  atomic.Int64
		first firstError
	)
	start := time.Now()
	for _, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := p.client(c, msg, &done); err != nil {
				first.set(err)
				// Closing makes the other clients' blocked calls fail fast.
				for _, c := range conns {
					c.Close()
				}
			}
		}()
	}
	wg.Wait()
	res := PingPongResult{RoundTrips: int(done.Load()), Elapsed: time.Since(start)}
	if err := first.get(); err != nil {
		return res, fmt.Errorf("after %d round trips: %v", res.RoundTrips, err)
	}
	return res, nil
}

// client runs one connection's round trips. Large messages are written from
// a second goroutine while the echo is read, as a real client would: writing
// all of a message before reading could fill both directions' buffers.
func (p PingPong) client(c net.Conn, msg []byte, done *atomic.Int64) error {
	buf := make([]byte, len(msg))
	for r := 0; r < p.Rounds; r++ {
		var werr chan error
		if len(msg) <= 4096 {
			if _, err := c.Write(msg); err != nil {
				return err
			}
		} else {
			werr = make(chan error, 1)
			go func() { _, err := c.Write(msg); werr <- err }()
		}
		if _, err := io.ReadFull(c, buf); err != nil {
			return err
		}
		if werr != nil {
			if err := <-werr; err != nil {
				return err
			}
		}
		if !bytes.Equal(buf, msg) {
			return errors.New("echo differs from what was sent")
		}
		done.Add(1)
	}
	return nil
}

// An Idle scenario holds Conns connections open at once. They are dialled
// by Dialers goroutines together, a burst larger than a 128 backlog, as a
// crowd of clients arriving would be; then each is checked to echo once.
type Idle struct {
	Conns, Dialers int
}

// An IdleResult is what one run of an Idle scenario measured.
type IdleResult struct {
	Connected int           // dials that succeeded
	Echoed    int           // connections that then echoed correctly
	Connect   time.Duration // from the first dial until the last returned
	Serve     time.Duration // from the first dial until every echo came back
}

// Run opens the connections, verifies them, calls held while all are still
// open (to read the server's RSS), then closes them. It stops at timeout.
func (s Idle) Run(addr string, timeout time.Duration, held func()) (IdleResult, error) {
	deadline := time.Now().Add(timeout)
	conns := make([]net.Conn, s.Conns)
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
	}()
	var res IdleResult
	var firstErr firstError
	start := time.Now()
	parallel(s.Conns, s.Dialers, func(i int) {
		d := net.Dialer{Deadline: deadline}
		c, err := d.Dial("tcp", addr)
		if err != nil {
			firstErr.set(err)
			return
		}
		conns[i] = c
	})
	res.Connect = time.Since(start)
	var echoed atomic.Int64
	msg := []byte("ping")
	parallel(s.Conns, s.Dialers, func(i int) {
		c := conns[i]
		if c == nil {
			return
		}
		c.SetDeadline(deadline)
		buf := make([]byte, len(msg))
		if _, err := c.Write(msg); err != nil {
			firstErr.set(err)
			return
		}
		if _, err := io.ReadFull(c, buf); err != nil {
			firstErr.set(err)
			return
		}
		if bytes.Equal(buf, msg) {
			echoed.Add(1)
		}
	})
	res.Serve = time.Since(start)
	for _, c := range conns {
		if c != nil {
			res.Connected++
		}
	}
	res.Echoed = int(echoed.Load())
	if held != nil {
		held()
	}
	if err := firstErr.get(); err != nil {
		return res, fmt.Errorf("%d of %d echoed: %v", res.Echoed, s.Conns, err)
	}
	return res, nil
}

// parallel calls fn(0..n-1) from k goroutines.
func parallel(n, k int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(k, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// firstError keeps the first of the errors set from several goroutines.
type firstError struct {
	mu  sync.Mutex
	err error
}

func (f *firstError) set(err error) {
	f.mu.Lock()
	if f.err == nil {
		f.err = err
	}
	f.mu.Unlock()
}

func (f *firstError) get() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}
