package interp

import (
	"math/rand/v2"

	lua "github.com/yuin/gopher-lua"
)

// Lua 5.1's math.random and math.randomseed on a generator the runtime
// owns. gopher-lua's call Go's global math/rand.Seed, which has done
// nothing since Go 1.24 (GODEBUG randseednop), so math.randomseed(42) did
// not make a run repeatable. Without randomseed the sequence differs from
// run to run, as Python's random does; threads share the generator under
// the GIL, as they share Lua 5.1's C rand().
func installRandom(rt *Runtime) {
	rt.random = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	math, ok := rt.L.GetGlobal("math").(*lua.LTable)
	if !ok {
		return
	}
	math.RawSetString("random", rt.L.NewFunction(func(L *lua.LState) int {
		r := Of(L).random
		switch L.GetTop() {
		case 0:
			L.Push(lua.LNumber(r.Float64()))
		case 1:
			m := L.CheckInt64(1)
			if m < 1 {
				L.ArgError(1, "interval is empty")
			}
			L.Push(lua.LNumber(1 + r.Int64N(m)))
		case 2:
			m, n := L.CheckInt64(1), L.CheckInt64(2)
			if m > n {
				L.ArgError(2, "interval is empty")
			}
			L.Push(lua.LNumber(m + r.Int64N(n-m+1)))
		default:
			L.RaiseError("wrong number of arguments")
		}
		return 1
	}))
	math.RawSetString("randomseed", rt.L.NewFunction(func(L *lua.LState) int {
		seed := uint64(int64(L.CheckNumber(1)))
		Of(L).random = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		return 0
	}))
}
