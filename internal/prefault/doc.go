// Package prefault maps in, with a few system calls, the memory netlua's
// start-up is about to touch, so that start-up does not take one page fault
// per page.
//
// Why: on the virtual machines netlua is benchmarked on, a page fault costs
// about 11 µs (the hypervisor handles each one), while madvise with
// MADV_POPULATE_WRITE maps fresh pages at 0.4-1.6 µs apiece. `netlua -e ”`
// took 426 page faults against 150 for an empty Go program (BENCHMARKS.md,
// third round). Two kinds are populated here:
//
//   - The heap: the 1 MiB above its current top (~0.3 ms). Go grows its heap
//     upwards from a randomised base inside 4 MiB chunks it maps read-write
//     as it needs them; a new 40 KiB array is a span of its own at the
//     heap's top, and the range stops at the end of that chunk, the part
//     certain to be mapped. Cut the faults to 296 and the start by
//     0.5-0.8 ms, for ~0.5 MiB of RSS a short run does not use.
//   - The executable's code and read-only data (every read-only mapping of
//     a file, which for a static binary is just those), with
//     MADV_POPULATE_READ: they are in the page cache already, and mapping
//     them costs no memory of their own. 0.2-0.4 ms off the start. (On a
//     cold page cache, the first start after a build or a reboot, it reads
//     all ~5.6 MB at once where faults would read only what is touched.)
//
// When: as early as the package initialisation order allows. Go initialises
// packages in import-path order once their imports are done, so this one,
// which imports only syscall and unsafe, runs right after syscall, before
// os, unicode, gopher-lua and the rest (startup_linux_test.go checks the order).
// main imports it for that effect alone. Kernels before Linux 5.14 answer
// EINVAL, and nothing happens. The work is Linux's (madvise's populate
// advice, /proc/self/maps): on other systems the package is empty.
package prefault
