package socket

import "golang.org/x/sys/unix"

// intConstants are the socket module's integer constants with Linux's values,
// the ones CPython 3.11 defines on Linux (checked name by name against
// python3 in consts_test.go), without the families of constants for
// hardware netlua has no use for (CAN, TIPC, J1939, VSOCK, ALG, netlink).
// Values come from x/sys/unix where it has them; the rest are glibc's
// <netdb.h> and <netinet/in.h> values, which x/sys does not carry.
var intConstants = []struct {
	Name  string
	Value int
}{
	{"AF_ALG", unix.AF_ALG},
	{"AF_APPLETALK", unix.AF_APPLETALK},
	{"AF_ASH", unix.AF_ASH},
	{"AF_ATMPVC", unix.AF_ATMPVC},
	{"AF_ATMSVC", unix.AF_ATMSVC},
	{"AF_AX25", unix.AF_AX25},
	{"AF_BRIDGE", unix.AF_BRIDGE},
	{"AF_CAN", unix.AF_CAN},
	{"AF_ECONET", unix.AF_ECONET},
	{"AF_INET", unix.AF_INET},
	{"AF_INET6", unix.AF_INET6},
	{"AF_IPX", unix.AF_IPX},
	{"AF_IRDA", unix.AF_IRDA},
	{"AF_KEY", unix.AF_KEY},
	{"AF_LLC", unix.AF_LLC},
	{"AF_NETBEUI", unix.AF_NETBEUI},
	{"AF_NETLINK", unix.AF_NETLINK},
	{"AF_NETROM", unix.AF_NETROM},
	{"AF_PACKET", unix.AF_PACKET},
	{"AF_PPPOX", unix.AF_PPPOX},
	{"AF_QIPCRTR", unix.AF_QIPCRTR},
	{"AF_RDS", unix.AF_RDS},
	{"AF_ROSE", unix.AF_ROSE},
	{"AF_ROUTE", unix.AF_ROUTE},
	{"AF_SECURITY", unix.AF_SECURITY},
	{"AF_SNA", unix.AF_SNA},
	{"AF_TIPC", unix.AF_TIPC},
	{"AF_UNIX", unix.AF_UNIX},
	{"AF_UNSPEC", unix.AF_UNSPEC},
	{"AF_VSOCK", unix.AF_VSOCK},
	{"AF_WANPIPE", unix.AF_WANPIPE},
	{"AF_X25", unix.AF_X25},
	{"AI_ADDRCONFIG", aiAddrconfig},
	{"AI_ALL", aiAll},
	{"AI_CANONNAME", aiCanonname},
	{"AI_NUMERICHOST", aiNumerichost},
	{"AI_NUMERICSERV", aiNumericserv},
	{"AI_PASSIVE", aiPassive},
	{"AI_V4MAPPED", aiV4mapped},
	{"EAGAIN", int(unix.EAGAIN)},
	{"EAI_ADDRFAMILY", -9},
	{"EAI_AGAIN", -3},
	{"EAI_BADFLAGS", -1},
	{"EAI_FAIL", -4},
	{"EAI_FAMILY", -6},
	{"EAI_MEMORY", -10},
	{"EAI_NODATA", -5},
	{"EAI_NONAME", -2},
	{"EAI_OVERFLOW", -12},
	{"EAI_SERVICE", -8},
	{"EAI_SOCKTYPE", -7},
	{"EAI_SYSTEM", -11},
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
	{"IPPROTO_GRE", unix.IPPROTO_GRE},
	{"IPPROTO_HOPOPTS", unix.IPPROTO_HOPOPTS},
	{"IPPROTO_ICMP", unix.IPPROTO_ICMP},
	{"IPPROTO_ICMPV6", unix.IPPROTO_ICMPV6},
	{"IPPROTO_IDP", unix.IPPROTO_IDP},
	{"IPPROTO_IGMP", unix.IPPROTO_IGMP},
	{"IPPROTO_IP", unix.IPPROTO_IP},
	{"IPPROTO_IPIP", unix.IPPROTO_IPIP},
	{"IPPROTO_IPV6", unix.IPPROTO_IPV6},
	{"IPPROTO_MPTCP", unix.IPPROTO_MPTCP},
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
	{"IPPROTO_UDPLITE", unix.IPPROTO_UDPLITE},
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
	{"IP_BIND_ADDRESS_NO_PORT", unix.IP_BIND_ADDRESS_NO_PORT},
	{"IP_DEFAULT_MULTICAST_LOOP", unix.IP_DEFAULT_MULTICAST_LOOP},
	{"IP_DEFAULT_MULTICAST_TTL", unix.IP_DEFAULT_MULTICAST_TTL},
	{"IP_DROP_MEMBERSHIP", unix.IP_DROP_MEMBERSHIP},
	{"IP_HDRINCL", unix.IP_HDRINCL},
	{"IP_MAX_MEMBERSHIPS", unix.IP_MAX_MEMBERSHIPS},
	{"IP_MULTICAST_IF", unix.IP_MULTICAST_IF},
	{"IP_MULTICAST_LOOP", unix.IP_MULTICAST_LOOP},
	{"IP_MULTICAST_TTL", unix.IP_MULTICAST_TTL},
	{"IP_OPTIONS", unix.IP_OPTIONS},
	{"IP_RECVOPTS", unix.IP_RECVOPTS},
	{"IP_RECVRETOPTS", unix.IP_RECVRETOPTS},
	{"IP_RECVTOS", unix.IP_RECVTOS},
	{"IP_RETOPTS", unix.IP_RETOPTS},
	{"IP_TOS", unix.IP_TOS},
	{"IP_TRANSPARENT", unix.IP_TRANSPARENT},
	{"IP_TTL", unix.IP_TTL},
	{"MSG_CMSG_CLOEXEC", unix.MSG_CMSG_CLOEXEC},
	{"MSG_CONFIRM", unix.MSG_CONFIRM},
	{"MSG_CTRUNC", unix.MSG_CTRUNC},
	{"MSG_DONTROUTE", unix.MSG_DONTROUTE},
	{"MSG_DONTWAIT", unix.MSG_DONTWAIT},
	{"MSG_EOR", unix.MSG_EOR},
	{"MSG_ERRQUEUE", unix.MSG_ERRQUEUE},
	{"MSG_FASTOPEN", unix.MSG_FASTOPEN},
	{"MSG_MORE", unix.MSG_MORE},
	{"MSG_NOSIGNAL", unix.MSG_NOSIGNAL},
	{"MSG_OOB", unix.MSG_OOB},
	{"MSG_PEEK", unix.MSG_PEEK},
	{"MSG_TRUNC", unix.MSG_TRUNC},
	{"MSG_WAITALL", unix.MSG_WAITALL},
	{"NI_DGRAM", 16},
	{"NI_MAXHOST", 1025},
	{"NI_MAXSERV", 32},
	{"NI_NAMEREQD", 8},
	{"NI_NOFQDN", 4},
	{"NI_NUMERICHOST", 1},
	{"NI_NUMERICSERV", 2},
	{"SCM_CREDENTIALS", unix.SCM_CREDENTIALS},
	{"SCM_RIGHTS", unix.SCM_RIGHTS},
	{"SHUT_RD", unix.SHUT_RD},
	{"SHUT_RDWR", unix.SHUT_RDWR},
	{"SHUT_WR", unix.SHUT_WR},
	{"SOCK_CLOEXEC", unix.SOCK_CLOEXEC},
	{"SOCK_DGRAM", unix.SOCK_DGRAM},
	{"SOCK_NONBLOCK", unix.SOCK_NONBLOCK},
	{"SOCK_RAW", unix.SOCK_RAW},
	{"SOCK_RDM", unix.SOCK_RDM},
	{"SOCK_SEQPACKET", unix.SOCK_SEQPACKET},
	{"SOCK_STREAM", unix.SOCK_STREAM},
	{"SOL_IP", unix.SOL_IP},
	{"SOL_SOCKET", unix.SOL_SOCKET},
	{"SOL_TCP", unix.SOL_TCP},
	{"SOL_UDP", unix.SOL_UDP},
	{"SOMAXCONN", unix.SOMAXCONN},
	{"SO_ACCEPTCONN", unix.SO_ACCEPTCONN},
	{"SO_BINDTODEVICE", unix.SO_BINDTODEVICE},
	{"SO_BROADCAST", unix.SO_BROADCAST},
	{"SO_DEBUG", unix.SO_DEBUG},
	{"SO_DOMAIN", unix.SO_DOMAIN},
	{"SO_DONTROUTE", unix.SO_DONTROUTE},
	{"SO_ERROR", unix.SO_ERROR},
	{"SO_INCOMING_CPU", unix.SO_INCOMING_CPU},
	{"SO_KEEPALIVE", unix.SO_KEEPALIVE},
	{"SO_LINGER", unix.SO_LINGER},
	{"SO_MARK", unix.SO_MARK},
	{"SO_OOBINLINE", unix.SO_OOBINLINE},
	{"SO_PASSCRED", unix.SO_PASSCRED},
	{"SO_PASSSEC", unix.SO_PASSSEC},
	{"SO_PEERCRED", unix.SO_PEERCRED},
	{"SO_PEERSEC", unix.SO_PEERSEC},
	{"SO_PRIORITY", unix.SO_PRIORITY},
	{"SO_PROTOCOL", unix.SO_PROTOCOL},
	{"SO_RCVBUF", unix.SO_RCVBUF},
	{"SO_RCVLOWAT", unix.SO_RCVLOWAT},
	{"SO_RCVTIMEO", unix.SO_RCVTIMEO},
	{"SO_REUSEADDR", unix.SO_REUSEADDR},
	{"SO_REUSEPORT", unix.SO_REUSEPORT},
	{"SO_SNDBUF", unix.SO_SNDBUF},
	{"SO_SNDLOWAT", unix.SO_SNDLOWAT},
	{"SO_SNDTIMEO", unix.SO_SNDTIMEO},
	{"SO_TYPE", unix.SO_TYPE},
	{"TCP_CONGESTION", unix.TCP_CONGESTION},
	{"TCP_CORK", unix.TCP_CORK},
	{"TCP_DEFER_ACCEPT", unix.TCP_DEFER_ACCEPT},
	{"TCP_FASTOPEN", unix.TCP_FASTOPEN},
	{"TCP_INFO", unix.TCP_INFO},
	{"TCP_KEEPCNT", unix.TCP_KEEPCNT},
	{"TCP_KEEPIDLE", unix.TCP_KEEPIDLE},
	{"TCP_KEEPINTVL", unix.TCP_KEEPINTVL},
	{"TCP_LINGER2", unix.TCP_LINGER2},
	{"TCP_MAXSEG", unix.TCP_MAXSEG},
	{"TCP_NODELAY", unix.TCP_NODELAY},
	{"TCP_NOTSENT_LOWAT", unix.TCP_NOTSENT_LOWAT},
	{"TCP_QUICKACK", unix.TCP_QUICKACK},
	{"TCP_SYNCNT", unix.TCP_SYNCNT},
	{"TCP_USER_TIMEOUT", unix.TCP_USER_TIMEOUT},
	{"TCP_WINDOW_CLAMP", unix.TCP_WINDOW_CLAMP},
	{"UDPLITE_RECV_CSCOV", 11},
	{"UDPLITE_SEND_CSCOV", 10},
}

