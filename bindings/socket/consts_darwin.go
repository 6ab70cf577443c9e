package socket

import "golang.org/x/sys/unix"

// intConstants are the socket module's integer constants on macOS: the
// names of the Linux table that macOS's headers define (so CPython's
// #ifdefs export them there too), a few of macOS's own, and its
// getaddrinfo and getnameinfo values (<netdb.h>), which differ from glibc's.
// Values come from x/sys/unix for darwin. Only cross-built: no test runs them.
var intConstants = []struct {
	Name  string
	Value int
}{
	{"AF_APPLETALK", unix.AF_APPLETALK},
	{"AF_INET", unix.AF_INET},
	{"AF_INET6", unix.AF_INET6},
	{"AF_IPX", unix.AF_IPX},
	{"AF_LINK", unix.AF_LINK},
	{"AF_ROUTE", unix.AF_ROUTE},
	{"AF_SNA", unix.AF_SNA},
	{"AF_SYSTEM", unix.AF_SYSTEM},
	{"AF_UNIX", unix.AF_UNIX},
	{"AF_UNSPEC", unix.AF_UNSPEC},
	{"AF_VSOCK", unix.AF_VSOCK},
	{"AI_ADDRCONFIG", 0x400},
	{"AI_ALL", 0x100},
	{"AI_CANONNAME", 2},
	{"AI_DEFAULT", 0x600},
	{"AI_MASK", 0x1407},
	{"AI_NUMERICHOST", 4},
	{"AI_NUMERICSERV", 0x1000},
	{"AI_PASSIVE", 1},
	{"AI_V4MAPPED", 0x800},
	{"AI_V4MAPPED_CFG", 0x200},
	{"EAGAIN", int(unix.EAGAIN)},
	{"EAI_ADDRFAMILY", 1},
	{"EAI_AGAIN", 2},
	{"EAI_BADFLAGS", 3},
	{"EAI_BADHINTS", 0xc},
	{"EAI_FAIL", 4},
	{"EAI_FAMILY", 5},
	{"EAI_MAX", 0xf},
	{"EAI_MEMORY", 6},
	{"EAI_NODATA", 7},
	{"EAI_NONAME", 8},
	{"EAI_OVERFLOW", 0xe},
	{"EAI_PROTOCOL", 0xd},
	{"EAI_SERVICE", 9},
	{"EAI_SOCKTYPE", 0xa},
	{"EAI_SYSTEM", 0xb},
	{"EBADF", int(unix.EBADF)},
	{"EWOULDBLOCK", int(unix.EWOULDBLOCK)},
	{"INADDR_ALLHOSTS_GROUP", 0xe0000001},
	{"INADDR_ANY", 0x0},
	{"INADDR_BROADCAST", 0xffffffff},
	{"INADDR_LOOPBACK", 0x7f000001},
	{"INADDR_MAX_LOCAL_GROUP", 0xe00000ff},
	{"INADDR_NONE", 0xffffffff},
	{"INADDR_UNSPEC_GROUP", 0xe0000000},
	{"IPPORT_RESERVED", 1024},
	{"IPPORT_USERRESERVED", 5000},
	{"IPPROTO_AH", unix.IPPROTO_AH},
	{"IPPROTO_DSTOPTS", unix.IPPROTO_DSTOPTS},
	{"IPPROTO_EGP", unix.IPPROTO_EGP},
	{"IPPROTO_ESP", unix.IPPROTO_ESP},
	{"IPPROTO_FRAGMENT", unix.IPPROTO_FRAGMENT},
	{"IPPROTO_GGP", unix.IPPROTO_GGP},
	{"IPPROTO_GRE", unix.IPPROTO_GRE},
	{"IPPROTO_HELLO", unix.IPPROTO_HELLO},
	{"IPPROTO_HOPOPTS", unix.IPPROTO_HOPOPTS},
	{"IPPROTO_ICMP", unix.IPPROTO_ICMP},
	{"IPPROTO_ICMPV6", unix.IPPROTO_ICMPV6},
	{"IPPROTO_IDP", unix.IPPROTO_IDP},
	{"IPPROTO_IGMP", unix.IPPROTO_IGMP},
	{"IPPROTO_IP", unix.IPPROTO_IP},
	{"IPPROTO_IPCOMP", unix.IPPROTO_IPCOMP},
	{"IPPROTO_IPIP", unix.IPPROTO_IPIP},
	{"IPPROTO_IPV4", unix.IPPROTO_IPV4},
	{"IPPROTO_IPV6", unix.IPPROTO_IPV6},
	{"IPPROTO_MAX", unix.IPPROTO_MAX},
	{"IPPROTO_NONE", unix.IPPROTO_NONE},
	{"IPPROTO_PIM", unix.IPPROTO_PIM},
	{"IPPROTO_PUP", unix.IPPROTO_PUP},
	{"IPPROTO_RAW", unix.IPPROTO_RAW},
	{"IPPROTO_ROUTING", unix.IPPROTO_ROUTING},
	{"IPPROTO_RSVP", unix.IPPROTO_RSVP},
	{"IPPROTO_SCTP", unix.IPPROTO_SCTP},
	{"IPPROTO_TCP", unix.IPPROTO_TCP},
	{"IPPROTO_TP", unix.IPPROTO_TP},
	{"IPPROTO_UDP", unix.IPPROTO_UDP},
	{"IPPROTO_XTP", unix.IPPROTO_XTP},
	{"IPV6_CHECKSUM", unix.IPV6_CHECKSUM},
	{"IPV6_DONTFRAG", unix.IPV6_DONTFRAG},
	{"IPV6_DSTOPTS", unix.IPV6_DSTOPTS},
	{"IPV6_HOPLIMIT", unix.IPV6_HOPLIMIT},
	{"IPV6_HOPOPTS", unix.IPV6_HOPOPTS},
	{"IPV6_JOIN_GROUP", unix.IPV6_JOIN_GROUP},
	{"IPV6_LEAVE_GROUP", unix.IPV6_LEAVE_GROUP},
	{"IPV6_MULTICAST_HOPS", unix.IPV6_MULTICAST_HOPS},
	{"IPV6_MULTICAST_IF", unix.IPV6_MULTICAST_IF},
	{"IPV6_MULTICAST_LOOP", unix.IPV6_MULTICAST_LOOP},
	{"IPV6_NEXTHOP", unix.IPV6_NEXTHOP},
	{"IPV6_PATHMTU", unix.IPV6_PATHMTU},
	{"IPV6_PKTINFO", unix.IPV6_PKTINFO},
	{"IPV6_RECVDSTOPTS", unix.IPV6_RECVDSTOPTS},
	{"IPV6_RECVHOPLIMIT", unix.IPV6_RECVHOPLIMIT},
	{"IPV6_RECVHOPOPTS", unix.IPV6_RECVHOPOPTS},
	{"IPV6_RECVPATHMTU", unix.IPV6_RECVPATHMTU},
	{"IPV6_RECVPKTINFO", unix.IPV6_RECVPKTINFO},
	{"IPV6_RECVRTHDR", unix.IPV6_RECVRTHDR},
	{"IPV6_RECVTCLASS", unix.IPV6_RECVTCLASS},
	{"IPV6_RTHDR", unix.IPV6_RTHDR},
	{"IPV6_RTHDRDSTOPTS", unix.IPV6_RTHDRDSTOPTS},
	{"IPV6_RTHDR_TYPE_0", unix.IPV6_RTHDR_TYPE_0},
	{"IPV6_TCLASS", unix.IPV6_TCLASS},
	{"IPV6_UNICAST_HOPS", unix.IPV6_UNICAST_HOPS},
	{"IPV6_V6ONLY", unix.IPV6_V6ONLY},
	{"IP_ADD_MEMBERSHIP", unix.IP_ADD_MEMBERSHIP},
	{"IP_DEFAULT_MULTICAST_LOOP", unix.IP_DEFAULT_MULTICAST_LOOP},
	{"IP_DEFAULT_MULTICAST_TTL", unix.IP_DEFAULT_MULTICAST_TTL},
	{"IP_DROP_MEMBERSHIP", unix.IP_DROP_MEMBERSHIP},
	{"IP_HDRINCL", unix.IP_HDRINCL},
	{"IP_MAX_MEMBERSHIPS", unix.IP_MAX_MEMBERSHIPS},
	{"IP_MULTICAST_IF", unix.IP_MULTICAST_IF},
	{"IP_MULTICAST_LOOP", unix.IP_MULTICAST_LOOP},
	{"IP_MULTICAST_TTL", unix.IP_MULTICAST_TTL},
	{"IP_OPTIONS", unix.IP_OPTIONS},
	{"IP_RECVDSTADDR", unix.IP_RECVDSTADDR},
	{"IP_RECVOPTS", unix.IP_RECVOPTS},
	{"IP_RECVRETOPTS", unix.IP_RECVRETOPTS},
	{"IP_RECVTOS", unix.IP_RECVTOS},
	{"IP_RETOPTS", unix.IP_RETOPTS},
	{"IP_TOS", unix.IP_TOS},
	{"IP_TTL", unix.IP_TTL},
	{"LOCAL_PEERCRED", unix.LOCAL_PEERCRED},
	{"MSG_CTRUNC", unix.MSG_CTRUNC},
	{"MSG_DONTROUTE", unix.MSG_DONTROUTE},
	{"MSG_DONTWAIT", unix.MSG_DONTWAIT},
	{"MSG_EOF", unix.MSG_EOF},
	{"MSG_EOR", unix.MSG_EOR},
	{"MSG_NOSIGNAL", unix.MSG_NOSIGNAL},
	{"MSG_OOB", unix.MSG_OOB},
	{"MSG_PEEK", unix.MSG_PEEK},
	{"MSG_TRUNC", unix.MSG_TRUNC},
	{"MSG_WAITALL", unix.MSG_WAITALL},
	{"NI_DGRAM", 16},
	{"NI_MAXHOST", 1025},
	{"NI_MAXSERV", 32},
	{"NI_NAMEREQD", 4},
	{"NI_NOFQDN", 1},
	{"NI_NUMERICHOST", 2},
	{"NI_NUMERICSERV", 8},
	{"SCM_CREDS", unix.SCM_CREDS},
	{"SCM_RIGHTS", unix.SCM_RIGHTS},
	{"SHUT_RD", unix.SHUT_RD},
	{"SHUT_RDWR", unix.SHUT_RDWR},
	{"SHUT_WR", unix.SHUT_WR},
	{"SOCK_DGRAM", unix.SOCK_DGRAM},
	{"SOCK_RAW", unix.SOCK_RAW},
	{"SOCK_RDM", unix.SOCK_RDM},
	{"SOCK_SEQPACKET", unix.SOCK_SEQPACKET},
	{"SOCK_STREAM", unix.SOCK_STREAM},
	{"SOL_SOCKET", unix.SOL_SOCKET},
	{"SOMAXCONN", unix.SOMAXCONN},
	{"SO_ACCEPTCONN", unix.SO_ACCEPTCONN},
	{"SO_BROADCAST", unix.SO_BROADCAST},
	{"SO_DEBUG", unix.SO_DEBUG},
	{"SO_DONTROUTE", unix.SO_DONTROUTE},
	{"SO_ERROR", unix.SO_ERROR},
	{"SO_KEEPALIVE", unix.SO_KEEPALIVE},
	{"SO_LINGER", unix.SO_LINGER},
	{"SO_NOSIGPIPE", unix.SO_NOSIGPIPE},
	{"SO_OOBINLINE", unix.SO_OOBINLINE},
	{"SO_RCVBUF", unix.SO_RCVBUF},
	{"SO_RCVLOWAT", unix.SO_RCVLOWAT},
	{"SO_RCVTIMEO", unix.SO_RCVTIMEO},
	{"SO_REUSEADDR", unix.SO_REUSEADDR},
	{"SO_REUSEPORT", unix.SO_REUSEPORT},
	{"SO_SNDBUF", unix.SO_SNDBUF},
	{"SO_SNDLOWAT", unix.SO_SNDLOWAT},
	{"SO_SNDTIMEO", unix.SO_SNDTIMEO},
	{"SO_TYPE", unix.SO_TYPE},
	{"SO_USELOOPBACK", unix.SO_USELOOPBACK},
	{"TCP_FASTOPEN", unix.TCP_FASTOPEN},
	{"TCP_KEEPALIVE", unix.TCP_KEEPALIVE},
	{"TCP_KEEPCNT", unix.TCP_KEEPCNT},
	{"TCP_KEEPINTVL", unix.TCP_KEEPINTVL},
	{"TCP_MAXSEG", unix.TCP_MAXSEG},
	{"TCP_NODELAY", unix.TCP_NODELAY},
	{"TCP_NOTSENT_LOWAT", unix.TCP_NOTSENT_LOWAT},
}

