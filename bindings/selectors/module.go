// Package selectors is netlua's `select` and `selectors` modules: Python's
// select.select and selectors.DefaultSelector for Lua, on internal/sockos:
// poll(2) for a look without waiting (no limit of 1024 descriptors), and a
// sockos.Set (epoll, kqueue, the Windows reactor) for the wait, which goes
// through the poller like a socket's: it holds no OS thread, releases the
// GIL, and Ctrl-C ends it.
//
// Files: module.go declares both modules; fileobj.go turns Lua values into
// descriptors and makes waits on a Set interruptible; select.go is select.select;
// selector.go is DefaultSelector.
package selectors

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// SelectModule is the select module.
var SelectModule = &interp.Module{
	Name: "select",
	Doc:  "Waiting for I/O on several sockets or file descriptors at once, as Python's select module: select.select(rlist, wlist, xlist[, timeout]). Lists hold sockets (anything with a fileno method) or integer descriptors. It uses poll underneath, so there is no limit of 1024 descriptors.",
	Funcs: []interp.Func{
		{Name: "select", Fn: selectFn, Sig: "select.select(rlist, wlist, xlist [, timeout]) -> rready, wready, xready",
			Doc: "Waits until some of the objects in rlist are ready for reading, in wlist for writing, or in xlist have an exceptional condition (TCP urgent data), or timeout seconds pass (no limit if omitted; 0 polls). Returns three lists of the ready objects, the same objects that were passed, in their order; all three are empty on timeout. Objects are integer descriptors or have a fileno() method. Other threads run meanwhile; Ctrl-C interrupts it."},
	},
	// Python's select.error has been OSError since 3.3.
	Consts: []interp.Const{{Name: "error", Value: interp.OSError}},
	Open: func(L *lua.LState, mod *lua.LTable) {
		// The REPL (and `select = require("select")` in a script) puts this
		// module in the global `select`, where Lua keeps its own select('#',
		// ...). Calling the module calls Lua's select, so both keep working.
		if luaSelect, ok := L.GetGlobal("select").(*lua.LFunction); ok {
			meta := L.NewTable()
			meta.RawSetString("__call", L.NewFunction(func(L *lua.LState) int {
				L.Remove(1) // the module table itself
				L.Push(luaSelect)
				L.Insert(L.Get(-1), 1)
				L.Pop(1)
				L.Call(L.GetTop()-1, lua.MultRet)
				return L.GetTop()
			}))
			L.SetMetatable(mod, meta)
		}
	},
}

// SelectorsModule is the selectors module.
var SelectorsModule = &interp.Module{
	Name: "selectors",
	Doc:  "High-level I/O multiplexing, as Python's selectors module: sel = selectors.DefaultSelector(); sel:register(sock, selectors.EVENT_READ, data); then sel:select() returns the ready keys. Python's `for key, mask in sel.select():` becomes `for _, ev in ipairs(sel:select()) do local key, mask = unpack(ev) ... end`. It uses epoll underneath on Linux, kqueue on macOS and the BSDs, select on Windows.",
	Funcs: []interp.Func{
		{Name: "DefaultSelector", Fn: newSelector, Sig: "selectors.DefaultSelector() -> selector",
			Doc: "Makes the best selector for the platform, as CPython does: epoll on Linux, kqueue on macOS and the BSDs, select on Windows. Close it with sel:close() when done."},
		{Name: selectorClass, Fn: newSelector, Sig: "selectors." + selectorClass + "() -> selector",
			Doc: "The same as DefaultSelector here: the platform's selector class (EpollSelector on Linux, KqueueSelector on macOS and the BSDs, SelectSelector on Windows)."},
	},
	Types:  []*interp.Type{selectorType},
	Consts: []interp.Const{{Name: "EVENT_READ", Value: eventRead}, {Name: "EVENT_WRITE", Value: eventWrite}},
}
