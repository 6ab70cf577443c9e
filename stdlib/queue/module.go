// Package queue is netlua's `queue` module: Python's queue for handing
// work between threads (an accepting thread puts connections, workers get
// them). Queue, LifoQueue, PriorityQueue and SimpleQueue keep their items
// in Go, guarded by the runtime's GIL; every blocking put, get and join
// waits through interp.WaitFor, so it lets other threads run, honours
// its timeout and ends with KeyboardInterrupt on Ctrl-C like every other
// wait in netlua.
//
// Python's keyword arguments are a trailing table: q:get{timeout=1} is
// q.get(timeout=1), q:put(item, {block=false}) is q.put(item, block=False).
package queue

import "netlua/interp"

// Empty is queue.Empty (CPython's _queue.Empty), raised by a get that finds
// nothing: a non-blocking one, or one whose timeout ran out.
var Empty = interp.NewClass("_queue.Empty", interp.Exception)

// Full is queue.Full, raised by a put into a full bounded queue.
var Full = interp.NewClass("queue.Full", interp.Exception)

var queueMethods = []interp.Func{
	{Name: "put", Fn: put, PyFunc: true, Sig: "q:put(item [, block=true [, timeout]] [, {item=, block=, timeout=}])",
		Doc: "Adds item. If the queue is bounded and full: waits for room (letting other threads run; Ctrl-C interrupts), for at most timeout seconds when given, then raises queue.Full; with block false raises queue.Full at once. Keywords: q:put(item, {timeout=1}).",
		Py:  "Queue.put(item, block=True, timeout=None)"},
	{Name: "get", Fn: get, PyFunc: true, Sig: "q:get([block=true [, timeout]] [, {block=, timeout=}]) -> item",
		Doc: "Removes and returns the next item (oldest for Queue, newest for LifoQueue, smallest for PriorityQueue). If there is none: waits (letting other threads run; Ctrl-C interrupts), for at most timeout seconds when given, then raises queue.Empty; with block false raises queue.Empty at once. Keywords: q:get{timeout=1}.",
		Py:  "Queue.get(block=True, timeout=None)"},
	{Name: "put_nowait", Fn: putNowait, Sig: "q:put_nowait(item)",
		Doc: "q:put(item, false): adds item or raises queue.Full.",
		Py:  "Queue.put_nowait(item)"},
	{Name: "get_nowait", Fn: getNowait, Sig: "q:get_nowait() -> item",
		Doc: "q:get(false): returns an item or raises queue.Empty.",
		Py:  "Queue.get_nowait()"},
	{Name: "qsize", Fn: qsize, Sig: "q:qsize() -> integer",
		Doc: "How many items are in the queue now.",
		Py:  "Queue.qsize()"},
	{Name: "empty", Fn: empty, Sig: "q:empty() -> boolean",
		Doc: "True if the queue holds no items now.",
		Py:  "Queue.empty()"},
	{Name: "full", Fn: full, Sig: "q:full() -> boolean",
		Doc: "True if the queue is bounded and holds maxsize items.",
		Py:  "Queue.full()"},
	{Name: "task_done", Fn: taskDone, Sig: "q:task_done()",
		Doc: "Tells the queue that an item taken with get has been dealt with; when every item put has been, q:join() returns. Called more times than items were put: ValueError.",
		Py:  "Queue.task_done()"},
	{Name: "join", Fn: join, Sig: "q:join()",
		Doc: "Waits until every item put into the queue has been marked with task_done (letting other threads run; Ctrl-C interrupts it).",
		Py:  "Queue.join()"},
}

var (
	queueType = &interp.Type{Name: "queue.Queue", Methods: queueMethods, Repr: queueString,
		Doc: "A first-in, first-out queue shared by threads; bounded when maxsize > 0. Field: maxsize."}
	lifoType = &interp.Type{Name: "queue.LifoQueue", Methods: queueMethods, Repr: queueString,
		Doc: "A last-in, first-out queue (a stack) shared by threads."}
	priorityType = &interp.Type{Name: "queue.PriorityQueue", Methods: queueMethods, Repr: queueString,
		Doc: "A queue that returns its smallest item first. Items are compared as Python compares them: numbers, strings, and tables element by element like tuples, so {priority, data} entries work."}
	simpleType = &interp.Type{Name: "queue.SimpleQueue", Repr: queueString,
		Doc: "An unbounded first-in, first-out queue without task tracking.",
		Methods: []interp.Func{
			{Name: "put", Fn: put, Sig: "q:put(item [, block=true [, timeout]] [, {item=, block=, timeout=}])",
				Doc: "Adds item; never waits (block and timeout exist for compatibility with Queue).",
				Py:  "SimpleQueue.put(item, block=True, timeout=None)"},
			asC(queueMethods[1]), queueMethods[2], queueMethods[3], queueMethods[4], queueMethods[5],
		}}
)

// asC is a Queue method as SimpleQueue has it: CPython writes SimpleQueue
// in C, so its keyword errors are in C's words (interp.Func.PyFunc).
func asC(f interp.Func) interp.Func {
	f.PyFunc = false
	return f
}

// Module is the queue module.
var Module = &interp.Module{
	Name: "queue",
	Doc:  "Python's queue: thread-safe queues for handing work between threads. q:put(item) adds, q:get() takes, waiting as needed; queue.Empty and queue.Full report a get or put that could not wait or timed out; task_done and join let a producer wait until workers have handled everything.",
	Funcs: []interp.Func{
		{Name: "Queue", Fn: newQueue(fifo, queueType), PyFunc: true, Sig: "queue.Queue([maxsize=0] [, {maxsize=}]) -> Queue",
			Doc: "Makes a first-in, first-out queue. With maxsize > 0, put waits while maxsize items are in it.",
			Py:  "queue.Queue(maxsize=0)"},
		{Name: "LifoQueue", Fn: newQueue(lifo, lifoType), PyFunc: true, Sig: "queue.LifoQueue([maxsize=0] [, {maxsize=}]) -> LifoQueue",
			Doc: "Makes a last-in, first-out queue: get returns the item put most recently.",
			Py:  "queue.LifoQueue(maxsize=0)"},
		{Name: "PriorityQueue", Fn: newQueue(priority, priorityType), PyFunc: true, Sig: "queue.PriorityQueue([maxsize=0] [, {maxsize=}]) -> PriorityQueue",
			Doc: "Makes a queue whose get returns the smallest item; put {priority, data} tables, as Python puts (priority, data) tuples.",
			Py:  "queue.PriorityQueue(maxsize=0)"},
		{Name: "SimpleQueue", Fn: newSimpleQueue, Sig: "queue.SimpleQueue() -> SimpleQueue",
			Doc: "Makes an unbounded first-in, first-out queue without task_done and join.",
			Py:  "queue.SimpleQueue()"},
	},
	Types:   []*interp.Type{queueType, lifoType, priorityType, simpleType},
	Classes: []*interp.Class{Empty, Full},
}
