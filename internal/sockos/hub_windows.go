package sockos

import (
	"sync"
	"unsafe"
)

// selectBackend is the hub's backend on Windows: Winsock's select over every
// watched socket plus a wake-up socket, in the hub goroutine, the one OS
// thread that waits for all. Why select rather than WSAPoll: WSAPoll does
// not report a failed connect on Windows 10 before 2004 (a refused
// connection would wait for its timeout), while select reports it in the
// exception set; and select takes any number of sockets (the fd_set is
// sized here, FD_SETSIZE only sizes C's default struct). A change to what is
// watched sends a byte to the wake-up socket, so the select in progress
// returns and the next one sees it.
type selectBackend struct {
	mu      sync.Mutex
	watched map[int]int
	wake    int // a UDP socket on the loopback, connected to itself
}

func newBackend() (backend, error) {
	s, err := Socket(AF_INET, SOCK_DGRAM, 0)
	if err != nil {
		return nil, err
	}
	if err := Bind(s, &SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		Close(s)
		return nil, err
	}
	sa, err := Getsockname(s)
	if err == nil {
		err = Connect(s, sa)
	}
	if err != nil {
		Close(s)
		return nil, err
	}
	return &selectBackend{watched: make(map[int]int), wake: s}, nil
}

var kickByte = []byte{0}

func (b *selectBackend) set(fd, events int) error {
	b.mu.Lock()
	old, had := b.watched[fd]
	if events == 0 {
		delete(b.watched, fd)
	} else {
		b.watched[fd] = events
	}
	b.mu.Unlock()
	if events&^old != 0 || !had && events != 0 {
		Send(b.wake, kickByte, nil, 0)
	}
	return nil
}

func (b *selectBackend) wait() ([]Event, error) {
	b.mu.Lock()
	fds := make([]PollFd, 0, len(b.watched)+1)
	fds = append(fds, PollFd{Fd: b.wake, Events: PollIn})
	for fd, ev := range b.watched {
		fds = append(fds, PollFd{Fd: fd, Events: ev})
	}
	b.mu.Unlock()
	if err := selectFds(fds, true); err != nil {
		return nil, err
	}
	if fds[0].Revents != 0 {
		var buf [16]byte
		for {
			if _, err := recvPlain(b.wake, buf[:], 0); err != nil {
				break
			}
		}
	}
	var evs []Event
	for _, p := range fds[1:] {
		if p.Revents != 0 {
			evs = append(evs, Event{Fd: p.Fd, Events: p.Revents})
		}
	}
	return evs, nil
}

// PollOnce reports the readiness of sockets without waiting.
func PollOnce(fds []PollFd) error {
	if len(fds) == 0 {
		return nil
	}
	return selectFds(fds, false)
}

// fdSet is a Winsock fd_set of any size: a count, then the sockets (the
// count is a u_int, padded to the SOCKETs' alignment).
type fdSet []uintptr

func (s *fdSet) add(fd int) { *s = append(*s, uintptr(fd)); (*s)[0]++ }

func (s fdSet) has(fd int) bool {
	for _, v := range s[1 : 1+s[0]] {
		if v == uintptr(fd) {
			return true
		}
	}
	return false
}

func (s fdSet) ptr() uintptr {
	if s[0] == 0 {
		return 0
	}
	return uintptr(unsafe.Pointer(&s[0]))
}

// selectFds fills Revents with select: readable is PollIn, writable
// PollOut; the exception set is out-of-band data for PollPri, and a failed
// connect for PollOut, reported as PollErr. block waits with no limit;
// otherwise select returns at once.
func selectFds(fds []PollFd, block bool) error {
	r, w, x := fdSet{0}, fdSet{0}, fdSet{0}
	for _, p := range fds {
		if p.Events&PollIn != 0 {
			r.add(p.Fd)
		}
		if p.Events&PollOut != 0 {
			w.add(p.Fd)
		}
		if p.Events&(PollOut|PollPri) != 0 {
			x.add(p.Fd)
		}
	}
	var zero [2]int32 // struct timeval {0, 0}
	tv := uintptr(unsafe.Pointer(&zero))
	if block {
		tv = 0
	}
	n, _, e := procSelect.Call(0, r.ptr(), w.ptr(), x.ptr(), tv)
	if int32(n) < 0 {
		return lastErr(e)
	}
	for i := range fds {
		p := &fds[i]
		p.Revents = 0
		if p.Events&PollIn != 0 && r.has(p.Fd) {
			p.Revents |= PollIn
		}
		if p.Events&PollOut != 0 && w.has(p.Fd) {
			p.Revents |= PollOut
		}
		if x.has(p.Fd) {
			if p.Events&PollPri != 0 {
				p.Revents |= PollPri
			}
			if p.Events&PollOut != 0 {
				p.Revents |= PollErr
			}
		}
	}
	return nil
}
