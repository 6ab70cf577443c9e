package bench_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/bindings/socket"
	"netlua/bindings/threading"
	pytime "netlua/bindings/time"
	"netlua/interp"
	"netlua/interp/interptest"
	"netlua/stdlib/binascii"
)

// Benchmarks of the runtime's hot paths, so a regression shows in review
// (go test -bench . ./bench). Each one runs Lua through the public surface:
// a runtime with the real modules, as a netlua script would.

// luaFunc runs src in a fresh runtime and returns the global function name.
func luaFunc(b *testing.B, rt *interptest.Runtime, src, name string) lua.LValue {
	b.Helper()
	if err := rt.RunString(src, "bench"); err != nil {
		b.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	fn := rt.L.GetGlobal(name)
	if fn.Type() != lua.LTFunction {
		b.Fatalf("%s is not defined", name)
	}
	return fn
}

func call(b *testing.B, rt *interptest.Runtime, fn lua.LValue, args ...lua.LValue) {
	b.Helper()
	if err := rt.Call(fn, 0, args...); err != nil {
		b.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
}

// BenchmarkRecvSend is one echo round trip through Lua over a socketpair:
// sendall, recv(4096) and sendall on the far end, recv back: the loop of
// echo_server.lua plus its client, four socket calls, each releasing and
// re-taking the GIL.
func BenchmarkRecvSend(b *testing.B) {
	for _, size := range []int{64, 4096} {
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			rt := interptest.New(b, socket.Module)
			fn := luaFunc(b, rt, `
				local a, z = socket.socketpair()
				function roundtrips(n, msg)
					for i = 1, n do
						a:sendall(msg)
						z:sendall(z:recv(4096))
						local got = a:recv(4096)
						if #got ~= #msg then error("short echo: " .. #got) end
					end
				end`, "roundtrips")
			msg := lua.LString(make([]byte, size))
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			call(b, rt, fn, lua.LNumber(b.N), msg)
		})
	}
}

// BenchmarkThreadStart starts a thread that does nothing and joins it: the
// cost an accept loop pays per connection before any echo.
func BenchmarkThreadStart(b *testing.B) {
	rt := interptest.New(b, threading.Module)
	fn := luaFunc(b, rt, `
		local function nothing() end
		function starts(n)
			for i = 1, n do
				local t = threading.Thread{target = nothing}
				t:start()
				t:join()
			end
		end`, "starts")
	b.ReportAllocs()
	b.ResetTimer()
	call(b, rt, fn, lua.LNumber(b.N))
}

// BenchmarkGILHandoff passes a token between two Lua threads through a Go
// channel, each blocking with the GIL released: one op is one hand-over of
// the GIL from one thread to the other and back, what two connections'
// threads do when their clients take turns.
func BenchmarkGILHandoff(b *testing.B) {
	rt := interptest.New(b, threading.Module)
	chans := [2]chan struct{}{make(chan struct{}, 1), make(chan struct{}, 1)}
	rt.L.SetGlobal("give", rt.L.NewFunction(func(L *lua.LState) int {
		chans[L.CheckInt(1)] <- struct{}{}
		return 0
	}))
	rt.L.SetGlobal("take", rt.L.NewFunction(func(L *lua.LState) int {
		ch := chans[L.CheckInt(1)]
		interp.Block(L, nil, func() { <-ch })
		return 0
	}))
	fn := luaFunc(b, rt, `
		function handoffs(n)
			local other = threading.Thread{target = function()
				for i = 1, n do take(1); give(0) end
			end}
			other:start()
			for i = 1, n do give(1); take(0) end
			other:join()
		end`, "handoffs")
	b.ReportAllocs()
	b.ResetTimer()
	call(b, rt, fn, lua.LNumber(b.N))
}

