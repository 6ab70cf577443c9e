package selectors

import (
	"math"
	"time"

	lua "github.com/yuin/gopher-lua"
	"golang.org/x/sys/unix"

	"netlua/interp"
)

// Linux's select(2) reports these poll(2) events as readable, writable and
// exceptional; select.select keeps its meaning on top of poll.
const (
	pollInSet  = unix.POLLIN | unix.POLLHUP | unix.POLLERR
	pollOutSet = unix.POLLOUT | unix.POLLERR
	pollExSet  = unix.POLLPRI
)

// A watched object is one entry of one of select's lists.
type watched struct {
	obj lua.LValue
	idx int // into the pollfd slice
}

func selectFn(L *lua.LState) int {
	var rlist, wlist, xlist *lua.LTable
	timeout := -1.0
	unpackArgs(L, "select", 1, "rlist", &rlist, "wlist", &wlist, "xlist", &xlist, "timeout?", &timeout)
	if L.Get(4) != lua.LNil {
		switch {
		case math.IsNaN(timeout):
			interp.Raise(L, interp.ValueError, "select(): Invalid value NaN (not a number)")
		case timeout < 0:
			interp.Raise(L, interp.ValueError, "select(): timeout must be non-negative")
		}
	}
	// One pollfd per descriptor, however many lists name it; index 0 is
	// the wake-up eventfd.
	pfds := []unix.PollFd{{Events: unix.POLLIN}}
	byFD := make(map[int64]int)
	collect := func(list *lua.LTable, events int16) []watched {
		var ws []watched
		for i := 1; i <= list.Len(); i++ {
			obj := list.RawGetInt(i)
			fd, ok := fileno(L, obj)
			if !ok {
				interp.Raise(L, interp.TypeError, "select(): argument must be an int, or have a fileno() method.")
			}
			if fd < 0 {
				interp.Raise(L, interp.ValueError, "select(): file descriptor cannot be a negative integer (%d)", fd)
			}
			if fd > math.MaxInt32 {
				interp.Raise(L, interp.OverflowError, "select(): file descriptor %d is greater than maximum", fd)
			}
			idx, seen := byFD[fd]
			if !seen {
				idx = len(pfds)
				byFD[fd] = idx
				pfds = append(pfds, unix.PollFd{Fd: int32(fd)})
			}
			pfds[idx].Events |= events
			ws = append(ws, watched{obj, idx})
		}
		return ws
	}
	rs := collect(rlist, unix.POLLIN)
	ws := collect(wlist, unix.POLLOUT)
	xs := collect(xlist, unix.POLLPRI)

	w, err := newWaker()
	if err != nil {
		interp.RaiseOSError(L, err)
	}
	defer w.close()
	pfds[0].Fd = int32(w.fd)
	interp.Block(L, w, func() { err = poll(pfds, timeout) })
	if err != nil {
		interp.RaiseOSError(L, err)
	}
	for _, p := range pfds[1:] {
		if p.Revents&unix.POLLNVAL != 0 {
			interp.RaiseErrno(L, unix.EBADF) // as select(2) fails on a closed descriptor
		}
	}
	ready := func(list []watched, set int16) *lua.LTable {
		t := L.NewTable()
		for _, w := range list {
			if pfds[w.idx].Revents&set != 0 {
				t.Append(w.obj)
			}
		}
		return t
	}
	L.Push(ready(rs, pollInSet))
	L.Push(ready(ws, pollOutSet))
	L.Push(ready(xs, pollExSet))
	return 3
}

// poll waits for pfds for timeout seconds (negative: no limit), restarting
// after signals (Go's runtime sends them often) with the time that is left,
// as CPython does since PEP 475. It returns early when pfds[0], the wake-up
// eventfd, becomes readable.
func poll(pfds []unix.PollFd, timeout float64) error {
	var deadline time.Time
	if timeout >= 0 {
		deadline = time.Now().Add(time.Duration(math.Min(timeout, 1e9) * float64(time.Second)))
	}
	for {
		ms := -1
		if timeout >= 0 {
			// Rounded up, as CPython does, so a short timeout still waits.
			left := time.Until(deadline)
			ms = int(min(max((left+time.Millisecond-1)/time.Millisecond, 0), math.MaxInt32))
		}
		n, err := unix.Poll(pfds, ms)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return err
		case n == 0 && timeout >= 0 && time.Now().Before(deadline):
			continue // a wait longer than poll's int milliseconds
		}
		return nil
	}
}
