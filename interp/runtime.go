// Package interp is netlua's runtime: it owns the Lua state and everything that
// makes Lua behave like a Python process with threads.
//
//   - One global interpreter lock (GIL) is held whenever Lua code runs. Bindings
//     that wait (accept, recv, sleep...) release it around the wait with Block.
//   - Threads are LStates made with NewThread, so they share globals, tables
//     and closures like Python threads; each runs on its own goroutine.
//   - A context installed on every LState runs a checkpoint every 1024 VM
//     instructions: busy code hands the GIL to waiting threads there, and a
//     pending Ctrl-C is raised there as KeyboardInterrupt.
//   - Errors are Python-style exception objects (errors.go), arguments are
//     checked by one helper (args.go), modules are declared as tables of
//     documented entries (module.go), and all output goes through one
//     line-atomic writer (output.go).
//
// interp imports no other package of the project: main hands it the modules.
//
// Files: runtime.go makes a runtime; gil.go is the lock and the checkpoint;
// thread.go threads, Block and interrupts; run.go runs chunks and reports
// uncaught errors; compile.go compiles chunks and installs the loaders;
// module.go the module declarations and their entries; funcname.go how a
// builtin is named by its entry; args.go UnpackArgs; self.go Self;
// errors.go the exception classes and Raise; classes.go their Lua tables;
// builtins.go and help.go the global functions; gc.go collectgarbage;
// output.go the line-atomic output; repr.go, reprtable.go and tuple.go
// Python's repr and tuples; buffer.go the mutable buffer interface;
// chunkname.go how chunks are named in messages; glua_*.go the gopher-lua
// workarounds, each file opening with its upstream issue.
package interp

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"sync/atomic"

	lua "github.com/yuin/gopher-lua"
)

// Version is netlua's version, printed by -v and the REPL banner. A release
// build stamps the version git describes over it (go run ./internal/release:
// -ldflags "-X netlua/interp.Version=..."); a plain `go build` says 0.1.0.
var Version = "0.1.0"

// Runtime is one netlua interpreter: a Lua state, its GIL, its threads.
type Runtime struct {
	L    *lua.LState // the main state; only touched with the GIL held
	Main *Thread     // the foreground thread (scripts, the REPL)
	Out  *Output     // stdout and stderr, line-atomic

	gil     gil
	ctx     *luaContext
	current *Thread // the GIL holder

	threadsMu   sync.Mutex
	threads     map[*Thread]struct{} // started and not yet finished
	nextIdent   atomic.Int64
	threadCount atomic.Int64 // for default names Thread-1, Thread-2...

	classes       map[*Class]*lua.LTable // exception classes made into Lua tables
	classByTable  map[*lua.LTable]*Class // and back
	classMeta     *lua.LTable            // every class table's metatable
	gcStopped     bool                   // collectgarbage("stop") is in force
	gcPercent     int                    // GOGC to restore on collectgarbage("restart")
	gcStepMul     int                    // what collectgarbage("setstepmul") was given
	random        *rand.Rand             // math.random's generator (random.go)
	exceptionStr  *lua.LFunction         // every class's __tostring
	coroutineBody *lua.LFunction         // wraps a coroutine's body (glua_coroutine.go)
	modules       []*Module
	docs          docIndex

	// Columns, if set, gives the terminal's width: help() wraps to it.
	Columns func() int

	// Stdin reads a line for input() and io.read; the REPL replaces it with
	// its line editor. It is called without the GIL.
	ReadLine func(prompt string) (string, error)
}

// New makes a runtime whose main thread holds the GIL. modules are preloaded
// (available to require); nothing is imported into globals yet.
func New(modules ...*Module) *Runtime {
	rt := &Runtime{
		Out:          NewOutput(nil, nil),
		threads:      make(map[*Thread]struct{}),
		classes:      make(map[*Class]*lua.LTable),
		classByTable: make(map[*lua.LTable]*Class),
		gcStepMul:    200,
	}
	rt.docs.init()
	rt.ctx = &luaContext{rt: rt}
	// Small registries measured ~12 KB per thread instead of ~107 KB; threads
	// inherit these options from the main state. The registry holds every
	// value on the stack, so it must grow on demand (without RegistryMaxSize
	// it is fixed, and unpack() of 300 values fails with "registry
	// overflow"). Growth allocates only when used, so a generous ceiling
	// costs idle threads nothing, and the start can be gopher-lua's
	// minimum, 128 slots: 2 KiB less for each thread of a thread-per-
	// connection server (bench's BenchmarkIdleThreadMemory).
	//
	// Lua functions may nest 20,000 calls deep, Lua 5.1's LUAI_MAXCALLS
	// (gopher-lua's default, 256, made a recursive factorial of 300 fail);
	// the frames are allocated as the calls nest.
	rt.L = lua.NewState(lua.Options{
		CallStackSize:       maxCalls,
		RegistrySize:        128,
		RegistryGrowStep:    256,
		RegistryMaxSize:     1 << 20,
		MinimizeStackMemory: true,
		SkipOpenLibs:        true,
	})
	openLibs(rt.L)
	guardLuaLibs(rt.L)
	rt.L.SetContext(rt.ctx)
	rt.Main = rt.newThread(rt.L, "MainThread", false)
	rt.Main.started = true
	rt.gil.lock()
	rt.Main.attach()
	rt.Main.saved = rt.L
	rt.L.G.CurrentThread = rt.L
	rt.ReadLine = stdinReadLine
	rt.installBuiltins()
	for _, m := range modules {
		rt.Preload(m)
	}
	return rt
}

