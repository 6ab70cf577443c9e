package interp

import (
	"runtime"
	"runtime/debug"

	lua "github.com/yuin/gopher-lua"
)

// collectgarbage is Lua 5.1's, on Go's collector. gopher-lua's ran a full
// collection whatever the option and returned nothing, so the common
// print(collectgarbage("count")) failed. Lua's "pause" is Go's GOGC plus
// 100 (both say how far the heap grows past what the last collection kept);
// Go has no step multiplier, so setstepmul only keeps the value it is given.
func builtinCollectGarbage(L *lua.LState) int {
	opt := L.OptString(1, "collect")
	rt := Of(L)
	switch opt {
	case "collect":
		Unlocked(L, runtime.GC)
		L.Push(lua.LNumber(0))
	case "count":
		L.Push(lua.LNumber(float64(heapBytes()) / 1024))
	case "step":
		Unlocked(L, runtime.GC)
		L.Push(lua.LTrue)
	case "stop":
		if !rt.gcStopped {
			rt.gcStopped, rt.gcPercent = true, debug.SetGCPercent(-1)
		}
		L.Push(lua.LNumber(0))
	case "restart":
		if rt.gcStopped {
			rt.gcStopped = false
			debug.SetGCPercent(rt.gcPercent)
		}
		L.Push(lua.LNumber(0))
	case "setpause":
		pause := L.OptInt(2, 0)
		prev := rt.gcPercent
		if !rt.gcStopped {
			prev = debug.SetGCPercent(max(pause-100, 1))
		} else {
			rt.gcPercent = max(pause-100, 1)
		}
		L.Push(lua.LNumber(prev + 100))
	case "setstepmul":
		prev := rt.gcStepMul
		rt.gcStepMul = L.OptInt(2, 0)
		L.Push(lua.LNumber(prev))
	default:
		L.ArgError(1, "invalid option '"+opt+"'")
	}
	return 1
}

// heapBytes is the memory taken by live and not yet collected objects.
// runtime/metrics would read it without stopping the world, but its package
// initialisation allocates 95 objects (15 KB) at every start for a call few
// programs make; ReadMemStats stops the world briefly, and only when asked.
func heapBytes() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
