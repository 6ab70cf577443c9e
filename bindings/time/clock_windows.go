package time

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")
	qpc      = kernel32.NewProc("QueryPerformanceCounter")
	qpf      = kernel32.NewProc("QueryPerformanceFrequency")
)

// monotonicSeconds reads QueryPerformanceCounter, as CPython's monotonic
// and perf_counter do on Windows.
func monotonicSeconds() (float64, error) {
	var count, freq int64
	if r, _, err := qpf.Call(uintptr(unsafe.Pointer(&freq))); r == 0 {
		return 0, err
	}
	if r, _, err := qpc.Call(uintptr(unsafe.Pointer(&count))); r == 0 {
		return 0, err
	}
	return float64(count/freq) + float64(count%freq)/float64(freq), nil
}
