package sockostest

import "strings"

// PlatformText turns an expectation written from CPython on Linux into what
// CPython on Windows shows for the same program: WinError codes and real
// Windows texts, Winsock's numbers, and "getaddrinfo failed" for every
// gaierror (CPython's Windows build has no gai_strerror).
func PlatformText(s string) string { return windowsText.Replace(s) }

var windowsText = strings.NewReplacer(
	"family=10, ", "family=23, ", // AF_INET6 in reprs
	// Windows fails getsockname on an unbound socket (WSAEINVAL), so
	// CPython's repr shows no laddr for one.
	"proto=0, laddr=('0.0.0.0', 0)>", "proto=0>",
	"(10, 1, ", "(23, 1, ", "(10, 2, ", "(23, 2, ", "(10, 3, ", "(23, 3, ", // AF_INET6 in getaddrinfo's tuples
	"[Errno -2] Name or service not known", "[Errno 11001] getaddrinfo failed",
	"-2\tName or service not known", "11001\tgetaddrinfo failed",
	"[Errno -9] Address family for hostname not supported", "[Errno 11001] getaddrinfo failed",
	"[Errno -8] Servname not supported for ai_socktype", "[Errno 10109] getaddrinfo failed",
	"[Errno -1] Bad value for ai_flags", "[Errno 10022] getaddrinfo failed",
	"[Errno -6] ai_family not supported", "[Errno 10047] getaddrinfo failed",
	"[Errno -7] ai_socktype not supported", "[Errno 10044] getaddrinfo failed",
	"[Errno 97] Address family not supported by protocol", "[WinError 10047] An address incompatible with the requested protocol was used",
	"[Errno 9] Bad file descriptor", "[WinError 10038] An operation was attempted on something that is not a socket",
	"[Errno 111] Connection refused", "[WinError 10061] No connection could be made because the target machine actively refused it",
	"[Errno 106] Transport endpoint is already connected", "[WinError 10056] A connect request was made on an already connected socket",
	"[Errno 107] Transport endpoint is not connected", "[WinError 10057] A request to send or receive data was disallowed because the socket is not connected and (when sending on a datagram socket using a sendto call) no address was supplied",
	"[Errno 104] Connection reset by peer", "[WinError 10054] An existing connection was forcibly closed by the remote host",
	"[Errno 22] Invalid argument", "[WinError 10022] An invalid argument was supplied",
	"[Errno 98] Address already in use", "[WinError 10048] Only one usage of each socket address (protocol/network address/port) is normally permitted",
	"[Errno 11] Resource temporarily unavailable", "[WinError 10035] A non-blocking socket operation could not be completed immediately",
	"[Errno 115] Operation now in progress", "[WinError 10035] A non-blocking socket operation could not be completed immediately",
	"[Errno 89] Destination address required", "[WinError 10039] A required address was omitted from an operation on a socket",
	"[Errno 92] Protocol not available", "[WinError 10042] An unknown, invalid, or unsupported option or level was specified in a getsockopt or setsockopt call",
)
