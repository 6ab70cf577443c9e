package socket

import "netlua/interp"

// platformFuncs: CPython on Windows has no CMSG_LEN or CMSG_SPACE.
var platformFuncs []interp.Func

// intConstants are the socket module's integer constants as CPython 3.11
// exports them on Windows (Modules/socketmodule.c's MS_WINDOWS branches,
// <winsock2.h> and <ws2tcpip.h> values): no AF_UNIX (CPython has none
// there), SO_EXCLUSIVEADDRUSE, SIO_* and RCVALL_*, Winsock's EAI_* codes and
// getnameinfo flags. Only cross-built and run under Wine.
var intConstants = []struct {
	Name  string
	Value int
}{
	{"AF_APPLETALK", 16},
	{"AF_DECnet", 12},
	{"AF_INET", 2},
	{"AF_INET6", 23},
	{"AF_IPX", 6},
	{"AF_IRDA", 26},
	{"AF_LINK", 33},
	{"AF_SNA", 11},
	{"AF_UNSPEC", 0},
	{"AI_ADDRCONFIG", 0x400},
	{"AI_ALL", 0x100},
	{"AI_CANONNAME", 0x2},
	{"AI_NUMERICHOST", 0x4},
	{"AI_NUMERICSERV", 0x8},
	{"AI_PASSIVE", 0x1},
	{"AI_V4MAPPED", 0x800},
	{"EAGAIN", 11},
	{"EAI_AGAIN", 11002},
	{"EAI_BADFLAGS", 10022},
	{"EAI_FAIL", 11003},
	{"EAI_FAMILY", 10047},
	{"EAI_MEMORY", 8},
	{"EAI_NODATA", 11001},
	{"EAI_NONAME", 11001},
	{"EAI_SERVICE", 10109},
	{"EAI_SOCKTYPE", 10044},
	{"EBADF", 9},
	{"EWOULDBLOCK", 10035},
	{"INADDR_ALLHOSTS_GROUP", 0xe0000001},
	{"INADDR_ANY", 0x0},
	{"INADDR_BROADCAST", 0xffffffff},
	{"INADDR_LOOPBACK", 0x7f000001},
	{"INADDR_MAX_LOCAL_GROUP", 0xe00000ff},
	{"INADDR_NONE", 0xffffffff},
	{"INADDR_UNSPEC_GROUP", 0xe0000000},
	{"IPPORT_RESERVED", 1024},
	{"IPPORT_USERRESERVED", 5000},
	{"IPPROTO_AH", 51},
	{"IPPROTO_CBT", 7},
	{"IPPROTO_DSTOPTS", 60},
	{"IPPROTO_EGP", 8},
	{"IPPROTO_ESP", 50},
	{"IPPROTO_FRAGMENT", 44},
	{"IPPROTO_GGP", 3},
	{"IPPROTO_HOPOPTS", 0},
	{"IPPROTO_ICLFXBM", 78},
	{"IPPROTO_ICMP", 1},
	{"IPPROTO_ICMPV6", 58},
	{"IPPROTO_IDP", 22},
	{"IPPROTO_IGMP", 2},
	{"IPPROTO_IGP", 9},
	{"IPPROTO_IP", 0},
	{"IPPROTO_IPV4", 4},
	{"IPPROTO_IPV6", 41},
	{"IPPROTO_L2TP", 115},
	{"IPPROTO_MAX", 256},
	{"IPPROTO_ND", 77},
	{"IPPROTO_NONE", 59},
	{"IPPROTO_PGM", 113},
	{"IPPROTO_PIM", 103},
	{"IPPROTO_PUP", 12},
	{"IPPROTO_RAW", 255},
	{"IPPROTO_RDP", 27},
	{"IPPROTO_ROUTING", 43},
	{"IPPROTO_SCTP", 132},
	{"IPPROTO_ST", 5},
	{"IPPROTO_TCP", 6},
	{"IPPROTO_UDP", 17},
	{"IPV6_CHECKSUM", 26},
	{"IPV6_DONTFRAG", 14},
	{"IPV6_HOPLIMIT", 21},
	{"IPV6_HOPOPTS", 1},
	{"IPV6_JOIN_GROUP", 12},
	{"IPV6_LEAVE_GROUP", 13},
	{"IPV6_MULTICAST_HOPS", 10},
	{"IPV6_MULTICAST_IF", 9},
	{"IPV6_MULTICAST_LOOP", 11},
	{"IPV6_PKTINFO", 19},
	{"IPV6_RECVRTHDR", 38},
	{"IPV6_RECVTCLASS", 40},
	{"IPV6_RTHDR", 32},
	{"IPV6_TCLASS", 39},
	{"IPV6_UNICAST_HOPS", 4},
	{"IPV6_V6ONLY", 27},
	{"IP_ADD_MEMBERSHIP", 12},
	{"IP_DROP_MEMBERSHIP", 13},
	{"IP_HDRINCL", 2},
	{"IP_MULTICAST_IF", 9},
	{"IP_MULTICAST_LOOP", 11},
	{"IP_MULTICAST_TTL", 10},
	{"IP_OPTIONS", 1},
	{"IP_RECVDSTADDR", 25},
	{"IP_TOS", 3},
	{"IP_TTL", 4},
	{"MSG_BCAST", 0x400},
	{"MSG_CTRUNC", 0x200},
	{"MSG_DONTROUTE", 0x4},
	{"MSG_MCAST", 0x800},
	{"MSG_OOB", 0x1},
	{"MSG_PEEK", 0x2},
	{"MSG_TRUNC", 0x100},
	{"MSG_WAITALL", 0x8},
	{"NI_DGRAM", 0x10},
	{"NI_MAXHOST", 1025},
	{"NI_MAXSERV", 32},
	{"NI_NAMEREQD", 0x4},
	{"NI_NOFQDN", 0x1},
	{"NI_NUMERICHOST", 0x2},
	{"NI_NUMERICSERV", 0x8},
	{"RCVALL_MAX", 3},
	{"RCVALL_OFF", 0},
	{"RCVALL_ON", 1},
	{"SHUT_RD", 0},
	{"SHUT_RDWR", 2},
	{"SHUT_WR", 1},
	{"SIO_KEEPALIVE_VALS", 0x98000004},
	{"SIO_LOOPBACK_FAST_PATH", 0x98000010},
	{"SIO_RCVALL", 0x98000001},
	{"SOCK_DGRAM", 2},
	{"SOCK_RAW", 3},
	{"SOCK_RDM", 4},
	{"SOCK_SEQPACKET", 5},
	{"SOCK_STREAM", 1},
	{"SOL_IP", 0},
	{"SOL_SOCKET", 0xffff},
	{"SOL_TCP", 6},
	{"SOL_UDP", 17},
	{"SOMAXCONN", 0x7fffffff},
	{"SO_ACCEPTCONN", 0x2},
	{"SO_BROADCAST", 0x20},
	{"SO_DEBUG", 0x1},
	{"SO_DONTROUTE", 0x10},
	{"SO_ERROR", 0x1007},
	{"SO_EXCLUSIVEADDRUSE", -5},
	{"SO_KEEPALIVE", 0x8},
	{"SO_LINGER", 0x80},
	{"SO_OOBINLINE", 0x100},
	{"SO_RCVBUF", 0x1002},
	{"SO_RCVLOWAT", 0x1004},
	{"SO_RCVTIMEO", 0x1006},
	{"SO_REUSEADDR", 0x4},
	{"SO_SNDBUF", 0x1001},
	{"SO_SNDLOWAT", 0x1003},
	{"SO_SNDTIMEO", 0x1005},
	{"SO_TYPE", 0x1008},
	{"SO_USELOOPBACK", 0x40},
	{"TCP_FASTOPEN", 15},
	{"TCP_KEEPCNT", 16},
	{"TCP_KEEPIDLE", 3},
	{"TCP_KEEPINTVL", 17},
	{"TCP_MAXSEG", 4},
	{"TCP_NODELAY", 1},
}

