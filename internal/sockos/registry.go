package sockos

import (
	"sync"
	"weak"
)

// registry maps descriptor numbers to the live Conn that owns each, so that
// a second socket object made over a descriptor we already own
// (socket.socket(nil, nil, nil, fd)) shares its poller registration instead
// of registering it twice: epoll refuses a second registration (EEXIST) and
// Go's poller then treats the descriptor as "unsupported file type". The
// references are weak: an entry never keeps a socket from being collected
// (and closed by its finalizer).
type registry[T any] struct {
	mu    sync.Mutex
	conns map[int]weak.Pointer[T]
}

// lookup returns the live Conn for fd, or nil.
func (r *registry[T]) lookup(fd int) *T {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.conns[fd]; ok {
		if c := p.Value(); c != nil {
			return c
		}
		delete(r.conns, fd)
	}
	return nil
}

func (r *registry[T]) add(fd int, c *T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conns == nil {
		r.conns = make(map[int]weak.Pointer[T])
	}
	r.conns[fd] = weak.Make(c)
}

// remove forgets fd if c still owns it (the number may have been reused).
func (r *registry[T]) remove(fd int, c *T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.conns[fd]; ok && (p.Value() == c || p.Value() == nil) {
		delete(r.conns, fd)
	}
}
