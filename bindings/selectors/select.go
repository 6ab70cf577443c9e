package selectors

import (
	"errors"
	"math"
	"os"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/sockos"
	"netlua/interp"
)

// select(2) reports these poll(2) events as readable, writable and
// exceptional; select.select keeps its meaning on top of poll.
const (
	pollInSet  = sockos.PollIn | sockos.PollHup | sockos.PollErr
	pollOutSet = sockos.PollOut | sockos.PollErr
	pollExSet  = sockos.PollPri
)

// A watched object is one entry of one of select's lists.
type watched struct {
	obj lua.LValue
	idx int // into the pollfd slice
}

func selectFn(L *lua.LState) int {
	var rlist, wlist, xlist *lua.LTable
	timeout := -1.0
	interp.UnpackArgs(L, 1, "rlist", &rlist, "wlist", &wlist, "xlist", &xlist, "timeout?", &timeout)
	if L.Get(4) != lua.LNil {
		switch {
		case math.IsNaN(timeout):
			interp.Raise(L, interp.ValueError, "Invalid value NaN (not a number)")
		case timeout < 0:
			interp.Raise(L, interp.ValueError, "timeout must be non-negative")
		}
	}
	// One pollfd per descriptor, however many lists name it.
	var pfds []sockos.PollFd
	byFD := make(map[int64]int)
	collect := func(list *lua.LTable, events int) []watched {
		var ws []watched
		for i := 1; i <= list.Len(); i++ {
			obj := list.RawGetInt(i)
			fd, ok := fileno(L, obj)
			if !ok {
				interp.Raise(L, interp.TypeError, "argument must be an int, or have a fileno() method.")
			}
			if fd < 0 {
				interp.Raise(L, interp.ValueError, "file descriptor cannot be a negative integer (%d)", fd)
			}
			if fd > math.MaxInt32 {
				interp.Raise(L, interp.OverflowError, "file descriptor %d is greater than maximum", fd)
			}
			idx, seen := byFD[fd]
			if !seen {
				idx = len(pfds)
				byFD[fd] = idx
				pfds = append(pfds, sockos.PollFd{Fd: int(fd)})
			}
			pfds[idx].Events |= events
			ws = append(ws, watched{obj, idx})
		}
		return ws
	}
	rs := collect(rlist, sockos.PollIn)
	ws := collect(wlist, sockos.PollOut)
	xs := collect(xlist, sockos.PollPri)
	if err := waitReady(L, pfds, timeout); err != nil {
		interp.RaiseOSError(L, err)
	}
	for _, p := range pfds {
		if p.Revents&sockos.PollNval != 0 {
			interp.RaiseErrno(L, sockos.EClosed) // as select(2) fails on a closed descriptor
		}
	}
	ready := func(list []watched, set int) *lua.LTable {
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

// waitReady fills the Revents of pfds, waiting up to timeout seconds
// (negative: no limit) for one to be ready. A look without waiting comes
// first and answers most calls; only then does the thread wait, through
// sockos.WaitAny: it parks on a channel while one goroutine watches every
// waited-for descriptor on the poller, so no OS thread and no descriptor is
// held per waiting thread (issue 15), and Ctrl-C ends the wait. What is
// ready is then asked again without waiting, so the answer keeps select's
// meaning.
func waitReady(L *lua.LState, pfds []sockos.PollFd, timeout float64) error {
	if err := sockos.PollOnce(pfds); err != nil || timeout == 0 || anyReady(pfds) {
		return err
	}
	d := deadline(timeout)
	wake := make(chanWaker, 1)
	for {
		var err error
		interp.Block(L, wake, func() { err = sockos.WaitAny(pfds, d, wake) })
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := sockos.PollOnce(pfds); err != nil || anyReady(pfds) {
			return err
		}
		if !d.IsZero() && !time.Now().Before(d) {
			return nil
		}
	}
}

// A chanWaker ends a sockos.WaitAny when Ctrl-C comes (interp.Block calls
// Wake); its buffer keeps a Wake that comes before the wait starts.
type chanWaker chan struct{}

func (c chanWaker) Wake() {
	select {
	case c <- struct{}{}:
	default:
	}
}

func anyReady(pfds []sockos.PollFd) bool {
	for _, p := range pfds {
		if p.Revents != 0 {
			return true
		}
	}
	return false
}
