//go:build unix

package socket_test

import (
	"runtime"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
	"golang.org/x/sys/unix"
)

// TestFinalizer: a socket that becomes garbage is closed by the collector.
func TestFinalizer(t *testing.T) {
	rt := newRT(t)
	if err := rt.RunString(`
do local s = socket.socket() fd = s:fileno() end
collectgarbage()`, "test"); err != nil {
		t.Fatal(err)
	}
	fd := int(rt.L.GetGlobal("fd").(lua.LNumber))
	// Clear the stack slots and registry entries the chunk left behind.
	rt.L.SetTop(0)
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		runtime.GC()
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err == unix.EBADF {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("fd %d still open after the socket became garbage", fd)
}