// luaLibs are Lua 5.1's standard libraries, which is what the lua command
// has; gopher-lua's OpenLibs adds its Go-channel library "channel", whose
// opening cost 60-150 µs of a fresh process's start and which nothing in
// netlua uses (threads talk through threading, queues and sockets).
var luaLibs = []struct {
	name string
	open lua.LGFunction
}{
	{lua.LoadLibName, lua.OpenPackage}, // first: the others register in package.loaded
	{lua.BaseLibName, lua.OpenBase},
	{lua.TabLibName, lua.OpenTable},
	{lua.IoLibName, lua.OpenIo},
	{lua.OsLibName, lua.OpenOs},
	{lua.StringLibName, lua.OpenString},
	{lua.MathLibName, lua.OpenMath},
	{lua.DebugLibName, lua.OpenDebug},
	{lua.CoroutineLibName, lua.OpenCoroutine},
}

func openLibs(L *lua.LState) {
	for _, lib := range luaLibs {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
}

func (rt *Runtime) newThread(L *lua.LState, name string, daemon bool) *Thread {
	return &Thread{
		rt:     rt,
		L:      L,
		Name:   name,
		Ident:  rt.nextIdent.Add(1) + 139800000000000, // looks like CPython's pthread ids
		Daemon: daemon,
		wake:   make(chan struct{}, 1),
		done:   make(chan struct{}),
	}
}

// NewThread prepares a thread that will call fn(args...) when started.
// Called with the GIL held (from threading.Thread).
func (rt *Runtime) NewThread(name string, daemon bool) *Thread {
	// A thread inherits the main state's options: its call-frame index is
	// sized here (see threadCalls).
	rt.L.Options.CallStackSize = threadCalls
	L, _ := rt.L.NewThread()
	rt.L.Options.CallStackSize = maxCalls
	// NewThread wrapped our context in a cancel context whose Done the VM
	// would poll instead of ours: install ours directly.
	L.SetContext(rt.ctx)
	if name == "" {
		name = fmt.Sprintf("Thread-%d", rt.threadCount.Add(1))
	}
	return rt.newThread(L, name, daemon)
}

// Start runs fn(args...) on a new goroutine under the GIL. An error that
// escapes fn is reported as Python does ("Exception in thread NAME:") and
// ends only this thread.
func (t *Thread) Start(fn lua.LValue, args ...lua.LValue) {
	rt := t.rt
	t.started = true
	rt.threadsMu.Lock()
	rt.threads[t] = struct{}{}
	rt.threadsMu.Unlock()
	t.saved = t.L
	go func() {
		t.acquire()
		err := rt.callTop(t.L, fn, 0, args...)
		if t.OnExit != nil {
			t.OnExit()
		}
		if err != nil {
			if e := FromLuaError(rt, err); !e.IsA(SystemExit) {
				rt.Out.WriteErr(fmt.Sprintf("Exception in thread %s:\n%s\n", t.Name, e.Report()))
			}
		}
		t.finished.Store(true)
		rt.threadsMu.Lock()
		delete(rt.threads, t)
		rt.threadsMu.Unlock()
		close(t.done)
		t.release()
	}()
}

// Threads returns the main thread and every started, unfinished thread.
func (rt *Runtime) Threads() []*Thread {
	rt.threadsMu.Lock()
	defer rt.threadsMu.Unlock()
	list := []*Thread{rt.Main}
	for t := range rt.threads {
		list = append(list, t)
	}
	sortThreads(list)
	return list
}

// WaitThreads waits, with the GIL released, until every non-daemon thread has
// finished, as Python does at exit. It returns early, with false, if the main
// thread is interrupted (Ctrl-C) meanwhile.
func (rt *Runtime) WaitThreads() bool {
	for {
		var t *Thread
		rt.threadsMu.Lock()
		for th := range rt.threads {
			if !th.Daemon {
				t = th
				break
			}
		}
		rt.threadsMu.Unlock()
		if t == nil {
			return true
		}
		interrupted := false
		rt.Main.release()
		select {
		case <-t.done:
		case <-rt.Main.wake:
			interrupted = true
		}
		rt.Main.acquire()
		if interrupted {
			rt.Main.ClearInterrupt()
			return false
		}
	}
}

// Interrupt delivers Ctrl-C to the foreground thread. Safe from any goroutine.
func (rt *Runtime) Interrupt() { rt.Main.Interrupt() }

func sortThreads(list []*Thread) {
	sort.Slice(list, func(i, j int) bool { return list[i].Ident < list[j].Ident })
}
