package queue

import (
	"fmt"
	"sort"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

type kind int

const (
	fifo kind = iota
	lifo
	priority
	simple
)

// A queue is touched only with the GIL held. changed is broadcast after
// every put, get and task_done; waiters recheck their own condition.
type queue struct {
	kind       kind
	typ        *interp.Type
	maxsize    int64
	items      []lua.LValue // priority: kept sorted, smallest last
	unfinished int64
	changed    interp.Signal
}

func newQueue(k kind, typ *interp.Type) lua.LGFunction {
	return func(L *lua.LState) int {
		var maxsize int64
		interp.UnpackArgs(L, 1, "maxsize?", &maxsize)
		push(L, &queue{kind: k, typ: typ, maxsize: maxsize})
		return 1
	}
}

func newSimpleQueue(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	push(L, &queue{kind: simple, typ: simpleType})
	return 1
}

func push(L *lua.LState, q *queue) {
	rt := interp.Of(L)
	meta := rt.TypeMeta(q.typ)
	if _, plain := meta.RawGetString("__index").(*lua.LTable); plain { // first use in this runtime
		methods := rt.TypeMethods(q.typ)
		meta.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
			q := L.CheckUserData(1).Value.(*queue)
			if L.Get(2) == lua.LString("maxsize") && q.kind != simple {
				L.Push(lua.LNumber(q.maxsize))
			} else {
				L.Push(methods.RawGet(L.Get(2)))
			}
			return 1
		}))
	}
	L.Push(interp.NewObject(L, q.typ, q))
}

// queueString is CPython's repr: <queue.Queue object at 0x...>,
// <_queue.SimpleQueue object at 0x...>.
func queueString(L *lua.LState) int {
	q := L.CheckUserData(1).Value.(*queue)
	name := q.typ.Name
	if q.kind == simple {
		name = "_queue.SimpleQueue"
	}
	L.Push(lua.LString(fmt.Sprintf("<%s object at %p>", name, q)))
	return 1
}

// waitTimeout turns put/get's block and timeout into WaitFor's timeout:
// 0 for no waiting, -1 for no limit.
func waitTimeout(L *lua.LState, block bool, tv lua.LValue) float64 {
	if !block {
		return 0
	}
	if tv == lua.LNil || interp.IsNone(tv) {
		return -1
	}
	n, ok := tv.(lua.LNumber)
	if !ok {
		interp.Raise(L, interp.TypeError, "%s() argument 'timeout' must be a number, not %s", interp.FuncName(L), interp.TypeName(tv))
	}
	if n < 0 {
		interp.Raise(L, interp.ValueError, "'timeout' must be a non-negative number")
	}
	interp.CheckTimeout(L, float64(n))
	return float64(n)
}

func (q *queue) isFull() bool {
	return q.kind != simple && q.maxsize > 0 && int64(len(q.items)) >= q.maxsize
}

func (q *queue) put(L *lua.LState, item lua.LValue, timeout float64) {
	if !interp.WaitFor(L, &q.changed, timeout, func() bool { return !q.isFull() }) {
		interp.RaiseValue(L, interp.NewException(L, Full))
	}
	if q.kind == priority {
		// Find the place first, so an item that cannot be compared
		// raises TypeError before the queue is changed.
		i := sort.Search(len(q.items), func(i int) bool { return less(L, q.items[i], item) })
		q.items = append(q.items, nil)
		copy(q.items[i+1:], q.items[i:])
		q.items[i] = item
	} else {
		q.items = append(q.items, item)
	}
	q.unfinished++
	q.changed.Broadcast()
}

func (q *queue) get(L *lua.LState, timeout float64) lua.LValue {
	if !interp.WaitFor(L, &q.changed, timeout, func() bool { return len(q.items) > 0 }) {
		interp.RaiseValue(L, interp.NewException(L, Empty))
	}
	var item lua.LValue
	if q.kind == fifo || q.kind == simple {
		item = q.items[0]
		q.items[0] = nil
		q.items = q.items[1:]
	} else {
		n := len(q.items) - 1
		item = q.items[n]
		q.items[n] = nil
		q.items = q.items[:n]
	}
	q.changed.Broadcast()
	return item
}

func put(L *lua.LState) int {
	q := interp.Self[*queue](L)
	var item, tv lua.LValue = lua.LNil, lua.LNil
	block := true
	interp.UnpackArgs(L, 2, "item", &item, "block?", &block, "timeout?", &tv)
	if q.kind == simple {
		block = false // never waits: a SimpleQueue is never full
	}
	q.put(L, item, waitTimeout(L, block, tv))
	return 0
}

func get(L *lua.LState) int {
	q := interp.Self[*queue](L)
	var tv lua.LValue = lua.LNil
	block := true
	interp.UnpackArgs(L, 2, "block?", &block, "timeout?", &tv)
	L.Push(q.get(L, waitTimeout(L, block, tv)))
	return 1
}

func putNowait(L *lua.LState) int {
	q := interp.Self[*queue](L)
	var item lua.LValue = lua.LNil
	interp.UnpackArgs(L, 2, "item", &item)
	q.put(L, item, 0)
	return 0
}

func getNowait(L *lua.LState) int {
	q := interp.Self[*queue](L)
	interp.UnpackArgs(L, 2)
	L.Push(q.get(L, 0))
	return 1
}

func qsize(L *lua.LState) int {
	q := interp.Self[*queue](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LNumber(len(q.items)))
	return 1
}

func empty(L *lua.LState) int {
	q := interp.Self[*queue](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LBool(len(q.items) == 0))
	return 1
}

func full(L *lua.LState) int {
	q := interp.Self[*queue](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LBool(q.isFull()))
	return 1
}

func taskDone(L *lua.LState) int {
	q := interp.Self[*queue](L)
	interp.UnpackArgs(L, 2)
	if q.unfinished <= 0 {
		interp.Raise(L, interp.ValueError, "task_done() called too many times")
	}
	q.unfinished--
	q.changed.Broadcast()
	return 0
}

func join(L *lua.LState) int {
	q := interp.Self[*queue](L)
	interp.UnpackArgs(L, 2)
	interp.WaitFor(L, &q.changed, -1, func() bool { return q.unfinished == 0 })
	return 0
}
