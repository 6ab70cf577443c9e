package main

import (
	"testing"

	"netlua/interp"
)

// BenchmarkNewRuntime is the in-process part of `netlua -e ”`: a runtime
// with every module preloaded, running an empty chunk. Its allocations count
// the work start-up does, a figure that, unlike start-up time, does not
// drift with the machine's load (BENCHMARKS.md, start-up).
func BenchmarkNewRuntime(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		rt := interp.New(Modules...)
		if err := rt.RunString("", "(command line)"); err != nil {
			b.Fatal(err)
		}
	}
}
