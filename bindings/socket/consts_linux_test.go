package socket

import (
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"netlua/interp/interptest"
)

// cpythonConstants is every integer constant python3.11's socket module
// has on Linux x86-64, with its value, minus the families netlua leaves out
// (CAN, TIPC, J1939, VSOCK, ALG, netlink, packet). Generated once with
//
//	python3 -c 'import socket; print({n: getattr(socket, n) for n in dir(socket) if n.isupper()})'
//
// so that this test needs no python3.
var cpythonConstants = map[string]int{
	"AF_ALG":                    38,
	"AF_APPLETALK":              5,
	"AF_ASH":                    18,
	"AF_ATMPVC":                 8,
	"AF_ATMSVC":                 20,
	"AF_AX25":                   3,
	"AF_BRIDGE":                 7,
	"AF_CAN":                    29,
	"AF_ECONET":                 19,
	"AF_INET":                   2,
	"AF_INET6":                  10,
	"AF_IPX":                    4,
	"AF_IRDA":                   23,
	"AF_KEY":                    15,
	"AF_LLC":                    26,
	"AF_NETBEUI":                13,
	"AF_NETLINK":                16,
	"AF_NETROM":                 6,
	"AF_PACKET":                 17,
	"AF_PPPOX":                  24,
	"AF_QIPCRTR":                42,
	"AF_RDS":                    21,
	"AF_ROSE":                   11,
	"AF_ROUTE":                  16,
	"AF_SECURITY":               14,
	"AF_SNA":                    22,
	"AF_TIPC":                   30,
	"AF_UNIX":                   1,
	"AF_UNSPEC":                 0,
	"AF_VSOCK":                  40,
	"AF_WANPIPE":                25,
	"AF_X25":                    9,
	"AI_ADDRCONFIG":             32,
	"AI_ALL":                    16,
	"AI_CANONNAME":              2,
	"AI_NUMERICHOST":            4,
	"AI_NUMERICSERV":            1024,
	"AI_PASSIVE":                1,
	"AI_V4MAPPED":               8,
	"EAGAIN":                    11,
	"EAI_ADDRFAMILY":            -9,
	"EAI_AGAIN":                 -3,
	"EAI_BADFLAGS":              -1,
	"EAI_FAIL":                  -4,
	"EAI_FAMILY":                -6,
	"EAI_MEMORY":                -10,
	"EAI_NODATA":                -5,
	"EAI_NONAME":                -2,
	"EAI_OVERFLOW":              -12,
	"EAI_SERVICE":               -8,
	"EAI_SOCKTYPE":              -7,
	"EAI_SYSTEM":                -11,
	"EBADF":                     9,
	"EWOULDBLOCK":               11,
	"INADDR_ALLHOSTS_GROUP":     3758096385,
	"INADDR_ANY":                0,
	"INADDR_BROADCAST":          4294967295,
	"INADDR_LOOPBACK":           2130706433,
	"INADDR_MAX_LOCAL_GROUP":    3758096639,
	"INADDR_NONE":               4294967295,
	"INADDR_UNSPEC_GROUP":       3758096384,
	"IPPORT_RESERVED":           1024,
	"IPPORT_USERRESERVED":       5000,
	"IPPROTO_AH":                51,
	"IPPROTO_DSTOPTS":           60,
	"IPPROTO_EGP":               8,
	"IPPROTO_ESP":               50,
	"IPPROTO_FRAGMENT":          44,
	"IPPROTO_GRE":               47,
	"IPPROTO_HOPOPTS":           0,
	"IPPROTO_ICMP":              1,
	"IPPROTO_ICMPV6":            58,
	"IPPROTO_IDP":               22,
	"IPPROTO_IGMP":              2,
	"IPPROTO_IP":                0,
	"IPPROTO_IPIP":              4,
	"IPPROTO_IPV6":              41,
	"IPPROTO_MPTCP":             262,
	"IPPROTO_NONE":              59,
	"IPPROTO_PIM":               103,
	"IPPROTO_PUP":               12,
	"IPPROTO_RAW":               255,
	"IPPROTO_ROUTING":           43,
	"IPPROTO_RSVP":              46,
	"IPPROTO_SCTP":              132,
	"IPPROTO_TCP":               6,
	"IPPROTO_TP":                29,
	"IPPROTO_UDP":               17,
	"IPPROTO_UDPLITE":           136,
	"IPV6_CHECKSUM":             7,
	"IPV6_DONTFRAG":             62,
	"IPV6_DSTOPTS":              59,
	"IPV6_HOPLIMIT":             52,
	"IPV6_HOPOPTS":              54,
	"IPV6_JOIN_GROUP":           20,
	"IPV6_LEAVE_GROUP":          21,
	"IPV6_MULTICAST_HOPS":       18,
	"IPV6_MULTICAST_IF":         17,
	"IPV6_MULTICAST_LOOP":       19,
	"IPV6_NEXTHOP":              9,
	"IPV6_PATHMTU":              61,
	"IPV6_PKTINFO":              50,
	"IPV6_RECVDSTOPTS":          58,
	"IPV6_RECVHOPLIMIT":         51,
	"IPV6_RECVHOPOPTS":          53,
	"IPV6_RECVPATHMTU":          60,
	"IPV6_RECVPKTINFO":          49,
	"IPV6_RECVRTHDR":            56,
	"IPV6_RECVTCLASS":           66,
	"IPV6_RTHDR":                57,
	"IPV6_RTHDRDSTOPTS":         55,
	"IPV6_RTHDR_TYPE_0":         0,
	"IPV6_TCLASS":               67,
	"IPV6_UNICAST_HOPS":         16,
	"IPV6_V6ONLY":               26,
	"IP_ADD_MEMBERSHIP":         35,
	"IP_BIND_ADDRESS_NO_PORT":   24,
	"IP_DEFAULT_MULTICAST_LOOP": 1,
	"IP_DEFAULT_MULTICAST_TTL":  1,
	"IP_DROP_MEMBERSHIP":        36,
	"IP_HDRINCL":                3,
	"IP_MAX_MEMBERSHIPS":        20,
	"IP_MULTICAST_IF":           32,
	"IP_MULTICAST_LOOP":         34,
	"IP_MULTICAST_TTL":          33,
	"IP_OPTIONS":                4,
	"IP_RECVOPTS":               6,
	"IP_RECVRETOPTS":            7,
	"IP_RECVTOS":                13,
	"IP_RETOPTS":                7,
	"IP_TOS":                    1,
	"IP_TRANSPARENT":            19,
	"IP_TTL":                    2,
	"MSG_CMSG_CLOEXEC":          1073741824,
	"MSG_CONFIRM":               2048,
	"MSG_CTRUNC":                8,
	"MSG_DONTROUTE":             4,
	"MSG_DONTWAIT":              64,
	"MSG_EOR":                   128,
	"MSG_ERRQUEUE":              8192,
	"MSG_FASTOPEN":              536870912,
	"MSG_MORE":                  32768,
	"MSG_NOSIGNAL":              16384,
	"MSG_OOB":                   1,
	"MSG_PEEK":                  2,
	"MSG_TRUNC":                 32,
	"MSG_WAITALL":               256,
	"NI_DGRAM":                  16,
	"NI_MAXHOST":                1025,
	"NI_MAXSERV":                32,
	"NI_NAMEREQD":               8,
	"NI_NOFQDN":                 4,
	"NI_NUMERICHOST":            1,
	"NI_NUMERICSERV":            2,
	"SCM_CREDENTIALS":           2,
	"SCM_RIGHTS":                1,
	"SHUT_RD":                   0,
	"SHUT_RDWR":                 2,
	"SHUT_WR":                   1,
	"SOCK_CLOEXEC":              524288,
	"SOCK_DGRAM":                2,
	"SOCK_NONBLOCK":             2048,
	"SOCK_RAW":                  3,
	"SOCK_RDM":                  4,
	"SOCK_SEQPACKET":            5,
	"SOCK_STREAM":               1,
	"SOL_IP":                    0,
	"SOL_SOCKET":                1,
	"SOL_TCP":                   6,
	"SOL_UDP":                   17,
	"SOMAXCONN":                 4096,
	"SO_ACCEPTCONN":             30,
	"SO_BINDTODEVICE":           25,
	"SO_BROADCAST":              6,
	"SO_DEBUG":                  1,
	"SO_DOMAIN":                 39,
	"SO_DONTROUTE":              5,
	"SO_ERROR":                  4,
	"SO_INCOMING_CPU":           49,
	"SO_KEEPALIVE":              9,
	"SO_LINGER":                 13,
	"SO_MARK":                   36,
	"SO_OOBINLINE":              10,
	"SO_PASSCRED":               16,
	"SO_PASSSEC":                34,
	"SO_PEERCRED":               17,
	"SO_PEERSEC":                31,
	"SO_PRIORITY":               12,
	"SO_PROTOCOL":               38,
	"SO_RCVBUF":                 8,
	"SO_RCVLOWAT":               18,
	"SO_RCVTIMEO":               20,
	"SO_REUSEADDR":              2,
	"SO_REUSEPORT":              15,
	"SO_SNDBUF":                 7,
	"SO_SNDLOWAT":               19,
	"SO_SNDTIMEO":               21,
	"SO_TYPE":                   3,
	"TCP_CONGESTION":            13,
	"TCP_CORK":                  3,
	"TCP_DEFER_ACCEPT":          9,
	"TCP_FASTOPEN":              23,
	"TCP_INFO":                  11,
	"TCP_KEEPCNT":               6,
	"TCP_KEEPIDLE":              4,
	"TCP_KEEPINTVL":             5,
	"TCP_LINGER2":               8,
	"TCP_MAXSEG":                2,
	"TCP_NODELAY":               1,
	"TCP_NOTSENT_LOWAT":         25,
	"TCP_QUICKACK":              12,
	"TCP_SYNCNT":                7,
	"TCP_USER_TIMEOUT":          18,
	"TCP_WINDOW_CLAMP":          10,
	"UDPLITE_RECV_CSCOV":        11,
	"UDPLITE_SEND_CSCOV":        10,
}

