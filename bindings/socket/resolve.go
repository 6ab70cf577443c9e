package socket

// Name resolution the way glibc's getaddrinfo does it, which is what CPython
// calls: numeric hosts first (with inet_aton's forms, so "1.2.3" is 1.2.0.3),
// then /etc/hosts, then DNS through Go's resolver (which reads
// /etc/resolv.conf and needs no cgo). Services come from /etc/services.
// The order of results and the gaierror codes were compared with python3.

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"netlua/internal/sockos"
)

// A gaiError is a getaddrinfo failure: Python raises it as socket.gaierror
// with glibc's EAI_* code and gai_strerror text.
type gaiError struct {
	Code int
	Text string
}

func (e *gaiError) Error() string { return e.Text }

// addrInfo is one getaddrinfo result.
type addrInfo struct {
	Family, Type, Proto int
	Canonname           string
	Addr                sockos.Sockaddr
}

// lookupAddrs is getaddrinfo(host, port, family, socktype, proto, flags) for
// callers that have a host and a numeric port (create_connection). An empty
// host is an error, as in glibc; use gaiQuery for a missing host.
func lookupAddrs(host string, port int, family, socktype, proto, flags int) ([]addrInfo, error) {
	return gaiQuery{Host: host, HasHost: true, Service: strconv.Itoa(port), HasService: true,
		Family: family, Socktype: socktype, Proto: proto, Flags: flags}.resolve()
}

// A gaiQuery is getaddrinfo's arguments; HasHost/HasService false stand for
// Python's None (C's NULL).
type gaiQuery struct {
	Host, Service                  string
	HasHost, HasService            bool
	Family, Socktype, Proto, Flags int
}

// A sockType is a row of glibc's table of socket types getaddrinfo knows
// (gaih_inet_typeproto), in glibc's order.
type sockType struct {
	socktype, proto int
	protoName       string // for /etc/services
	isDefault       bool   // returned when neither type nor protocol is asked for
	anyProto        bool   // SOCK_RAW takes any protocol...
	noService       bool   // ...and no port
}

// A typePort is one socket type the query yields, with its port.
type typePort struct {
	socktype, proto, port int
}

func (q gaiQuery) resolve() ([]addrInfo, error) {
	switch {
	case q.Flags&^aiKnownFlags != 0, q.Flags&aiCanonname != 0 && !q.HasHost:
		return nil, errBadFlags
	case !q.HasHost && !q.HasService:
		return nil, errNoName
	case q.Family != sockos.AF_UNSPEC && q.Family != sockos.AF_INET && q.Family != sockos.AF_INET6:
		return nil, errFamily
	}
	types, err := q.types()
	if err != nil {
		return nil, err
	}
	ips, canon, err := q.hosts()
	if err != nil {
		return nil, err
	}
	var out []addrInfo
	for _, ip := range ips {
		for _, t := range types {
			ai := addrInfo{Type: t.socktype, Proto: t.proto, Addr: sockaddrOf(ip, t.port)}
			ai.Family = sockos.AF_INET
			if !ip.Is4() {
				ai.Family = sockos.AF_INET6
			}
			if len(out) == 0 {
				ai.Canonname = canon // glibc names only the first result
			}
			out = append(out, ai)
		}
	}
	return out, nil
}

