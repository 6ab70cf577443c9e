//go:build unix

// Package sockostest helps tests written from CPython on Linux say what
// CPython shows on the platform they run on.
package sockostest

// PlatformText returns s: on Unix the tests' expectations are the
// platform's.
func PlatformText(s string) string { return s }
