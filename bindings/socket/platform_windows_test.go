package socket

import "netlua/internal/sockos/sockostest"

// platformText is sockostest.PlatformText: CPython's texts on Windows.
func platformText(s string) string { return sockostest.PlatformText(s) }
