package scripts

import (
	"encoding/binary"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Windows keeps its socket tables in iphlpapi, which x/sys/windows does not
// wrap: GetExtendedTcpTable with TCP_TABLE_OWNER_PID_LISTENER (3) lists the
// listening sockets, GetExtendedUdpTable with UDP_TABLE_BASIC (0) the bound
// ones, both as a count and rows of 32-bit words, the port in network order.
var (
	iphlpapi            = windows.NewLazySystemDLL("iphlpapi.dll")
	getExtendedTcpTable = iphlpapi.NewProc("GetExtendedTcpTable")
	getExtendedUdpTable = iphlpapi.NewProc("GetExtendedUdpTable")
)

// localPorts returns the local ports of one table: rowWords 32-bit words a
// row, the port in word portWord.
func localPorts(proc *windows.LazyProc, class uintptr, rowWords, portWord int) []int {
	size := uint32(4096)
	for range 4 {
		buf := make([]byte, size)
		r, _, _ := proc.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size)), 0, windows.AF_INET, class, 0)
		if r == uintptr(windows.ERROR_INSUFFICIENT_BUFFER) {
			continue
		}
		if r != 0 {
			return nil
		}
		n := int(binary.LittleEndian.Uint32(buf))
		var ports []int
		for i := 0; i < n && 4+(i+1)*rowWords*4 <= len(buf); i++ {
			word := buf[4+(i*rowWords+portWord)*4:]
			ports = append(ports, int(binary.BigEndian.Uint16(word)))
		}
		return ports
	}
	return nil
}

// waitListening waits until a socket listens on TCP port or is bound to UDP
// port, read from the system's tables so that no probe connection is taken
// for a client.
func waitListening(t *testing.T, port int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ports := append(localPorts(getExtendedTcpTable, 3, 6, 2), localPorts(getExtendedUdpTable, 0, 2, 1)...)
		for _, p := range ports {
			if p == port {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("nothing listening on %d", port)
}
