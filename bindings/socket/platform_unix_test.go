//go:build unix

package socket

// platformText returns s: on Unix the tests' texts are the platform's.
func platformText(s string) string { return s }