// Winsock's getaddrinfo errors. CPython on Windows is built without
// HAVE_GAI_STRERROR, so every gaierror there reads "getaddrinfo failed".
var (
	errBadFlags   = &gaiError{10022, "getaddrinfo failed"}
	errNoName     = &gaiError{11001, "getaddrinfo failed"}
	errAgain      = &gaiError{11002, "getaddrinfo failed"}
	errFamily     = &gaiError{10047, "getaddrinfo failed"}
	errSocktype   = &gaiError{10044, "getaddrinfo failed"}
	errService    = &gaiError{10109, "getaddrinfo failed"}
	errAddrFamily = &gaiError{11001, "getaddrinfo failed"}
)

// getaddrinfo's flags, Winsock's values.
const (
	aiPassive     = 0x1
	aiCanonname   = 0x2
	aiNumerichost = 0x4
	aiNumericserv = 0x8
	aiAll         = 0x100
	aiAddrconfig  = 0x400
	aiV4mapped    = 0x800
	aiKnownFlags  = aiPassive | aiCanonname | aiNumerichost | aiV4mapped | aiAll | aiAddrconfig | aiNumericserv
)

// getnameinfo's flags, Winsock's values.
const (
	niNofqdn      = 0x1
	niNumerichost = 0x2
	niNamereqd    = 0x4
	niNumericserv = 0x8
	niDgram       = 0x10
	niKnownFlags  = niNumerichost | niNumericserv | niNofqdn | niNamereqd | niDgram
)

// sockTypes are the socket types Winsock's getaddrinfo knows.
var sockTypes = []sockType{
	{1, 6, "tcp", true, false, false},
	{2, 17, "udp", true, false, false},
	{3, 0, "raw", true, true, true},
}

// Windows has no SOCK_NONBLOCK or SOCK_CLOEXEC type flags.
const (
	sockNonblock = 0
	sockCloexec  = 0
)

// pairFamily is socketpair's default family: AF_INET on Windows, which
// has no AF_UNIX in CPython (socket.py makes the pair over the loopback).
const pairFamily = 2
