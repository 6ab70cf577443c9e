package socket

import (
	"testing"

	"netlua/interp/interptest"
)

// TestWindowsConstants: the option table tutorial 004 prints is Windows'
// (CPython on Windows), and the module has what CPython has there:
// SO_EXCLUSIVEADDRUSE, and no AF_UNIX (CPython 3.11 has none on Windows).
func TestWindowsConstants(t *testing.T) {
	got := luaConstants(t)
	for name, want := range map[string]int{
		"SOL_IP": 0, "SOL_SOCKET": 65535, "SOL_TCP": 6, "SOL_UDP": 17,
		"IP_OPTIONS": 1, "IP_RECVDSTADDR": 25, "IP_TOS": 3, "IP_TTL": 4,
		"SO_ACCEPTCONN": 2, "SO_BROADCAST": 32, "SO_DEBUG": 1, "SO_DONTROUTE": 16,
		"SO_ERROR": 4103, "SO_KEEPALIVE": 8, "SO_LINGER": 128, "SO_OOBINLINE": 256,
		"SO_RCVBUF": 4098, "SO_RCVLOWAT": 4100, "SO_RCVTIMEO": 4102, "SO_REUSEADDR": 4,
		"SO_SNDBUF": 4097, "SO_SNDLOWAT": 4099, "SO_SNDTIMEO": 4101, "SO_TYPE": 4104,
		"TCP_FASTOPEN": 15, "TCP_KEEPCNT": 16, "TCP_KEEPIDLE": 3, "TCP_KEEPINTVL": 17,
		"TCP_MAXSEG": 4, "TCP_NODELAY": 1,
		"AF_INET": 2, "AF_INET6": 23, "SOCK_STREAM": 1, "SOCK_DGRAM": 2,
		"SO_EXCLUSIVEADDRUSE": -5, "SOMAXCONN": 2147483647,
	} {
		if v, ok := got[name]; !ok {
			t.Errorf("socket.%s is missing (CPython on Windows: %d)", name, want)
		} else if v != want {
			t.Errorf("socket.%s = %d, CPython on Windows has %d", name, v, want)
		}
	}
	for _, name := range []string{"AF_UNIX", "SO_REUSEPORT", "MSG_NOSIGNAL", "SOCK_NONBLOCK"} {
		if _, ok := got[name]; ok {
			t.Errorf("socket.%s exists; CPython on Windows has none", name)
		}
	}
	if out := interptest.Run(t, `print(socket.CMSG_LEN, socket.has_ipv6)`, Module); out != "nil\ttrue\n" {
		t.Errorf("CMSG_LEN and has_ipv6: got %q", out)
	}
}