// types works out the socket types and ports of the results as glibc
// does: an asked-for type or protocol picks one row of sockTypes, otherwise
// every default row serves; a numeric service fits every row, a named one
// only the protocols /etc/services lists it under, and raw sockets take no
// service at all.
func (q gaiQuery) types() ([]typePort, error) {
	rows := []sockType{}
	if q.Socktype != 0 || q.Proto != 0 {
		for _, st := range sockTypes {
			if (q.Socktype == 0 || q.Socktype == st.socktype) && (q.Proto == 0 || st.anyProto || q.Proto == st.proto) {
				rows = append(rows, st)
				break
			}
		}
		if len(rows) == 0 && q.Socktype != 0 {
			return nil, errSocktype
		}
		if len(rows) == 0 {
			return nil, errService
		}
		if q.HasService && rows[0].noService {
			return nil, errService
		}
	} else {
		for _, st := range sockTypes {
			if st.isDefault {
				rows = append(rows, st)
			}
		}
	}
	proto := func(st sockType) int {
		if q.Proto != 0 {
			return q.Proto
		}
		return st.proto
	}
	var out []typePort
	n, numeric := parseDecimal(q.Service)
	switch {
	case !q.HasService || numeric:
		for _, st := range rows {
			// glibc stores the port with htons: larger numbers wrap.
			out = append(out, typePort{st.socktype, proto(st), int(n % 65536)})
		}
	case q.Flags&aiNumericserv != 0:
		return nil, errNoName
	default:
		for _, st := range rows {
			if st.noService {
				continue
			}
			if port, ok := lookupService(q.Service, st.protoName); ok {
				out = append(out, typePort{st.socktype, proto(st), port})
			}
		}
	}
	if len(out) == 0 {
		return nil, errService
	}
	return out, nil
}

// parseDecimal accepts what glibc takes for a numeric service: digits only.
func parseDecimal(s string) (uint64, bool) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

// hosts resolves the query's host to addresses of the wanted family, with
// the canonical name when AI_CANONNAME asks for it.
func (q gaiQuery) hosts() ([]netip.Addr, string, error) {
	if !q.HasHost {
		// No host: the wildcard for servers, loopback for clients, in
		// glibc's order.
		v4, v6 := netip.AddrFrom4([4]byte{127, 0, 0, 1}), netip.IPv6Loopback()
		ips := []netip.Addr{v6, v4}
		if q.Flags&aiPassive != 0 {
			ips = []netip.Addr{netip.IPv4Unspecified(), netip.IPv6Unspecified()}
		}
		return filterFamily(ips, q.Family), "", nil
	}
	canon := ""
	if ip, ok := parseNumericHost(q.Host); ok {
		if q.Flags&aiCanonname != 0 {
			canon = q.Host
		}
		switch {
		case ip.Is4() && q.Family == sockos.AF_INET6 && q.Flags&aiV4mapped != 0:
			ip = netip.AddrFrom16(ip.As16())
		case ip.Is4() && q.Family == sockos.AF_INET6, !ip.Is4() && q.Family == sockos.AF_INET:
			return nil, "", errAddrFamily
		}
		return []netip.Addr{ip}, canon, nil
	}
	if q.Flags&aiNumerichost != 0 || q.Host == "" {
		return nil, "", errNoName
	}
	if ips, name := lookupHostsFile(q.Host); len(ips) > 0 {
		if q.Flags&aiCanonname != 0 {
			canon = name
		}
		if ips = filterFamily(ips, q.Family); len(ips) > 0 {
			sortByPrecedence(ips)
			return ips, canon, nil
		}
		return nil, "", errNoName
	}
	ips, err := lookupDNS(q.Host, q.Family)
	if err != nil {
		return nil, "", err
	}
	if q.Flags&aiCanonname != 0 {
		canon = q.Host
		if cname, err := net.DefaultResolver.LookupCNAME(context.Background(), q.Host); err == nil {
			canon = strings.TrimSuffix(cname, ".")
		}
	}
	return ips, canon, nil
}

// lookupDNS asks the name servers. Go's resolver returns its results sorted
// by RFC 6724, as glibc sorts them.
func lookupDNS(host string, family int) ([]netip.Addr, error) {
	network := "ip"
	switch family {
	case sockos.AF_INET:
		network = "ip4"
	case sockos.AF_INET6:
		network = "ip6"
	}
	ips, err := net.DefaultResolver.LookupNetIP(context.Background(), network, host)
	if err != nil {
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
			return nil, errNoName
		}
		return nil, errAgain
	}
	for i, ip := range ips {
		ips[i] = ip.Unmap()
		if family == sockos.AF_INET6 && ips[i].Is4() {
			ips[i] = ip
		}
	}
	if ips = filterFamily(ips, family); len(ips) == 0 {
		return nil, errNoName
	}
	return ips, nil
}