// glibc's EAI_* codes and texts.
var (
	errBadFlags   = &gaiError{-1, "Bad value for ai_flags"}
	errNoName     = &gaiError{-2, "Name or service not known"}
	errAgain      = &gaiError{-3, "Temporary failure in name resolution"}
	errFamily     = &gaiError{-6, "ai_family not supported"}
	errSocktype   = &gaiError{-7, "ai_socktype not supported"}
	errService    = &gaiError{-8, "Servname not supported for ai_socktype"}
	errAddrFamily = &gaiError{-9, "Address family for hostname not supported"}
)

// getaddrinfo's flags (glibc's values, which CPython exports).
const (
	aiPassive     = 0x1
	aiCanonname   = 0x2
	aiNumerichost = 0x4
	aiV4mapped    = 0x8
	aiAll         = 0x10
	aiAddrconfig  = 0x20
	aiNumericserv = 0x400
	aiKnownFlags  = aiPassive | aiCanonname | aiNumerichost | aiV4mapped | aiAll | aiAddrconfig | aiNumericserv
)

// getnameinfo's flags (glibc's values, which CPython exports).
const (
	niNumerichost = 0x1
	niNumericserv = 0x2
	niNofqdn      = 0x4
	niNamereqd    = 0x8
	niDgram       = 0x10
	niIDN         = 0x20
	niKnownFlags  = niNumerichost | niNumericserv | niNofqdn | niNamereqd | niDgram | niIDN
)

