//go:build linux

package sockos

import "golang.org/x/sys/unix"

// A Set is an epoll instance: the descriptors it watches and, as its Conn,
// the epoll descriptor itself, which Go's poller watches like a socket (an
// epoll descriptor is readable when one of its descriptors is ready). So a
// thread waiting in select.select or a selector parks a goroutine, not an
// OS thread, and deadlines and Ctrl-C work as for sockets.
//
// The netlua_bsd build on Linux uses it too: kqueue does not exist there.
type Set struct {
	Conn
	epfd int
	buf  []unix.EpollEvent
}

// NewSet makes an empty Set.
func NewSet() (*Set, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	if err := unix.SetNonblock(epfd, true); err != nil {
		unix.Close(epfd)
		return nil, err
	}
	c, err := NewConn(epfd)
	if err != nil {
		return nil, err
	}
	return &Set{Conn: c, epfd: epfd}, nil
}

// SetKind names the mechanism as CPython's selector class does
// (selectors.EpollSelector).
const SetKind = "Epoll"

func epollEvents(ev int) uint32 {
	var e uint32
	if ev&PollIn != 0 {
		e |= unix.EPOLLIN
	}
	if ev&PollOut != 0 {
		e |= unix.EPOLLOUT
	}
	if ev&PollPri != 0 {
		e |= unix.EPOLLPRI
	}
	return e
}

// Add starts watching fd for ev (PollIn, PollOut, PollPri).
func (s *Set) Add(fd, ev int) error {
	e := unix.EpollEvent{Events: epollEvents(ev), Fd: int32(fd)}
	return unix.EpollCtl(s.epfd, unix.EPOLL_CTL_ADD, fd, &e)
}

// Modify changes what fd is watched for.
func (s *Set) Modify(fd, ev int) error {
	e := unix.EpollEvent{Events: epollEvents(ev), Fd: int32(fd)}
	return unix.EpollCtl(s.epfd, unix.EPOLL_CTL_MOD, fd, &e)
}

// Remove stops watching fd; a descriptor closed meanwhile is already gone.
func (s *Set) Remove(fd int) error {
	return unix.EpollCtl(s.epfd, unix.EPOLL_CTL_DEL, fd, nil)
}

// Collect reports, without waiting, up to len(out) ready descriptors. It is
// meant to be called from the Conn's Read, which waits between calls.
func (s *Set) Collect(fd uintptr, out []Event) (int, error) {
	if cap(s.buf) < len(out) {
		s.buf = make([]unix.EpollEvent, len(out))
	}
	buf := s.buf[:len(out)]
	for {
		n, err := unix.EpollWait(int(fd), buf, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		for i, e := range buf[:n] {
			ev := 0
			for _, b := range epollBits {
				if e.Events&b.epoll != 0 {
					ev |= b.ours
				}
			}
			out[i] = Event{Fd: int(e.Fd), Events: ev}
		}
		return n, nil
	}
}

var epollBits = [...]struct {
	ours  int
	epoll uint32
}{{PollIn, unix.EPOLLIN}, {PollPri, unix.EPOLLPRI}, {PollOut, unix.EPOLLOUT},
	{PollErr, unix.EPOLLERR}, {PollHup, unix.EPOLLHUP | unix.EPOLLRDHUP}}