func filterFamily(ips []netip.Addr, family int) []netip.Addr {
	var out []netip.Addr
	for _, ip := range ips {
		if family == sockos.AF_UNSPEC || (family == sockos.AF_INET) == ip.Is4() {
			out = append(out, ip)
		}
	}
	return out
}

// sortByPrecedence orders addresses from /etc/hosts by RFC 6724's default
// precedence (::1 before IPv6 before IPv4), the part of glibc's sort that
// does not depend on the machine's routes.
func sortByPrecedence(ips []netip.Addr) {
	prec := func(ip netip.Addr) int {
		switch {
		case ip == netip.IPv6Loopback():
			return 50
		case ip.Is4() || ip.Is4In6():
			return 35
		}
		return 40
	}
	sort.SliceStable(ips, func(i, j int) bool { return prec(ips[i]) > prec(ips[j]) })
}

// parseNumericHost reads an IPv4 address in any form inet_aton accepts, or
// an IPv6 address with an optional %scope (a number or an interface name).
func parseNumericHost(s string) (netip.Addr, bool) {
	if b, ok := inetAton(s); ok {
		return netip.AddrFrom4(b), true
	}
	host, zone, hasZone := strings.Cut(s, "%")
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.Is6() || ip.Zone() != "" {
		return netip.Addr{}, false
	}
	if hasZone {
		if _, ok := scopeID(zone); !ok {
			return netip.Addr{}, false
		}
		ip = ip.WithZone(zone)
	}
	return ip, true
}

// scopeID turns an IPv6 zone into an interface index.
func scopeID(zone string) (uint32, bool) {
	if n, ok := parseDecimal(zone); ok && n <= 0xffffffff {
		return uint32(n), true
	}
	ifi, err := net.InterfaceByName(zone)
	if err != nil {
		return 0, false
	}
	return uint32(ifi.Index), true
}

// inetAton is glibc's inet_aton: one to four parts, each decimal, octal
// (leading 0) or hex (0x); the last part fills the remaining bytes.
func inetAton(s string) ([4]byte, bool) {
	var out [4]byte
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return out, false
	}
	var vals []uint64
	for _, p := range parts {
		base, digits := 10, p
		switch {
		case strings.HasPrefix(p, "0x") || strings.HasPrefix(p, "0X"):
			base, digits = 16, p[2:]
			if digits == "" {
				digits = "0" // glibc's strtoul reads "0x" as 0
			}
		case len(p) > 1 && p[0] == '0':
			base, digits = 8, p[1:]
		}
		if digits == "" || strings.ContainsAny(digits[:1], "+-") {
			return out, false
		}
		v, err := strconv.ParseUint(digits, base, 32)
		if err != nil {
			return out, false
		}
		vals = append(vals, v)
	}
	last := vals[len(vals)-1]
	for i, v := range vals[:len(vals)-1] {
		if v > 255 {
			return out, false
		}
		out[i] = byte(v)
	}
	if rest := 4 - (len(vals) - 1); last >= 1<<(8*rest) {
		return out, false
	}
	for i := 3; i >= len(vals)-1; i-- {
		out[i] = byte(last)
		last >>= 8
	}
	return out, true
}

func sockaddrOf(ip netip.Addr, port int) sockos.Sockaddr {
	if ip.Is4() {
		return &sockos.SockaddrInet4{Port: port, Addr: ip.As4()}
	}
	sa := &sockos.SockaddrInet6{Port: port, Addr: ip.As16()}
	if z := ip.Zone(); z != "" {
		sa.ZoneId, _ = scopeID(z)
	}
	return sa
}