// BenchmarkIdleThreadMemory reports the memory of a thread blocked in
// recv(4096) (B/thread: Go heap and goroutine stacks, after a GC), the cost
// of each idle connection of echo_server.lua; issue 6 allows 16 KiB of RSS.
// The socketpairs exist before the baseline, so only threads are counted.
func BenchmarkIdleThreadMemory(b *testing.B) {
	const n = 500
	for i := 0; i < b.N; i++ {
		rt := interptest.New(b, socket.Module, threading.Module)
		start := luaFunc(b, rt, `
			local pairs = {}
			function make(n)
				for i = 1, n do pairs[i] = {socket.socketpair()} end
			end
			function start(n)
				for i = 1, n do
					local conn = pairs[i][2]
					threading.Thread{target = function() conn:recv(4096) end}:start()
				end
			end
			function finish(n)
				for i = 1, n do pairs[i][1]:close() end
			end`, "start")
		call(b, rt, rt.L.GetGlobal("make"), lua.LNumber(n))
		before := heapAndStacks(rt)
		call(b, rt, start, lua.LNumber(n))
		// Let every thread reach its recv and park there.
		interp.Block(rt.L, nil, func() { time.Sleep(200 * time.Millisecond) })
		after := heapAndStacks(rt)
		b.ReportMetric(float64(after-before)/n, "B/thread")
		call(b, rt, rt.L.GetGlobal("finish"), lua.LNumber(n))
		rt.WaitThreads()
	}
}

// heapAndStacks is the Go heap in use plus goroutine stacks, after a GC. It
// runs with the GIL released, so the GC sees the threads as they wait.
func heapAndStacks(rt *interptest.Runtime) uint64 {
	var m runtime.MemStats
	interp.Unlocked(rt.L, func() {
		runtime.GC()
		runtime.ReadMemStats(&m)
	})
	return m.HeapInuse + m.StackInuse
}

// BenchmarkPureLua runs a loop of arithmetic and calls in a netlua runtime
// and in a plain gopher-lua state: the ratio is what the interruption
// context costs (issue 6 allows 1.3×).
func BenchmarkPureLua(b *testing.B) {
	const src = `
		local function f(x) return x + 1 end
		function spin(n)
			local s = 0
			for i = 1, n do s = f(s) + i % 7 end
			return s
		end`
	b.Run("netlua", func(b *testing.B) {
		rt := interptest.New(b)
		fn := luaFunc(b, rt, src, "spin")
		b.ResetTimer()
		call(b, rt, fn, lua.LNumber(b.N))
	})
	b.Run("gopher-lua", func(b *testing.B) {
		L := lua.NewState()
		defer L.Close()
		if err := L.DoString(src); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		if err := L.CallByParam(lua.P{Fn: L.GetGlobal("spin"), NRet: 0, Protect: true}, lua.LNumber(b.N)); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkBuiltinCall is one call of a Go builtin that checks its
// arguments (UnpackArgs) and one method call that checks its receiver
// (Self): the fixed cost every binding pays before its work.
func BenchmarkBuiltinCall(b *testing.B) {
	rt := interptest.New(b, threading.Module, pytime.Module)
	fn := luaFunc(b, rt, `
		local e = threading.Event()
		local time = require("time")
		function calls(n)
			for i = 1, n do
				e:is_set()
				time.monotonic()
			end
		end`, "calls")
	b.ResetTimer()
	call(b, rt, fn, lua.LNumber(b.N))
}

// BenchmarkOptionalArgs is a builtin given an optional argument
// positionally and the same call with it as a keyword: UnpackArgs looks up
// the function's declaration in both (to refuse a keyword-only parameter
// given positionally, and to read the keyword table).
func BenchmarkOptionalArgs(b *testing.B) {
	for _, c := range []struct{ name, call string }{
		{"positional", `binascii.crc32("", 0)`},
		{"keyword", `binascii.hexlify("", {sep = "-"})`},
		{"required", `binascii.crc32("")`},
	} {
		b.Run(c.name, func(b *testing.B) {
			rt := interptest.New(b, binascii.Module)
			fn := luaFunc(b, rt, `function calls(n) for i = 1, n do `+c.call+` end end`, "calls")
			b.ReportAllocs()
			b.ResetTimer()
			call(b, rt, fn, lua.LNumber(b.N))
		})
	}
}
