package exercise

import "time"

// UseBinary makes checks run scripts in the netlua binary at path (a test
// binary is not netlua) and end after limit.
func UseBinary(path string, limit time.Duration) (restore func()) {
	oldExe, oldLimit := executable, checkLimit
	executable = func() (string, error) { return path, nil }
	checkLimit = limit
	return func() { executable, checkLimit = oldExe, oldLimit }
}
