package luasocket

import "netlua/interp"

const socketDoc = "LuaSocket 3.1's API is in the same table (see stdlib/luasocket/*.lua): " +
	"socket.tcp(), socket.udp(), socket.bind(host, port), socket.connect(host, port), socket.select, socket.dns, " +
	"with errors returned as nil, \"timeout\" instead of raised. " +
	"sock:getfd() and socket.socket(nil, nil, nil, fd) pass a socket from one API to the other."

const objectMethods = " Methods, as LuaSocket's: accept, bind, close, connect, dirty, getfamily, getfd, setfd, " +
	"getoption/setoption (\"keepalive\", \"linger\", \"reuseaddr\", \"reuseport\", \"tcp-nodelay\", \"tcp-keepidle\", \"ipv6-v6only\"...), " +
	"getpeername/getsockname (ip, port, family), getstats/setstats, gettimeout/settimeout(t [, \"b\" or \"t\"]), listen, " +
	"receive([\"*l\" | \"*a\" | n [, prefix]]), send(data [, i [, j]]), shutdown([\"both\" | \"send\" | \"receive\"]). " +
	"Errors are returned: nil, \"timeout\" | \"closed\" | \"connection refused\" | \"address already in use\"...; " +
	"receive returns nil, err, partial; send returns nil, err, last index sent. With socket._DEBUG true (the default) both also return the time they took."

