package time

import (
	"sync"
	gotime "time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")
	qpc      = kernel32.NewProc("QueryPerformanceCounter")
	qpf      = kernel32.NewProc("QueryPerformanceFrequency")

	// The clock starts from QueryPerformanceCounter, as CPython's does on
	// Windows, and then advances by Go's monotonic clock, which Go's timers
	// run on: read directly, QPC could show a time.sleep(0.1) as 0.0999 s,
	// its ticks and the timers' not being the same.
	clockOnce  sync.Once
	clockBase  gotime.Time
	clockStart float64
	clockErr   error
)

// monotonicSeconds is time.monotonic and time.perf_counter on Windows.
func monotonicSeconds() (float64, error) {
	clockOnce.Do(func() {
		var count, freq int64
		if r, _, err := qpf.Call(uintptr(unsafe.Pointer(&freq))); r == 0 {
			clockErr = err
			return
		}
		if r, _, err := qpc.Call(uintptr(unsafe.Pointer(&count))); r == 0 {
			clockErr = err
			return
		}
		clockBase = gotime.Now()
		clockStart = float64(count/freq) + float64(count%freq)/float64(freq)
	})
	if clockErr != nil {
		return 0, clockErr
	}
	return clockStart + gotime.Since(clockBase).Seconds(), nil
}
