package sockos

import "sync"

// SetKind names the mechanism as CPython's selector class does: Windows
// has SelectSelector.
const SetKind = "Select"

// A Set on Windows is a list of sockets and their events; its Conn waits
// for any of them through the hub, and Collect asks select without waiting.
type Set struct {
	Conn
	mu      sync.Mutex
	watched map[int]int
}

// NewSet makes an empty Set.
func NewSet() (*Set, error) {
	s := &Set{watched: make(map[int]int)}
	s.Conn = &winConn{fd: -1, set: s, changed: make(chan struct{})}
	return s, nil
}

func (s *Set) Add(fd, ev int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.watched[fd] = ev
	return nil
}

func (s *Set) Modify(fd, ev int) error { return s.Add(fd, ev) }

func (s *Set) Remove(fd int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.watched, fd)
	return nil
}

func (s *Set) pollFds() []PollFd {
	s.mu.Lock()
	defer s.mu.Unlock()
	fds := make([]PollFd, 0, len(s.watched))
	for fd, ev := range s.watched {
		fds = append(fds, PollFd{Fd: fd, Events: ev})
	}
	return fds
}

// Collect reports, without waiting, up to len(out) ready sockets.
func (s *Set) Collect(_ uintptr, out []Event) (int, error) {
	fds := s.pollFds()
	if err := PollOnce(fds); err != nil {
		return 0, err
	}
	n := 0
	for _, p := range fds {
		if p.Revents != 0 && n < len(out) {
			out[n] = Event{Fd: p.Fd, Events: p.Revents &^ PollErr}
			n++
		}
	}
	return n, nil
}
