package socket_test

import (
	"runtime"
	"testing"
	"time"

	"netlua/bindings/socket"
	"netlua/bindings/threading"
	"netlua/interp"
	"netlua/interp/interptest"
)

// BenchmarkBlockedRecvMemory reports the memory each of 1000 Lua threads
// blocked in recv holds (Go heap and goroutine stacks, after a GC), on any
// platform: on Windows it measures the readiness hub's waits (a parked
// goroutine and a waiter, no OS thread each). BENCHMARKS.md records it.
func BenchmarkBlockedRecvMemory(b *testing.B) {
	const n = 1000
	for i := 0; i < b.N; i++ {
		rt := interptest.New(b, socket.Module, threading.Module)
		if err := rt.RunString(`
			pairs = {}
			for i = 1, 1000 do pairs[i] = {socket.socketpair()} end`, "make"); err != nil {
			b.Fatal(err)
		}
		before := inUse(rt)
		if err := rt.RunString(`
			for i = 1, 1000 do
				local conn = pairs[i][2]
				threading.Thread{target = function() conn:recv(4096) end}:start()
			end`, "start"); err != nil {
			b.Fatal(err)
		}
		interp.Block(rt.L, nil, func() { time.Sleep(time.Second) })
		after := inUse(rt)
		b.ReportMetric(float64(after-before)/n, "B/thread")
		if err := rt.RunString(`for i = 1, 1000 do pairs[i][1]:close() end`, "finish"); err != nil {
			b.Fatal(err)
		}
		rt.WaitThreads()
	}
}

func inUse(rt *interptest.Runtime) uint64 {
	var m runtime.MemStats
	interp.Unlocked(rt.L, func() {
		runtime.GC()
		runtime.ReadMemStats(&m)
	})
	return m.HeapInuse + m.StackInuse
}