func TestConstantsMatchCPython(t *testing.T) {
	got := luaConstants(t)
	for name, want := range cpythonConstants {
		if v, ok := got[name]; !ok {
			t.Errorf("socket.%s is missing (CPython: %d)", name, want)
		} else if v != want {
			t.Errorf("socket.%s = %d, CPython has %d", name, v, want)
		}
	}
	for name := range got {
		if _, ok := cpythonConstants[name]; !ok {
			t.Errorf("socket.%s is not one of CPython's constants", name)
		}
	}
}

// The tutorials' values on Linux (tutorial 004 prints Windows's table).
func TestTutorialConstants(t *testing.T) {
	out := interptest.Run(t, `print(socket.SOL_SOCKET, socket.SO_REUSEADDR, socket.SO_SNDBUF, socket.SO_RCVBUF,
		socket.SOL_TCP, socket.TCP_NODELAY, socket.AF_INET, socket.SOCK_STREAM, socket.SOMAXCONN,
		socket.INADDR_ANY, socket.INADDR_BROADCAST, socket.has_ipv6)`, Module)
	if want := "1\t2\t7\t8\t6\t1\t2\t1\t4096\t0\t4294967295\ttrue\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestConstantsLive compares with the python3 on this machine, when there is
// one, in case the table above has gone stale.
func TestConstantsLive(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: only the recorded table was checked")
	}
	out, err := exec.Command(py, "-c", `import socket
for n in dir(socket):
    v = getattr(socket, n)
    if n.isupper() and isinstance(v, int): print(n, int(v))`).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	live := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var name string
		var v int
		fmt.Sscanf(line, "%s %d", &name, &v)
		live[name] = v
	}
	got := luaConstants(t)
	var names []string
	for name := range got {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if v, ok := live[name]; ok && v != got[name] {
			t.Errorf("socket.%s = %d, this python3 has %d", name, got[name], v)
		}
	}
}
