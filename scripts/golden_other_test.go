//go:build !windows

package scripts

// goldenPlatform: outside Windows the common goldens, Linux's texts, are
// used. macOS and FreeBSD, whose errno numbers and getaddrinfo texts differ,
// are cross-built but not tested (README.md).
const goldenPlatform = ""

// maskPlatform: nothing beyond mask's own.
func maskPlatform(s string) string { return s }
