package selectors

import (
	"fmt"
	"math"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/sockos"
	"netlua/interp"
)

const (
	eventRead  = 1
	eventWrite = 2
)

// selectorClass is the class DefaultSelector is on this platform, as
// CPython picks it: EpollSelector on Linux, KqueueSelector on macOS and the
// BSDs, SelectSelector on Windows.
const selectorClass = sockos.SetKind + "Selector"

// closedMessage is CPython's for a closed epoll or kqueue object.
var closedMessage = "I/O operation on closed " + strings.ToLower(sockos.SetKind) + " object"

var selectorType = &interp.Type{
	Name: "selectors.DefaultSelector",
	Doc:  "A selector: registered file objects, each with the events to wait for and a data value, and select() to wait for them. Keys have the fields fileobj, fd, events and data.",
	Methods: []interp.Func{
		{Name: "register", Fn: selRegister, PyFunc: true, Sig: "sel:register(fileobj, events [, data] [, {fileobj=, events=, data=}]) -> key",
			Doc: "Starts watching fileobj (a socket, anything with a fileno method, or an integer descriptor) for events: selectors.EVENT_READ, EVENT_WRITE or their sum. data is any value to get back in the key. Registering the same descriptor twice raises KeyError.",
			Py:  "BaseSelector.register(fileobj, events, data=None)"},
		{Name: "unregister", Fn: selUnregister, Sig: "sel:unregister(fileobj) -> key",
			Doc: "Stops watching fileobj and returns its key. Unregister a socket before closing it (a closed socket is still found by identity). KeyError if it is not registered.",
			Py:  "BaseSelector.unregister(fileobj)"},
		{Name: "modify", Fn: selModify, PyFunc: true, Sig: "sel:modify(fileobj, events [, data] [, {fileobj=, events=, data=}]) -> key",
			Doc: "Changes the events and data of a registered fileobj, returning its new key. KeyError if it is not registered.",
			Py:  "BaseSelector.modify(fileobj, events, data=None)"},
		{Name: "select", Fn: selSelect, PyFunc: true, Sig: "sel:select([timeout] [, {timeout=}]) -> {{key, events}, ...}",
			Doc: "Waits until some registered file objects are ready, or timeout seconds pass (no limit if omitted; 0 or less polls). Returns a list of {key, events} pairs, events being the ready subset of key.events; the list is empty on timeout. Other threads run meanwhile; Ctrl-C interrupts it.",
			Py:  "BaseSelector.select(timeout=None)"},
		{Name: "get_key", Fn: selGetKey, Sig: "sel:get_key(fileobj) -> key",
			Doc: "Returns the key of a registered fileobj; KeyError if it is not registered.",
			Py:  "BaseSelector.get_key(fileobj)"},
		{Name: "get_map", Fn: selGetMap, Sig: "sel:get_map() -> {[fileobj] = key, ...}",
			Doc: "Returns a new table from each registered file object to its key, or nil once the selector is closed.",
			Py:  "BaseSelector.get_map()"},
		{Name: "close", Fn: selClose, Sig: "sel:close()",
			Doc: "Closes the selector and forgets every registration; the registered file objects stay open.",
			Py:  "BaseSelector.close()"},
	},
	Repr: selectorString,
}

// A selector is a sockos.Set (epoll, kqueue, or the Windows reactor's
// select) with its keys by descriptor. Its fields are only touched with the
// GIL held. Closing it while other threads wait in select ends their waits
// with no events: the poller keeps the descriptor alive until they are
// out, so its number cannot be reused under them.
type selector struct {
	w    *setWait // nil once closed
	keys map[int]*lua.LTable
}

// newSelector is DefaultSelector and the platform's own class name (both
// entries register it, so argument errors name what was called).
func newSelector(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	w, err := newSetWait()
	if err != nil {
		interp.RaiseOSError(L, err)
	}
	L.Push(interp.NewObject(L, selectorType, &selector{w: w, keys: make(map[int]*lua.LTable)}))
	return 1
}

// selectorString is a selector's repr, named by its platform class as
// CPython's: <selectors.EpollSelector object at 0x...>.
func selectorString(L *lua.LState) int {
	L.Push(lua.LString(fmt.Sprintf("<selectors.%s object at %p>", selectorClass, L.CheckUserData(1).Value)))
	return 1
}

