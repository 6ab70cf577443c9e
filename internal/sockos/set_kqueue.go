//go:build darwin || freebsd

package sockos

import "golang.org/x/sys/unix"

// A Set is a kqueue: the descriptors it watches and, as its Conn, the
// kqueue descriptor itself, which Go's poller (a kqueue too) watches like a
// socket: a kqueue is readable when one of its events is pending. So a
// thread waiting in select.select or a selector parks a goroutine, not an
// OS thread. This file is the only part of the BSD layer that the
// netlua_bsd build on Linux cannot run; it is kept to the kevent calls.
type Set struct {
	Conn
	kq  int
	buf []unix.Kevent_t
}

// NewSet makes an empty Set.
func NewSet() (*Set, error) {
	kq, err := unix.Kqueue()
	if err != nil {
		return nil, err
	}
	unix.CloseOnExec(kq)
	if err := unix.SetNonblock(kq, true); err != nil {
		unix.Close(kq)
		return nil, err
	}
	c, err := NewConn(kq)
	if err != nil {
		return nil, err
	}
	return &Set{Conn: c, kq: kq}, nil
}

// SetKind names the mechanism as CPython's selector class does
// (selectors.KqueueSelector).
const SetKind = "Kqueue"

// change adds or deletes the read and write filters of fd: kqueue keeps
// one registration per filter.
func (s *Set) change(fd, add, del int) error {
	var ch []unix.Kevent_t
	for _, f := range []struct {
		bit    int
		filter int
	}{{PollIn, unix.EVFILT_READ}, {PollOut, unix.EVFILT_WRITE}} {
		var k unix.Kevent_t
		switch {
		case add&f.bit != 0:
			unix.SetKevent(&k, fd, f.filter, unix.EV_ADD)
		case del&f.bit != 0:
			unix.SetKevent(&k, fd, f.filter, unix.EV_DELETE)
		default:
			continue
		}
		ch = append(ch, k)
	}
	if len(ch) == 0 {
		return nil
	}
	_, err := unix.Kevent(s.kq, ch, nil, &unix.Timespec{})
	return err
}

// Add starts watching fd for ev (PollIn, PollOut).
func (s *Set) Add(fd, ev int) error { return s.change(fd, ev, 0) }

// Modify changes what fd is watched for.
func (s *Set) Modify(fd, ev int) error {
	s.change(fd, 0, (PollIn|PollOut)&^ev) // a filter not set is not an error
	return s.change(fd, ev, 0)
}

// Remove stops watching fd.
func (s *Set) Remove(fd int) error {
	s.change(fd, 0, PollIn)
	s.change(fd, 0, PollOut)
	return nil
}

// Collect reports, without waiting, up to len(out) ready descriptors, one
// Event per filter (a descriptor both readable and writable comes twice, as
// in CPython's KqueueSelector, which merges them).
func (s *Set) Collect(fd uintptr, out []Event) (int, error) {
	if cap(s.buf) < len(out) {
		s.buf = make([]unix.Kevent_t, len(out))
	}
	buf := s.buf[:len(out)]
	for {
		n, err := unix.Kevent(int(fd), nil, buf, &unix.Timespec{})
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		for i, k := range buf[:n] {
			ev := PollIn
			if k.Filter == unix.EVFILT_WRITE {
				ev = PollOut
			}
			out[i] = Event{Fd: int(k.Ident), Events: ev}
		}
		return n, nil
	}
}
