//go:build unix

package socket

// platformText turns an expectation written from CPython on Linux into
// CPython's text on this platform: on Unix the tests' texts are the
// platform's (errno numbers and texts come from the platform at run time
// only for the cases that print them from Lua).
func platformText(s string) string { return s }
