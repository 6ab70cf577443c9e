package hardening

import (
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

var procHandleCount = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetProcessHandleCount")

// openHandles counts the process's open handles, sockets among them
// (GetProcessHandleCount): Windows has no /proc/self/fd.
func openHandles(t testing.TB) int {
	t.Helper()
	var n uint32
	if r, _, err := procHandleCount.Call(uintptr(windows.CurrentProcess()), uintptr(unsafe.Pointer(&n))); r == 0 {
		t.Fatalf("GetProcessHandleCount: %v", err)
	}
	return int(n)
}

// openFiles has nothing to list on Windows: the count is all there is.
func openFiles() string { return "(handles are not listed on Windows)" }
