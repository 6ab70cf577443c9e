package socket

// Conversions between address text, packed bytes and byte orders:
// inet_aton/ntoa/pton/ntop and htonl/htons/ntohl/ntohs,
// with CPython 3.11's checks and messages.

import (
	"math"
	"net/netip"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

func inetAtonFunc(L *lua.LState) int {
	var s string
	interp.UnpackArgs(L, 1, "ip_string", &s)
	// C's inet_aton stops at the first white space and ignores the rest.
	if i := strings.IndexAny(s, " \t\n\v\f\r"); i >= 0 {
		s = s[:i]
	}
	b, ok := inetAton(s)
	if !ok {
		interp.Raise(L, interp.OSError, "illegal IP address string passed to %s", interp.FuncName(L))
	}
	L.Push(lua.LString(b[:]))
	return 1
}

func inetNtoa(L *lua.LState) int {
	var packed string
	interp.UnpackArgs(L, 1, "packed_ip", &packed)
	if len(packed) != 4 {
		interp.Raise(L, interp.OSError, "packed IP wrong length for %s", interp.FuncName(L))
	}
	L.Push(lua.LString(ntop4([4]byte([]byte(packed)))))
	return 1
}

func inetPton(L *lua.LState) int {
	var family int
	var s string
	interp.UnpackArgs(L, 1, "address_family", &family, "ip_string", &s)
	if family != sockos.AF_INET && family != sockos.AF_INET6 {
		interp.RaiseErrno(L, sockos.EAFNOSUPPORT)
	}
	// netip's parser is as strict as glibc's inet_pton (no leading zeros,
	// exactly four IPv4 parts), except that it takes a %zone: refuse it.
	ip, err := netip.ParseAddr(s)
	if err != nil || ip.Zone() != "" || strings.Contains(s, "%") || ip.Is4() != (family == sockos.AF_INET) {
		interp.Raise(L, interp.OSError, "illegal IP address string passed to %s", interp.FuncName(L))
	}
	if family == sockos.AF_INET {
		b := ip.As4()
		L.Push(lua.LString(b[:]))
	} else {
		b := ip.As16()
		L.Push(lua.LString(b[:]))
	}
	return 1
}

func inetNtop(L *lua.LState) int {
	var family int
	var packed string
	interp.UnpackArgs(L, 1, "address_family", &family, "packed_ip", &packed)
	switch family {
	case sockos.AF_INET:
		if len(packed) != 4 {
			interp.Raise(L, interp.ValueError, "invalid length of packed IP address string")
		}
		L.Push(lua.LString(ntop4([4]byte([]byte(packed)))))
	case sockos.AF_INET6:
		if len(packed) != 16 {
			interp.Raise(L, interp.ValueError, "invalid length of packed IP address string")
		}
		L.Push(lua.LString(ntop6([16]byte([]byte(packed)))))
	default:
		interp.Raise(L, interp.ValueError, "unknown address family %d", family)
	}
	return 1
}

// htonl is htonl and ntohl (the same swap), with CPython's checks: it
// reads its argument as a C unsigned long, then refuses more than 32 bits.
func htonl(L *lua.LState) int {
	v, f, ok := numberArg(L)
	switch {
	case !ok:
		interp.Raise(L, interp.TypeError, "expected int, %s found", interp.TypeName(v))
	case f != math.Trunc(f) || math.IsInf(f, 0):
		interp.Raise(L, interp.TypeError, "expected int, float found")
	case f < 0:
		interp.Raise(L, interp.OverflowError, "can't convert negative value to unsigned int")
	case f >= 1<<64:
		interp.Raise(L, interp.OverflowError, "Python int too large to convert to C unsigned long")
	case f >= 1<<32:
		interp.Raise(L, interp.OverflowError, "int larger than 32 bits")
	}
	x := uint32(f)
	L.Push(lua.LNumber(x>>24 | x>>8&0xff00 | x<<8&0xff0000 | x<<24))
	return 1
}

// numberArg reads the one argument x of htonl and htons, which check its
// type themselves with CPython's messages: ok says whether it is a number f.
func numberArg(L *lua.LState) (x lua.LValue, f float64, ok bool) {
	interp.UnpackArgs(L, 1, "x", &x)
	n, ok := interp.BoolAsInt(x).(lua.LNumber) // true and false are ints, as in Python
	return x, float64(n), ok
}

// htons is htons and ntohs, with CPython's checks: a C int first, then
// 16 bits.
func htons(L *lua.LState) int {
	v, f, ok := numberArg(L)
	switch {
	case !ok:
		interp.Raise(L, interp.TypeError, "'%s' object cannot be interpreted as an integer", interp.TypeName(v))
	case f != math.Trunc(f) || math.IsInf(f, 0):
		interp.Raise(L, interp.TypeError, "'float' object cannot be interpreted as an integer")
	case f >= 1<<63 || f < -(1<<63):
		interp.Raise(L, interp.OverflowError, "Python int too large to convert to C long")
	case f > math.MaxInt32:
		interp.Raise(L, interp.OverflowError, "signed integer is greater than maximum")
	case f < math.MinInt32:
		interp.Raise(L, interp.OverflowError, "signed integer is less than minimum")
	case f < 0:
		interp.Raise(L, interp.OverflowError, "%s: can't convert negative Python int to C 16-bit unsigned integer", interp.FuncName(L))
	case f > 0xffff:
		interp.Raise(L, interp.OverflowError, "%s: Python int too large to convert to C 16-bit unsigned integer", interp.FuncName(L))
	}
	x := uint16(f)
	L.Push(lua.LNumber(x>>8 | x<<8))
	return 1
}