// sockTypes is glibc's table of socket types getaddrinfo knows
// (gaih_inet_typeproto), in glibc's order.
var sockTypes = []sockType{
	{unix.SOCK_STREAM, unix.IPPROTO_TCP, "tcp", true, false, false},
	{unix.SOCK_DGRAM, unix.IPPROTO_UDP, "udp", true, false, false},
	{unix.SOCK_DCCP, unix.IPPROTO_DCCP, "dccp", false, false, false},
	{unix.SOCK_DGRAM, unix.IPPROTO_UDPLITE, "udplite", false, false, false},
	{unix.SOCK_STREAM, unix.IPPROTO_SCTP, "sctp", false, false, false},
	{unix.SOCK_SEQPACKET, unix.IPPROTO_SCTP, "sctp", false, false, false},
	{unix.SOCK_RAW, 0, "raw", true, true, true},
}

// The type flags CPython accepts and strips on Linux: socket(AF_INET,
// SOCK_STREAM | SOCK_NONBLOCK) makes a non-blocking socket.
const (
	sockNonblock = unix.SOCK_NONBLOCK
	sockCloexec  = unix.SOCK_CLOEXEC
)

// pairFamily is socketpair's default family: AF_UNIX where there is one.
const pairFamily = unix.AF_UNIX
