package socket

// getnameinfo and the /etc/services and /etc/protocols lookups.

import (
	"context"
	"net"
	"strconv"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// getnameinfo follows CPython: the sockaddr's host must be numeric (it is
// put through getaddrinfo with AI_NUMERICHOST), then glibc's getnameinfo
// names the address from /etc/hosts or reverse DNS and the port from
// /etc/services. NI_NOFQDN changes nothing: glibc strips only the local
// domain, and this machine's host name has none.
func getnameinfo(L *lua.LState) int {
	var sa *lua.LTable
	var flags int
	interp.UnpackArgs(L, 1, "sockaddr", &sa, "flags", &flags)
	n := sa.Len()
	host, ok := sa.RawGetInt(1).(lua.LString)
	if !ok || n < 2 || n > 4 {
		interp.Raise(L, interp.TypeError, "illegal sockaddr argument")
	}
	port := addrInt(L, sa.RawGetInt(2))
	scope := scopeArg(L, sa, n)
	q := gaiQuery{Host: string(host), HasHost: true, Service: strconv.FormatInt(port, 10), HasService: true,
		Socktype: sockos.SOCK_DGRAM, Flags: aiNumerichost}
	var infos []addrInfo
	var err error
	interp.Unlocked(L, func() { infos, err = q.resolve() })
	if err != nil {
		raiseLookupError(L, err)
	}
	if len(infos) > 1 {
		interp.Raise(L, interp.OSError, "sockaddr resolved to multiple addresses")
	}
	ai := infos[0]
	if six, ok := ai.Addr.(*sockos.SockaddrInet6); ok && n >= 4 {
		six.ZoneId = uint32(scope)
	} else if !ok && n != 2 {
		interp.Raise(L, interp.OSError, "IPv4 sockaddr must be 2 tuple")
	}
	var name, serv string
	interp.Unlocked(L, func() { name, serv, err = nameInfo(ai.Addr, flags) })
	if err != nil {
		raiseLookupError(L, err)
	}
	L.Push(interp.NewTuple(L, lua.LString(name), lua.LString(serv)))
	return 1
}

// nameInfo is glibc's getnameinfo for an inet address.
func nameInfo(sa sockos.Sockaddr, flags int) (host, serv string, err error) {
	if flags&^niKnownFlags != 0 {
		return "", "", errBadFlags
	}
	ip := addrOf(sa)
	numeric := ipString(ip)
	if six, ok := sa.(*sockos.SockaddrInet6); ok && six.ZoneId != 0 {
		zone := strconv.FormatUint(uint64(six.ZoneId), 10)
		if ifi, err := net.InterfaceByIndex(int(six.ZoneId)); err == nil {
			zone = ifi.Name
		}
		numeric += "%" + zone
	}
	host = numeric
	if flags&niNumerichost == 0 {
		if e, ok := hostsEntryByAddr(ip.WithZone("")); ok {
			host = e.Name
		} else if names, err := net.DefaultResolver.LookupAddr(context.Background(), ip.WithZone("").String()); err == nil && len(names) > 0 {
			host = trimDot(names[0])
		} else if flags&niNamereqd != 0 {
			if dnsErr, ok := err.(*net.DNSError); ok && !dnsErr.IsNotFound {
				return "", "", errAgain
			}
			return "", "", errNoName
		}
	}
	port := 0
	switch sa := sa.(type) {
	case *sockos.SockaddrInet4:
		port = sa.Port
	case *sockos.SockaddrInet6:
		port = sa.Port
	}
	serv = strconv.Itoa(port)
	if flags&niNumericserv == 0 {
		proto := "tcp"
		if flags&niDgram != 0 {
			proto = "udp"
		}
		if name, ok := lookupServicePort(port, proto); ok {
			serv = name
		}
	}
	return host, serv, nil
}

func trimDot(name string) string {
	if len(name) > 1 && name[len(name)-1] == '.' {
		return name[:len(name)-1]
	}
	return name
}

func getservbyname(L *lua.LState) int {
	var name, proto string
	interp.UnpackArgs(L, 1, "servicename", &name, "protocolname?", &proto)
	port, ok := lookupService(name, proto)
	if !ok {
		interp.Raise(L, interp.OSError, "service/proto not found")
	}
	L.Push(lua.LNumber(port))
	return 1
}

func getservbyport(L *lua.LState) int {
	var port int64
	var proto string
	interp.UnpackArgs(L, 1, "port", &port, "protocolname?", &proto)
	if port < 0 || port > 65535 {
		interp.Raise(L, interp.OverflowError, "%s: port must be 0-65535.", interp.FuncName(L))
	}
	name, ok := lookupServicePort(int(port), proto)
	if !ok {
		interp.Raise(L, interp.OSError, "port/proto not found")
	}
	L.Push(lua.LString(name))
	return 1
}

func getprotobyname(L *lua.LState) int {
	var name string
	interp.UnpackArgs(L, 1, "protocolname", &name)
	num, ok := lookupProtocol(name)
	if !ok {
		interp.Raise(L, interp.OSError, "protocol not found")
	}
	L.Push(lua.LNumber(num))
	return 1
}
