package socket

// Module functions for host names, services and addresses, as CPython's
// socket module has them on Linux. Lookups read /etc/hosts, /etc/services
// and /etc/protocols as glibc does and ask DNS only for other names; they
// release the GIL while they wait.

import (
	"context"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// netdbFuncs are the module functions for names and addresses.
var netdbFuncs = []interp.Func{
	{Name: "gethostname", Fn: gethostname, Sig: "socket.gethostname() -> string",
		Doc: "Returns the machine's host name, as the hostname command prints it."},
	{Name: "gethostbyname", Fn: gethostbyname, Sig: "socket.gethostbyname(hostname) -> string",
		Doc: "Resolves a host name (from /etc/hosts, then DNS) to one IPv4 address in dotted form. \"\" gives '0.0.0.0'. Raises socket.gaierror when the name is unknown."},
	{Name: "gethostbyname_ex", Fn: gethostbynameEx, Sig: "socket.gethostbyname_ex(hostname) -> hostname, aliaslist, ipaddrlist",
		Doc: "Resolves a host name to a tuple (hostname, aliaslist, ipaddrlist): its primary name, its other names and its IPv4 addresses. Raises socket.gaierror or socket.herror when the name is unknown."},
	{Name: "gethostbyaddr", Fn: gethostbyaddr, Sig: "socket.gethostbyaddr(ip_address) -> hostname, aliaslist, ipaddrlist",
		Doc: "Finds the name of an IPv4 or IPv6 address (a host name is resolved first): a tuple (hostname, aliaslist, ipaddrlist). Raises socket.herror \"[Errno 1] Unknown host\" when the address has no name."},
	{Name: "getfqdn", Fn: getfqdn, PyFunc: true, Sig: "socket.getfqdn([name] [, {name=}]) -> string",
		Doc: "Returns a fully qualified domain name for name (the local host if name is empty or missing): the first of gethostbyaddr's names that contains a dot, else its host name; name itself if it has none.",
		Py:  "socket.getfqdn([name])"},
	{Name: "getaddrinfo", Fn: getaddrinfo, PyFunc: true, Sig: "socket.getaddrinfo(host, port [, family, type, proto, flags] [, {host=, port=, family=, type=, proto=, flags=}]) -> {{family, type, proto, canonname, sockaddr}, ...}",
		Doc: "Resolves host and port into the addresses to connect or bind to: a list of tuples (family, type, proto, canonname, sockaddr) in the order glibc gives them. host and port may be nil; port may be a number or a service name such as \"http\". Raises socket.gaierror on failure.",
		Py:  "socket.getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)"},
	{Name: "getnameinfo", Fn: getnameinfo, Sig: "socket.getnameinfo(sockaddr, flags) -> host, port",
		Doc: "Turns a socket address {host, port} (host numeric) into a tuple (host, service) of names, or numbers with NI_NUMERICHOST and NI_NUMERICSERV. NI_NAMEREQD makes a nameless address an error; NI_DGRAM looks the service up for UDP."},
	{Name: "getservbyname", Fn: getservbyname, Sig: "socket.getservbyname(servicename [, protocolname]) -> number",
		Doc: "Returns the port of a service from /etc/services (\"http\" gives 80), for protocolname \"tcp\" or \"udp\" if given. Raises OSError \"service/proto not found\"."},
	{Name: "getservbyport", Fn: getservbyport, Sig: "socket.getservbyport(port [, protocolname]) -> string",
		Doc: "Returns the name of the service on port from /etc/services (80 gives \"http\"), for protocolname if given. Raises OSError \"port/proto not found\"."},
	{Name: "getprotobyname", Fn: getprotobyname, Sig: "socket.getprotobyname(protocolname) -> number",
		Doc: "Returns the number of a protocol from /etc/protocols (\"tcp\" gives 6), for the third argument of socket.socket. Raises OSError \"protocol not found\"."},
	{Name: "inet_aton", Fn: inetAtonFunc, Sig: "socket.inet_aton(ip_string) -> string",
		Doc: "Packs an IPv4 address in dotted form (or any form C's inet_aton accepts, such as \"127.1\") into the 4-byte string sent on the wire."},
	{Name: "inet_ntoa", Fn: inetNtoa, Sig: "socket.inet_ntoa(packed_ip) -> string",
		Doc: "Unpacks a 4-byte packed IPv4 address into dotted form: the inverse of inet_aton."},
	{Name: "inet_pton", Fn: inetPton, Sig: "socket.inet_pton(address_family, ip_string) -> string",
		Doc: "Packs an IPv4 (AF_INET, strict dotted form) or IPv6 (AF_INET6) address into 4 or 16 bytes."},
	{Name: "inet_ntop", Fn: inetNtop, Sig: "socket.inet_ntop(address_family, packed_ip) -> string",
		Doc: "Unpacks a 4-byte (AF_INET) or 16-byte (AF_INET6) packed address into its text form, \"::1\" style for IPv6."},
	{Name: "htonl", Fn: htonl, Sig: "socket.htonl(x) -> number",
		Doc: "Converts a 32-bit unsigned integer from host to network byte order (big-endian): on this little-endian machine the four bytes are reversed, so 1234 gives 3523477504."},
	{Name: "ntohl", Fn: htonl, Sig: "socket.ntohl(x) -> number",
		Doc: "Converts a 32-bit unsigned integer from network to host byte order: the same swap as htonl."},
	{Name: "htons", Fn: htons, Sig: "socket.htons(x) -> number",
		Doc: "Converts a 16-bit unsigned integer from host to network byte order: 1234 gives 53764."},
	{Name: "ntohs", Fn: htons, Sig: "socket.ntohs(x) -> number",
		Doc: "Converts a 16-bit unsigned integer from network to host byte order: the same swap as htons."},
}

func gethostname(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	name, err := hostName()
	if err != nil {
		interp.RaiseOSError(L, err)
	}
	L.Push(lua.LString(name))
	return 1
}

func gethostbyname(L *lua.LState) int {
	var name string
	interp.UnpackArgs(L, 1, "hostname", &name)
	L.Push(lua.LString(resolveHost(L, name, sockos.AF_INET).String()))
	return 1
}

// hostent makes the (hostname, aliaslist, ipaddrlist) tuple.
func hostent(L *lua.LState, e hostEntry) lua.LValue {
	aliases, addrs := L.NewTable(), L.NewTable()
	for _, a := range e.Aliases {
		aliases.Append(lua.LString(a))
	}
	for _, ip := range e.Addrs {
		addrs.Append(lua.LString(ipString(ip)))
	}
	return interp.NewTuple(L, lua.LString(e.Name), aliases, addrs)
}

func ipString(ip netip.Addr) string {
	if ip.Is4() {
		return ip.String()
	}
	return ntop6(ip.As16())
}

// An hError is an h_errno code, which socket.herror carries with
// hstrerror's text.
type hError int

const (
	hostNotFound hError = 1
	tryAgain     hError = 2
	noRecovery   hError = 3
)

func (e hError) Error() string {
	switch e {
	case hostNotFound:
		return "Unknown host"
	case tryAgain:
		return "Host name lookup failure"
	case noRecovery:
		return "Unknown server error"
	}
	return "Unknown resolver error"
}

// gethostbynameEx checks the name the way CPython does (a gaierror for an
// unknown one) and then asks gethostbyname's databases, which answer with
// h_errno codes.
func gethostbynameEx(L *lua.LState) int {
	var name string
	interp.UnpackArgs(L, 1, "hostname", &name)
	resolveHost(L, name, sockos.AF_INET)
	var e hostEntry
	var err error
	interp.Unlocked(L, func() { e, err = hostByName(name) })
	if err != nil {
		raiseLookupError(L, err)
	}
	L.Push(hostent(L, e))
	return 1
}

// hostByName is glibc's gethostbyname: names made of digits and dots are
// addresses, then /etc/hosts, then DNS.
func hostByName(name string) (hostEntry, error) {
	if name == "" {
		return hostEntry{}, noRecovery
	}
	if strings.Trim(name, "0123456789.") == "" {
		if b, ok := inetAton(name); ok {
			return hostEntry{Name: name, Addrs: []netip.Addr{netip.AddrFrom4(b)}}, nil
		}
		return hostEntry{}, hostNotFound
	}
	if e, ok := hostsEntryByName(name, true); ok {
		return e, nil
	}
	ips, err := lookupDNS(name, sockos.AF_INET)
	if err != nil {
		if err == errNoName {
			return hostEntry{}, hostNotFound
		}
		return hostEntry{}, tryAgain
	}
	e := hostEntry{Name: name, Addrs: ips}
	if cname, err := net.DefaultResolver.LookupCNAME(context.Background(), name); err == nil {
		if cname = strings.TrimSuffix(cname, "."); !strings.EqualFold(cname, name) {
			e = hostEntry{Name: cname, Aliases: []string{name}, Addrs: ips}
		}
	}
	return e, nil
}

func gethostbyaddr(L *lua.LState) int {
	var addr string
	interp.UnpackArgs(L, 1, "ip_address", &addr)
	if strings.IndexByte(addr, 0) >= 0 {
		interp.Raise(L, interp.TypeError, "host name must not contain null character")
	}
	var e hostEntry
	var err error
	interp.Unlocked(L, func() { e, err = hostByAddr(addr) })
	if err != nil {
		raiseLookupError(L, err)
	}
	L.Push(hostent(L, e))
	return 1
}

// hostByAddr resolves addr (a name is looked up first, failing with a
// gaierror) and finds its name in /etc/hosts, then by reverse DNS.
func hostByAddr(addr string) (hostEntry, error) {
	ip, err := hostAddr(addr, sockos.AF_UNSPEC)
	if err != nil {
		return hostEntry{}, err
	}
	ip = ip.WithZone("")
	if e, ok := hostsEntryByAddr(ip); ok {
		return e, nil
	}
	// glibc's gethostbyaddr looks an IPv4-mapped address (::ffff:a.b.c.d) up
	// as IPv6, where /etc/hosts' IPv4 lines don't match; its getnameinfo,
	// which Go's cgo resolver calls when nsswitch.conf names mDNS, unmaps it
	// and finds "localhost". Go's own resolver does what CPython shows.
	resolver := net.DefaultResolver
	if ip.Is4In6() {
		resolver = &net.Resolver{PreferGo: true}
	}
	names, err := resolver.LookupAddr(context.Background(), ip.String())
	if err != nil || len(names) == 0 {
		if dnsErr, ok := err.(*net.DNSError); ok && !dnsErr.IsNotFound {
			return hostEntry{}, tryAgain
		}
		return hostEntry{}, hostNotFound
	}
	for i := range names {
		names[i] = strings.TrimSuffix(names[i], ".")
	}
	return hostEntry{Name: names[0], Aliases: names[1:], Addrs: []netip.Addr{ip}}, nil
}

// getfqdn is CPython's Lib/socket.py getfqdn, including its quiet fallback
// to the name itself when gethostbyaddr fails.
func getfqdn(L *lua.LState) int {
	name := ""
	interp.UnpackArgs(L, 1, "name?", &name)
	name = strings.TrimSpace(name)
	if name == "" || name == "0.0.0.0" || name == "::" {
		var err error
		if name, err = hostName(); err != nil {
			interp.RaiseOSError(L, err)
		}
	}
	interp.Unlocked(L, func() {
		e, err := hostByAddr(name)
		if err != nil {
			return
		}
		name = e.Name
		for _, a := range e.Aliases {
			if strings.Contains(a, ".") {
				name = a
				break
			}
		}
		if strings.Contains(e.Name, ".") {
			name = e.Name
		}
	})
	L.Push(lua.LString(name))
	return 1
}

// hostArg is getaddrinfo's host: a string or nil.
type hostArg struct {
	name  string
	isSet bool
}

func (h *hostArg) Unpack(L *lua.LState, v lua.LValue) error {
	if v == lua.LNil {
		return nil
	}
	s, ok := v.(lua.LString)
	if !ok {
		return argError("must be string or nil")
	}
	h.name, h.isSet = string(s), true
	return nil
}

// An argError is an Unpacker's complaint, which UnpackArgs puts after
// "f() argument 'name' ".
type argError string

func (e argError) Error() string { return string(e) }

func getaddrinfo(L *lua.LState) int {
	var host hostArg
	var port lua.LValue = lua.LNil
	var family, socktype, proto, flags int
	interp.UnpackArgs(L, 1, "host", &host, "port", &port,
		"family?", &family, "type?", &socktype, "proto?", &proto, "flags?", &flags)
	q := gaiQuery{Host: host.name, HasHost: host.isSet, Family: family, Socktype: socktype, Proto: proto, Flags: flags}
	switch p := port.(type) {
	case lua.LString:
		q.Service, q.HasService = string(p), true
	case lua.LNumber:
		n, msg := interp.ToInt(p)
		if msg != "" {
			interp.Raise(L, interp.OSError, "Int or String expected")
		}
		q.Service, q.HasService = strconv.FormatInt(n, 10), true
	case *lua.LNilType:
	default:
		interp.Raise(L, interp.OSError, "Int or String expected")
	}
	var infos []addrInfo
	var err error
	interp.Unlocked(L, func() { infos, err = q.resolve() })
	if err != nil {
		raiseLookupError(L, err)
	}
	list := L.CreateTable(len(infos), 0)
	for _, ai := range infos {
		list.Append(interp.NewTuple(L, lua.LNumber(ai.Family), lua.LNumber(ai.Type),
			lua.LNumber(ai.Proto), lua.LString(ai.Canonname), fromSockaddr(L, ai.Addr)))
	}
	L.Push(list)
	return 1
}

// hostName is C's gethostname: the kernel's node name (uname's on Unix,
// the DNS host name on Windows, as CPython asks GetComputerNameExW).
func hostName() (string, error) { return os.Hostname() }
