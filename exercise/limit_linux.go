package exercise

import "golang.org/x/sys/unix"

const limitSupported = true

// limitDescriptors caps how many descriptors the running script may hold,
// with prlimit on its process: a server that never closes connections runs
// out after n of them, as it would after a day of clients.
func limitDescriptors(pid, n int) bool {
	lim := unix.Rlimit{Cur: uint64(n), Max: uint64(n)}
	return unix.Prlimit(pid, unix.RLIMIT_NOFILE, &lim, nil) == nil
}
