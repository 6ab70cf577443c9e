// Package prefault maps in, with one system call, the part of the Go heap
// that netlua's start-up is about to use, so that start-up does not take one
// page fault per fresh 4 KiB page.
//
// Why: on the virtual machines netlua is benchmarked on, a page fault costs
// about 11 µs (the hypervisor handles each one), while madvise with
// MADV_POPULATE_WRITE maps pages at about 0.4 µs apiece. `netlua -e ”`
// touched ~170 fresh heap pages after its packages began to initialise,
// about 2 ms of its ~11 ms (BENCHMARKS.md, start-up). Populating the 1 MiB
// above the heap's current top takes ~0.1 ms and cut the start by ~1 ms.
// The cost is RSS: the part of that 1 MiB a run does not use (~0.5 MiB for
// `netlua -e ”`).
//
// When: as early as the package initialisation order allows. Go initialises
// packages in import-path order once their imports are done, so this one,
// which imports only syscall and unsafe, runs right after syscall, before
// os, unicode, gopher-lua and the rest (GODEBUG=inittrace=1 shows the order).
// main imports it for that effect alone.
//
// Where: Go grows its heap upwards from a randomised base inside 4 MiB
// chunks it maps read-write as it needs them. A new 40 KiB array is a span
// of its own at the heap's current top; the range populated starts there and
// stops at the end of that chunk, which is the part certain to be mapped.
// Kernels before Linux 5.14 answer EINVAL, and nothing happens.
package prefault

import (
	"syscall"
	"unsafe"
)

const (
	madvPopulateWrite = 23 // MADV_POPULATE_WRITE, Linux 5.14
	chunk             = 4 << 20
	size              = 1 << 20
)

// top is stored in a package variable only so that the compiler puts the
// array on the heap; it is dropped at once, and the first collection frees it.
var top *[40 << 10]byte

func init() {
	top = new([40 << 10]byte)
	start := uintptr(unsafe.Pointer(top))
	top = nil
	end := min(start+size, (start+chunk)&^(chunk-1))
	syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPopulateWrite)
}
