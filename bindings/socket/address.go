package socket

// Socket addresses between Lua and the kernel, as CPython's getsockaddrarg
// and makesockaddr convert them: {host, port} for AF_INET, {host, port,
// flowinfo, scope_id} for AF_INET6, a path string for AF_UNIX. Messages are
// CPython 3.11's, with Lua's type names.

import (
	"fmt"
	"net/netip"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// toSockaddr converts a Lua address for family into a sockos.Sockaddr,
// CPython-style: AF_INET {host, port} (host "" = INADDR_ANY, "<broadcast>" =
// INADDR_BROADCAST, names resolved via /etc/hosts then DNS -> gaierror),
// AF_INET6 {host, port[, flowinfo, scope_id]}, AF_UNIX path string (leading
// "\0" = abstract). Raises TypeError/ValueError/OverflowError/gaierror naming
// the running function (interp.FuncName) with CPython's text.
//
// Name lookups release the GIL. Two limits come from x/sys/unix: its
// SockaddrInet6 has no flowinfo field, so a flowinfo is checked but not
// passed to the kernel, and it treats a Unix path starting with '@' as an
// abstract name, as "\0" is.
func toSockaddr(L *lua.LState, family int, addr lua.LValue) sockos.Sockaddr {
	switch family {
	case sockos.AF_INET, sockos.AF_INET6:
		return inetSockaddr(L, family, addr)
	case sockos.AF_UNIX:
		path, ok := addr.(lua.LString)
		if !ok {
			interp.Raise(L, interp.TypeError, "a bytes-like object is required, not '%s'", interp.TypeName(addr))
		}
		// sizeof(sun_path) is 108; x/sys needs room for a final NUL.
		if len(path) >= 108 {
			interp.Raise(L, interp.OSError, "AF_UNIX path too long")
		}
		return &sockos.SockaddrUnix{Name: string(path)}
	}
	interp.Raise(L, interp.OSError, "%s(): bad family", interp.FuncName(L)) // Raise names only argument errors
	return nil
}

func inetSockaddr(L *lua.LState, family int, addr lua.LValue) sockos.Sockaddr {
	name := "AF_INET"
	if family == sockos.AF_INET6 {
		name = "AF_INET6"
	}
	t, ok := addr.(*lua.LTable)
	if !ok {
		interp.Raise(L, interp.TypeError, "%s address must be tuple, not %s", name, interp.TypeName(addr))
	}
	n := t.Len()
	if family == sockos.AF_INET && n != 2 {
		interp.Raise(L, interp.TypeError, "AF_INET address must be a pair (host, port)")
	}
	if family == sockos.AF_INET6 && (n < 2 || n > 4) {
		interp.Raise(L, interp.TypeError, "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])")
	}
	host, ok := t.RawGetInt(1).(lua.LString)
	if !ok {
		interp.Raise(L, interp.TypeError, "str, bytes or bytearray expected, not %s", interp.TypeName(t.RawGetInt(1)))
	}
	port := addrInt(L, t.RawGetInt(2))
	if port < 0 || port > 65535 {
		interp.Raise(L, interp.OverflowError, "port must be 0-65535.")
	}
	ip := resolveHost(L, string(host), family)
	if family == sockos.AF_INET {
		return &sockos.SockaddrInet4{Port: int(port), Addr: ip.As4()}
	}
	scope := scopeArg(L, t, n)
	sa := &sockos.SockaddrInet6{Port: int(port), Addr: ip.As16()}
	// CPython reads scope_id with the "I" format: it wraps, unchecked.
	sa.ZoneId = uint32(scope)
	if n < 4 && ip.Zone() != "" {
		sa.ZoneId, _ = scopeID(ip.Zone())
	}
	return sa
}

// scopeArg reads the flowinfo and scope_id of an AF_INET6 address tuple t
// of n fields and returns the scope_id; the flowinfo is checked as CPython
// does, but not used (see toSockaddr).
func scopeArg(L *lua.LState, t *lua.LTable, n int) int64 {
	var flowinfo, scope int64
	if n >= 3 {
		flowinfo = addrInt(L, t.RawGetInt(3))
	}
	if n >= 4 {
		scope = addrInt(L, t.RawGetInt(4))
	}
	if flowinfo < 0 || flowinfo > 0xfffff {
		interp.Raise(L, interp.OverflowError, "flowinfo must be 0-1048575.")
	}
	return scope
}

// addrInt reads an integer field of an address tuple, with CPython's
// message for anything else.
func addrInt(L *lua.LState, v lua.LValue) int64 {
	n, msg := interp.ToInt(v)
	if msg == "must be int, not float" {
		interp.Raise(L, interp.TypeError, "'float' object cannot be interpreted as an integer")
	}
	if msg != "" {
		if _, isNum := v.(lua.LNumber); isNum {
			// Beyond 64 bits: CPython's range check reports it.
			return -1
		}
		interp.Raise(L, interp.TypeError, "'%s' object cannot be interpreted as an integer", interp.TypeName(v))
	}
	return n
}

// resolveHost is CPython's setipaddr (see hostAddr), with the GIL
// released during the lookup; it raises gaierror or OSError on failure.
func resolveHost(L *lua.LState, host string, family int) netip.Addr {
	if strings.IndexByte(host, 0) >= 0 {
		interp.Raise(L, interp.TypeError, "host name must not contain null character")
	}
	var ip netip.Addr
	var err error
	interp.Unlocked(L, func() { ip, err = hostAddr(host, family) })
	if err != nil {
		raiseLookupError(L, err)
	}
	return ip
}

// An osMessage is a failure Python reports as a plain OSError("text").
type osMessage string

func (m osMessage) Error() string { return string(m) }

// hostAddr is CPython's setipaddr: "" is the wildcard, "<broadcast>" the
// broadcast address, anything else goes through getaddrinfo for family and
// the first answer wins.
func hostAddr(host string, family int) (netip.Addr, error) {
	q := gaiQuery{Host: host, HasHost: true, Family: family, Socktype: sockos.SOCK_DGRAM}
	switch host {
	case "":
		q = gaiQuery{Service: "0", HasService: true, Family: family, Socktype: sockos.SOCK_DGRAM, Flags: aiPassive}
	case "<broadcast>", "255.255.255.255":
		if family != sockos.AF_INET && family != sockos.AF_UNSPEC {
			return netip.Addr{}, osMessage("address family mismatched")
		}
		return netip.AddrFrom4([4]byte{255, 255, 255, 255}), nil
	}
	infos, err := q.resolve()
	if err != nil {
		return netip.Addr{}, err
	}
	if host == "" && len(infos) > 1 {
		return netip.Addr{}, osMessage("wildcard resolved to multiple address")
	}
	return addrOf(infos[0].Addr), nil
}

// addrOf returns the IP of an inet sockaddr, with its zone for IPv6.
func addrOf(sa sockos.Sockaddr) netip.Addr {
	switch sa := sa.(type) {
	case *sockos.SockaddrInet4:
		return netip.AddrFrom4(sa.Addr)
	case *sockos.SockaddrInet6:
		ip := netip.AddrFrom16(sa.Addr)
		if sa.ZoneId != 0 {
			ip = ip.WithZone(fmt.Sprint(sa.ZoneId))
		}
		return ip
	}
	return netip.Addr{}
}

// fromSockaddr returns what Python returns for an address: a tuple
// (host, port) or (host, port, flowinfo, scope_id), or a path string
// (abstract names with their leading "\0"). Unknown families give nil.
func fromSockaddr(L *lua.LState, sa sockos.Sockaddr) lua.LValue {
	switch sa := sa.(type) {
	case *sockos.SockaddrInet4:
		return interp.NewTuple(L, lua.LString(ntop4(sa.Addr)), lua.LNumber(sa.Port))
	case *sockos.SockaddrInet6:
		// x/sys drops flowinfo when it decodes an address; it is 0 unless
		// the socket asked for flow labels.
		return interp.NewTuple(L, lua.LString(ntop6(sa.Addr)), lua.LNumber(sa.Port),
			lua.LNumber(0), lua.LNumber(sa.ZoneId))
	case *sockos.SockaddrUnix:
		name := sa.Name
		// x/sys shows an abstract name's leading NUL as '@'.
		if strings.HasPrefix(name, "@") {
			name = "\x00" + name[1:]
		}
		return lua.LString(name)
	}
	return lua.LNil
}

// raiseLookupError raises a name-resolution failure from lookupAddrs as
// socket.gaierror ("[Errno -2] Name or service not known"), one from the
// gethostbyname family as socket.herror, others as OSError.
func raiseLookupError(L *lua.LState, err error) {
	switch e := err.(type) {
	case *gaiError:
		interp.RaiseValue(L, interp.NewErrnoException(L, GaiError, e.Code, e.Text))
	case hError:
		interp.RaiseValue(L, interp.NewErrnoException(L, HError, int(e), e.Error()))
	case osMessage:
		interp.Raise(L, interp.OSError, "%s", string(e))
	}
	interp.RaiseOSError(L, err)
}

func ntop4(b [4]byte) string {
	return fmt.Sprintf("%d.%d.%d.%d", b[0], b[1], b[2], b[3])
}

// ntop6 is glibc's inet_ntop for IPv6: the longest run of two or more zero
// groups becomes "::", and IPv4-mapped and IPv4-compatible addresses end in
// dotted decimal ("::ffff:1.2.3.4", "::1.2.3.4").
func ntop6(b [16]byte) string {
	var w [8]int
	for i := range w {
		w[i] = int(b[2*i])<<8 | int(b[2*i+1])
	}
	best, bestLen := -1, 0
	for i := 0; i < 8; {
		if w[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && w[j] == 0 {
			j++
		}
		if j-i > bestLen && j-i >= 2 {
			best, bestLen = i, j-i
		}
		i = j
	}
	var s strings.Builder
	for i := 0; i < 8; i++ {
		if i == best {
			s.WriteString("::")
			i += bestLen - 1
			continue
		}
		if i > 0 && i != best+bestLen {
			s.WriteByte(':')
		}
		if i == 6 && best == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff)) {
			s.WriteString(ntop4([4]byte{b[12], b[13], b[14], b[15]}))
			break
		}
		fmt.Fprintf(&s, "%x", w[i])
	}
	return s.String()
}
