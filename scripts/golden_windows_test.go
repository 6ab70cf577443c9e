package scripts

import "regexp"

// goldenPlatform names the folder of goldens that replace the common ones.
const goldenPlatform = "windows"

// defaultBuffer is a socket buffer size before the script sets one: Windows
// starts at 64 KiB, while Wine shows its host's defaults.
var defaultBuffer = regexp.MustCompile(`\[Before\]:\d+`)

// maskPlatform masks what differs between Windows hosts.
func maskPlatform(s string) string {
	return defaultBuffer.ReplaceAllString(s, "[Before]:{default}")
}
