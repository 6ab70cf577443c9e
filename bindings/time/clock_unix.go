//go:build unix

package time

import "golang.org/x/sys/unix"

// monotonicSeconds reads CLOCK_MONOTONIC, as CPython does on Unix (seconds
// since boot, comparable across threads and processes).
func monotonicSeconds() (float64, error) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return 0, err
	}
	return float64(ts.Sec) + float64(ts.Nsec)/1e9, nil
}