func (s *selector) checkOpen(L *lua.LState) {
	if s.w == nil {
		interp.Raise(L, interp.ValueError, "%s(): %s", interp.FuncName(L), closedMessage)
	}
}

// fd is Python's _fileobj_to_fd, with its messages.
func fd(L *lua.LState, fileobj lua.LValue) int {
	n, ok := fileno(L, fileobj)
	if !ok {
		interp.Raise(L, interp.ValueError, "%s(): Invalid file object: %s", interp.FuncName(L), interp.ReprValue(L, fileobj))
	}
	if n < 0 || n > math.MaxInt32 {
		interp.Raise(L, interp.ValueError, "Invalid file descriptor: %d", n)
	}
	return int(n)
}

// lookup is Python's _fileobj_lookup: the key of fileobj, found by its
// descriptor or, for an object that has none any more (a closed socket's
// fileno is -1), by identity among the keys.
func (s *selector) lookup(L *lua.LState, fileobj lua.LValue) (*lua.LTable, int) {
	if n, ok := fileno(L, fileobj); ok && n >= 0 && n <= math.MaxInt32 {
		if key, ok := s.keys[int(n)]; ok {
			return key, int(n)
		}
	} else {
		for n, key := range s.keys {
			if key.RawGetString("fileobj") == fileobj {
				return key, n
			}
		}
	}
	interp.Raise(L, interp.KeyError, "%s(): %s is not registered", interp.FuncName(L), interp.ReprValue(L, fileobj))
	return nil, 0
}

func checkEvents(L *lua.LState, events int) {
	if events == 0 || events&^(eventRead|eventWrite) != 0 {
		interp.Raise(L, interp.ValueError, "Invalid events: %d", events)
	}
}

// pollEvents converts selectors' EVENT_READ and EVENT_WRITE.
func pollEvents(events int) int {
	ev := 0
	if events&eventRead != 0 {
		ev |= sockos.PollIn
	}
	if events&eventWrite != 0 {
		ev |= sockos.PollOut
	}
	return ev
}

const keyMetaKey = "selectors.SelectorKey"

// newKey makes a SelectorKey: a table with fileobj, fd, events and data
// that prints as Python's namedtuple does.
func newKey(L *lua.LState, fileobj lua.LValue, fd, events int, data lua.LValue) *lua.LTable {
	key := L.CreateTable(0, 4)
	key.RawSetString("fileobj", fileobj)
	key.RawSetString("fd", lua.LNumber(fd))
	key.RawSetString("events", lua.LNumber(events))
	key.RawSetString("data", data)
	reg := interp.Of(L).L.G.Registry
	mt, ok := reg.RawGetString(keyMetaKey).(*lua.LTable)
	if !ok {
		mt = L.NewTable()
		mt.RawSetString("__name", lua.LString("selectors.SelectorKey"))
		mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
			k := L.CheckTable(1)
			L.Push(lua.LString(fmt.Sprintf("SelectorKey(fileobj=%s, fd=%s, events=%s, data=%s)",
				interp.ReprValue(L, k.RawGetString("fileobj")), interp.Repr(k.RawGetString("fd")),
				interp.Repr(k.RawGetString("events")), interp.ReprValue(L, k.RawGetString("data")))))
			return 1
		}))
		reg.RawSetString(keyMetaKey, mt)
	}
	L.SetMetatable(key, mt)
	return key
}

func selRegister(L *lua.LState) int {
	s := interp.Self[*selector](L)
	var fileobj, data lua.LValue = lua.LNil, lua.LNil
	var events int
	interp.UnpackArgs(L, 2, "fileobj", &fileobj, "events", &events, "data?", &data)
	checkEvents(L, events)
	n := fd(L, fileobj)
	s.checkOpen(L)
	if _, dup := s.keys[n]; dup {
		interp.Raise(L, interp.KeyError, "%s(): %s (FD %d) is already registered", interp.FuncName(L), interp.ReprValue(L, fileobj), n)
	}
	if err := s.w.set.Add(n, pollEvents(events)); err != nil {
		interp.RaiseOSError(L, err)
	}
	key := newKey(L, fileobj, n, events, data)
	s.keys[n] = key
	L.Push(key)
	return 1
}