// macOS's gai_strerror texts for the EAI_* codes getaddrinfo returns.
var (
	errBadFlags   = &gaiError{3, "Invalid value for ai_flags"}
	errNoName     = &gaiError{8, "nodename nor servname provided, or not known"}
	errAgain      = &gaiError{2, "Temporary failure in name resolution"}
	errFamily     = &gaiError{5, "ai_family not supported"}
	errSocktype   = &gaiError{10, "ai_socktype not supported"}
	errService    = &gaiError{9, "servname not supported for ai_socktype"}
	errAddrFamily = &gaiError{1, "Address family for hostname not supported"}
)

// getaddrinfo's flags, macOS's values.
const (
	aiPassive     = 0x1
	aiCanonname   = 0x2
	aiNumerichost = 0x4
	aiV4mapped    = 0x800
	aiAll         = 0x100
	aiAddrconfig  = 0x400
	aiNumericserv = 0x1000
	aiKnownFlags  = aiPassive | aiCanonname | aiNumerichost | aiV4mapped | aiAll | aiAddrconfig | aiNumericserv
)

// getnameinfo's flags, macOS's values (the BSD ones).
const (
	niNofqdn      = 0x1
	niNumerichost = 0x2
	niNamereqd    = 0x4
	niNumericserv = 0x8
	niDgram       = 0x10
	niKnownFlags  = niNumerichost | niNumericserv | niNofqdn | niNamereqd | niDgram
)

// sockTypes are the socket types macOS's getaddrinfo knows.
var sockTypes = []sockType{
	{unix.SOCK_STREAM, unix.IPPROTO_TCP, "tcp", true, false, false},
	{unix.SOCK_DGRAM, unix.IPPROTO_UDP, "udp", true, false, false},
	{unix.SOCK_RAW, 0, "raw", true, true, true},
}

// macOS has no SOCK_NONBLOCK or SOCK_CLOEXEC type flags.
const (
	sockNonblock = 0
	sockCloexec  = 0
)

// pairFamily is socketpair's default family: AF_UNIX where there is one.
const pairFamily = unix.AF_UNIX
