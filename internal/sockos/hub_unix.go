//go:build unix

package sockos

import "golang.org/x/sys/unix"

// setBackend is the hub's backend on Unix: a Set (epoll, kqueue), whose own
// descriptor the hub goroutine waits on through Go's poller, so the hub
// holds no OS thread either. Registrations take effect at once, even during
// a wait, so set needs no wake-up.
type setBackend struct {
	s   *Set
	out []Event
}

func newBackend() (backend, error) {
	s, err := NewSet()
	if err != nil {
		return nil, err
	}
	return &setBackend{s: s, out: make([]Event, 128)}, nil
}

func (b *setBackend) set(fd, events int) error {
	if events == 0 {
		return b.s.Remove(fd)
	}
	err := b.s.Modify(fd, events)
	if err == unix.ENOENT {
		// Closed and reused since it was added: the kernel forgot it.
		err = b.s.Add(fd, events)
	}
	return err
}

func (b *setBackend) wait() ([]Event, error) {
	var n int
	var err error
	rerr := b.s.Read(func(fd uintptr) bool {
		n, err = b.s.Collect(fd, b.out)
		return n > 0 || err != nil
	})
	if rerr != nil {
		return nil, rerr
	}
	return b.out[:n], err
}