var socketFuncs = []interp.Func{
	{Name: "tcp", Sig: "socket.tcp() -> tcp{master} | nil, err",
		Doc: "LuaSocket: a new TCP object, of either address family (the socket is made by bind or connect). A master becomes a server with listen, a client with connect; accept returns clients." + objectMethods,
		Py:  "socket.socket(socket.AF_INET, socket.SOCK_STREAM)"},
	{Name: "tcp4", Sig: "socket.tcp4() -> tcp{master} | nil, err",
		Doc: "LuaSocket: a new IPv4 TCP object (see socket.tcp).",
		Py:  "socket.socket(socket.AF_INET, socket.SOCK_STREAM)"},
	{Name: "tcp6", Sig: "socket.tcp6() -> tcp{master} | nil, err",
		Doc: "LuaSocket: a new IPv6 TCP object, IPv6-only (see socket.tcp).",
		Py:  "socket.socket(socket.AF_INET6, socket.SOCK_STREAM)"},
	{Name: "udp", Sig: "socket.udp() -> udp{unconnected} | nil, err",
		Doc: "LuaSocket: a new UDP object, of either address family. Methods: sendto(data, ip, port), receivefrom([size]) -> data, ip, port, setsockname(ip, port), setpeername(ip, port) to make it udp{connected} (send, receive; setpeername(\"*\") undoes it), close, getfd, setfd, getsockname, getpeername, settimeout, gettimeout, getoption/setoption (\"broadcast\", \"reuseaddr\", \"ip-multicast-ttl\", \"ip-add-membership\"...).",
		Py:  "socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"},
	{Name: "udp4", Sig: "socket.udp4() -> udp{unconnected} | nil, err",
		Doc: "LuaSocket: a new IPv4 UDP object (see socket.udp).",
		Py:  "socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"},
	{Name: "udp6", Sig: "socket.udp6() -> udp{unconnected} | nil, err",
		Doc: "LuaSocket: a new IPv6 UDP object, IPv6-only (see socket.udp).",
		Py:  "socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)"},
	{Name: "bind", Sig: "socket.bind(host, port [, backlog=32]) -> tcp{server} | nil, err",
		Doc: "LuaSocket: a TCP server listening on host (\"*\" for all IPv4 addresses) and port (0: any free port), with reuseaddr set.",
		Py:  "socket.create_server((host, port))"},
	{Name: "connect", Sig: "socket.connect(host, port [, locaddr [, locport [, family]]]) -> tcp{client} | nil, err",
		Doc: "LuaSocket: a TCP client connected to host and port, optionally bound first to locaddr and locport; family is \"inet\", \"inet6\" or \"unspec\" (default: try each address).",
		Py:  "socket.create_connection((host, port), source_address=(locaddr, locport))"},
	{Name: "connect4", Sig: "socket.connect4(host, port [, locaddr [, locport]]) -> tcp{client} | nil, err",
		Doc: "LuaSocket: socket.connect over IPv4 only.",
		Py:  "socket.create_connection((host, port))"},
	{Name: "connect6", Sig: "socket.connect6(host, port [, locaddr [, locport]]) -> tcp{client} | nil, err",
		Doc: "LuaSocket: socket.connect over IPv6 only.",
		Py:  "socket.create_connection((host, port))"},
	{Name: "select", Sig: "socket.select(recvt, sendt [, timeout]) -> readable, writable [, \"timeout\"]",
		Doc: "LuaSocket: waits until some objects of the array recvt can be read or of sendt written, or timeout seconds (negative or nil: no limit). The results list the ready objects as an array and as keys (r[1] == sock, r[sock] == 1); on timeout they are empty and a third result is \"timeout\". Objects with buffered data count as readable at once. At most socket._SETSIZE descriptors.",
		Py:  "select.select(rlist, wlist, [], timeout)"},
	{Name: "sleep", Sig: "socket.sleep(seconds)",
		Doc: "LuaSocket: waits the given seconds (fractions allowed), letting other threads run.",
		Py:  "time.sleep(seconds)"},
	{Name: "gettime", Sig: "socket.gettime() -> seconds",
		Doc: "LuaSocket: the time in seconds since the Unix epoch, with fractions.",
		Py:  "time.time()"},
	{Name: "skip", Sig: "socket.skip(d, ...) -> ...",
		Doc: "LuaSocket: returns its arguments after the first d: socket.skip(1, a, b, c) is b, c.",
		Py:  "args[d:]"},
	{Name: "newtry", Sig: "socket.newtry([finalizer]) -> try",
		Doc: "LuaSocket: makes a try function that returns its arguments when the first is true, and otherwise calls finalizer and raises the second, wrapped so that socket.protect turns it back into nil, err.",
		Py:  "try: ... finally: finalizer()"},
	{Name: "try", Sig: "socket.try(ok, err, ...) -> ok, err, ...",
		Doc: "LuaSocket: socket.newtry() with no finalizer: socket.try(sock:receive()) raises err when receive fails.",
		Py:  "raising the error"},
	{Name: "protect", Sig: "socket.protect(f) -> function",
		Doc: "LuaSocket: a function that calls f and returns nil, err when a try in it failed; other errors are raised as they are.",
		Py:  "try: return f(...) except Error as e: return None, e"},
	{Name: "choose", Sig: "socket.choose(table) -> function(name, ...)",
		Doc: "LuaSocket: a function that calls table[name](...) (\"default\" when name is not a string), raising \"unknown key\" for other names.",
		Py:  "table[name](...)"},
	{Name: "sink", Sig: "socket.sink([mode,] sock) -> ltn12 sink",
		Doc: "LuaSocket: an ltn12 sink that sends to sock; mode \"keep-open\" (default) or \"close-when-done\".",
		Py:  "sock.sendall"},
	{Name: "source", Sig: "socket.source([mode,] sock [, length]) -> ltn12 source",
		Doc: "LuaSocket: an ltn12 source that receives from sock; mode \"until-closed\" (default) or \"by-length\" with length bytes.",
		Py:  "sock.recv"},
	{Name: "dns.toip", Sig: "socket.dns.toip(address) -> ip, {name=, alias={}, ip={}} | nil, err",
		Doc: "LuaSocket: the first IPv4 address of a host name (an IPv4 address is looked up backwards), and everything resolved.",
		Py:  "socket.gethostbyname_ex(address)"},
	{Name: "dns.tohostname", Sig: "socket.dns.tohostname(address) -> name, {name=, alias={}, ip={}} | nil, err",
		Doc: "LuaSocket: the canonical name of a host name or IPv4 address, and everything resolved.",
		Py:  "socket.gethostbyaddr(address)"},
	{Name: "dns.gethostname", Sig: "socket.dns.gethostname() -> name",
		Doc: "LuaSocket: this machine's host name.",
		Py:  "socket.gethostname()"},
	{Name: "dns.getaddrinfo", Sig: "socket.dns.getaddrinfo(host) -> { {family=\"inet\"|\"inet6\", addr=ip}, ... } | nil, err",
		Doc: "LuaSocket: every address of host, IPv4 and IPv6.",
		Py:  "socket.getaddrinfo(host, None, 0, socket.SOCK_STREAM)"},
	{Name: "dns.getnameinfo", Sig: "socket.dns.getnameinfo([host] [, serv]) -> {names}, service | nil, err",
		Doc: "LuaSocket: the names of each address of host, and the service name of port serv.",
		Py:  "socket.getnameinfo((host, port), 0)"},
}
