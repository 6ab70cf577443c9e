package threading

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

var localType = &interp.Type{
	Name: "threading.local",
	Repr: localString,
	Doc:  "Thread-local data: fields set on it are seen only by the thread that set them (data.conn = c in each worker thread keeps one connection per thread). A thread that has set nothing sees nil.",
}

// A local holds one table of fields per thread. Tables of finished threads
// are dropped when a new thread first stores a field, so a long-running
// server that starts a thread per connection does not accumulate them.
type local struct {
	fields map[*interp.Thread]*lua.LTable
}

func newLocal(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	meta := interp.Of(L).TypeMeta(localType)
	if meta.RawGetString("__newindex") == lua.LNil { // first use in this runtime
		meta.RawSetString("__index", L.NewFunction(localIndex))
		meta.RawSetString("__newindex", L.NewFunction(localNewIndex))
	}
	L.Push(interp.NewObject(L, localType, &local{fields: map[*interp.Thread]*lua.LTable{}}))
	return 1
}

// localString is CPython's repr: <_thread._local object at 0x...>.
func localString(L *lua.LState) int {
	l := L.CheckUserData(1).Value.(*local)
	L.Push(lua.LString(fmt.Sprintf("<_thread._local object at %p>", l)))
	return 1
}

func localIndex(L *lua.LState) int {
	l := L.CheckUserData(1).Value.(*local)
	if t := l.fields[interp.Current(L)]; t != nil {
		L.Push(t.RawGet(L.Get(2)))
	} else {
		L.Push(lua.LNil)
	}
	return 1
}

func localNewIndex(L *lua.LState) int {
	l := L.CheckUserData(1).Value.(*local)
	key := L.Get(2)
	if key == lua.LNil {
		interp.Raise(L, interp.TypeError, "local object field name must not be nil")
	}
	cur := interp.Current(L)
	t := l.fields[cur]
	if t == nil {
		for th := range l.fields {
			if !th.Alive() && th != interp.Of(L).Main {
				delete(l.fields, th)
			}
		}
		t = L.NewTable()
		l.fields[cur] = t
	}
	t.RawSet(key, L.Get(3))
	return 0
}
