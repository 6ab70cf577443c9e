//go:build !linux

package exercise

const limitSupported = false

// limitDescriptors is Linux's prlimit; elsewhere the limit is not set and
// checkers skip the requirement that needs it (check.limit_descriptors
// returns false).
func limitDescriptors(pid, n int) bool { return false }
