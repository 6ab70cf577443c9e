package sockos

import (
	"os"
	"sync"
	"time"
)

// The hub waits on behalf of threads that wait for readiness on descriptors
// the poller does not own for them: select.select's lists (any descriptors,
// shared by any number of threads), and on Windows every socket wait. One
// goroutine watches the union of what is waited for through a backend
// (epoll or kqueue, itself on Go's poller; on Windows Winsock's select) and
// wakes the waiters whose descriptors are ready; each waiting thread parks
// on a channel. So a wait costs neither an OS thread nor a descriptor of its
// own (an epoll descriptor per select.select call ran 1,000 waiting threads
// into the usual limit of 1,024 open files), and a timeout is a timer and
// Ctrl-C a channel send.
type hub struct {
	mu      sync.Mutex
	be      backend
	fds     map[int]*hubFd
	started bool
	err     error // the backend's failure to start, reported to every wait
}

// A hubFd is one descriptor being waited for: its waiters and the union of
// their events, which is what the backend watches.
type hubFd struct {
	events  int
	waiters map[*waiter]int // events each waits for
}

// A waiter is one thread's wait: ready gets a token when one of its
// descriptors is ready.
type waiter struct {
	ready chan struct{}
}

// A backend is the platform's readiness mechanism under the hub. set and
// wait may be called concurrently.
type backend interface {
	// set watches fd for events (PollIn, PollOut, PollPri), or stops
	// watching it when events is 0.
	set(fd, events int) error
	// wait blocks until some watched descriptor is ready, or until set
	// changed what is watched, and reports the ready ones.
	wait() ([]Event, error)
}

var theHub hub

func (h *hub) start() error {
	if h.started {
		return h.err
	}
	h.started = true
	h.fds = make(map[int]*hubFd)
	h.be, h.err = newBackend()
	if h.err == nil {
		go h.loop()
	}
	return h.err
}

// loop delivers readiness to waiters. A descriptor whose waiters have all
// been woken is no longer watched: the backends are level-triggered, so it
// would otherwise be reported again and again.
func (h *hub) loop() {
	for {
		evs, err := h.be.wait()
		h.mu.Lock()
		if err != nil {
			// A descriptor closed under the wait (Windows' select fails
			// with WSAENOTSOCK): wake everyone, and each looks again.
			for fd, f := range h.fds {
				h.wakeAll(fd, f, ^0)
			}
		}
		for _, ev := range evs {
			if f, ok := h.fds[ev.Fd]; ok {
				h.wakeAll(ev.Fd, f, ev.Events)
			}
		}
		h.mu.Unlock()
		if err != nil {
			time.Sleep(time.Millisecond) // no busy loop if it persists
		}
	}
}

// wakeAll wakes the waiters of fd that ready concerns, with h.mu held. Error
// and hang-up conditions concern every waiter, as poll(2) reports them to
// any.
func (h *hub) wakeAll(fd int, f *hubFd, ready int) {
	for w, ev := range f.waiters {
		if ev&ready != 0 || ready&(PollErr|PollHup|PollNval) != 0 {
			select {
			case w.ready <- struct{}{}:
			default:
			}
			delete(f.waiters, w)
		}
	}
	h.update(fd, f)
}

// update makes the backend watch the union of fd's waiters' events, with
// h.mu held.
func (h *hub) update(fd int, f *hubFd) {
	ev := 0
	for _, e := range f.waiters {
		ev |= e
	}
	if ev == f.events {
		return
	}
	f.events = ev
	h.be.set(fd, ev)
	if ev == 0 {
		delete(h.fds, fd)
	}
}

// add registers w for fds, with h.mu held.
func (h *hub) add(w *waiter, fds []PollFd) error {
	for _, p := range fds {
		f, ok := h.fds[p.Fd]
		if !ok {
			f = &hubFd{waiters: make(map[*waiter]int)}
			h.fds[p.Fd] = f
		}
		f.waiters[w] |= p.Events
		// Set even when the events are unchanged: the descriptor may have
		// been closed and its number reused since it was added (the kernel
		// then forgot it, while other waiters kept its entry here).
		ev := f.events | p.Events
		if err := h.be.set(p.Fd, ev); err != nil {
			delete(f.waiters, w)
			if len(f.waiters) == 0 {
				delete(h.fds, p.Fd)
			}
			return err
		}
		f.events = ev
	}
	return nil
}

// remove unregisters w from fds, with h.mu held.
func (h *hub) remove(w *waiter, fds []PollFd) {
	for _, p := range fds {
		if f, ok := h.fds[p.Fd]; ok {
			delete(f.waiters, w)
			h.update(p.Fd, f)
		}
	}
}

var waiterPool = sync.Pool{New: func() any { return &waiter{ready: make(chan struct{}, 1)} }}

// WaitAny waits until one of fds may be ready for its Events, until the
// deadline d (zero: none) passes, or until cancel receives. It reports
// nothing about which: the caller looks again (PollOnce, or retrying its
// call). A descriptor the backend refuses (a closed one: EBADF) is an error.
func WaitAny(fds []PollFd, d time.Time, cancel <-chan struct{}) error {
	h := &theHub
	w := waiterPool.Get().(*waiter)
	h.mu.Lock()
	err := h.start()
	if err == nil {
		err = h.add(w, fds)
	}
	h.mu.Unlock()
	if err != nil {
		h.mu.Lock()
		h.remove(w, fds)
		h.mu.Unlock()
		waiterPool.Put(w)
		return err
	}
	var timeout <-chan time.Time
	if !d.IsZero() {
		t := time.NewTimer(time.Until(d))
		defer t.Stop()
		timeout = t.C
	}
	err = nil
	select {
	case <-w.ready:
	case <-timeout:
		err = os.ErrDeadlineExceeded
	case <-cancel:
	}
	h.mu.Lock()
	h.remove(w, fds)
	h.mu.Unlock()
	select { // a token that came meanwhile must not reach the next user
	case <-w.ready:
	default:
	}
	waiterPool.Put(w)
	return err
}