// keyArg is the selector and the key of the one argument, fileobj, of
// unregister and get_key.
func keyArg(L *lua.LState) (*selector, *lua.LTable, int) {
	s := interp.Self[*selector](L)
	var fileobj lua.LValue
	interp.UnpackArgs(L, 2, "fileobj", &fileobj)
	key, n := s.lookup(L, fileobj)
	return s, key, n
}

func selUnregister(L *lua.LState) int {
	s, key, n := keyArg(L)
	delete(s.keys, n)
	// As in Python, a descriptor closed before unregister is not an
	// error: epoll forgot it already.
	if s.w != nil {
		s.w.set.Remove(n)
	}
	L.Push(key)
	return 1
}

func selModify(L *lua.LState) int {
	s := interp.Self[*selector](L)
	var fileobj, data lua.LValue = lua.LNil, lua.LNil
	var events int
	interp.UnpackArgs(L, 2, "fileobj", &fileobj, "events", &events, "data?", &data)
	key, n := s.lookup(L, fileobj)
	if lua.LNumber(events) != key.RawGetString("events") {
		checkEvents(L, events)
		s.checkOpen(L)
		if err := s.w.set.Modify(n, pollEvents(events)); err != nil {
			interp.RaiseOSError(L, err)
		}
	}
	key = newKey(L, key.RawGetString("fileobj"), n, events, data)
	s.keys[n] = key
	L.Push(key)
	return 1
}

func selGetKey(L *lua.LState) int {
	_, key, _ := keyArg(L)
	L.Push(key)
	return 1
}

func selGetMap(L *lua.LState) int {
	s := interp.Self[*selector](L)
	interp.UnpackArgs(L, 2)
	if s.w == nil {
		L.Push(lua.LNil)
		return 1
	}
	m := L.NewTable()
	for _, key := range s.keys {
		m.RawSet(key.RawGetString("fileobj"), key)
	}
	L.Push(m)
	return 1
}

func selSelect(L *lua.LState) int {
	s := interp.Self[*selector](L)
	timeout, given := -1.0, false
	interp.UnpackArgs(L, 2, "timeout?", interp.Given(&timeout, &given))
	if given {
		if math.IsNaN(timeout) {
			interp.Raise(L, interp.ValueError, "Invalid value NaN (not a number)")
		}
		timeout = max(timeout, 0) // Python: 0 or less polls
	}
	s.checkOpen(L)
	events := make([]sockos.Event, len(s.keys)+1)
	n, err := s.w.wait(L, events, deadline(timeout), timeout == 0)
	if err != nil {
		interp.RaiseOSError(L, err)
	}
	ready := L.NewTable()
	merged := make(map[int]int, n)
	for _, ev := range events[:n] {
		key, ok := s.keys[ev.Fd]
		if !ok {
			continue // unregistered by another thread meanwhile
		}
		// EpollSelector's mapping: anything but EPOLLIN (HUP, ERR)
		// counts as writable, anything but EPOLLOUT as readable (kqueue
		// and select report only read and write); then only what the key
		// asked for. KqueueSelector reports a descriptor's two filters
		// as one key, merged here.
		mask := 0
		if ev.Events&^sockos.PollIn != 0 {
			mask |= eventWrite
		}
		if ev.Events&^sockos.PollOut != 0 {
			mask |= eventRead
		}
		mask &= int(lua.LVAsNumber(key.RawGetString("events")))
		if mask == 0 {
			continue
		}
		if i, seen := merged[ev.Fd]; seen {
			pair := ready.RawGetInt(i).(*lua.LTable)
			pair.RawSetInt(2, lua.LNumber(int(lua.LVAsNumber(pair.RawGetInt(2)))|mask))
			continue
		}
		ready.Append(interp.NewTuple(L, key, lua.LNumber(mask)))
		merged[ev.Fd] = ready.Len()
	}
	L.Push(ready)
	return 1
}

func selClose(L *lua.LState) int {
	s := interp.Self[*selector](L)
	interp.UnpackArgs(L, 2)
	if s.w == nil {
		return 0
	}
	s.w.close()
	s.w = nil
	s.keys = make(map[int]*lua.LTable)
	return 0
}
