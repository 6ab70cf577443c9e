package socket

import (
	"encoding/binary"
	"math"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// Socket options and timeouts.

func sockSetOpt(L *lua.LState) int {
	s := interp.Self[*sock](L)
	var level, opt int
	var value lua.LValue = lua.LNil
	optlen := -1
	interp.UnpackArgs(L, 2, "level", &level, "option", &opt, "value", &value, "optlen?", &optlen)
	if level != int(int32(level)) || opt != int(int32(opt)) {
		interp.Raise(L, interp.OverflowError, "level or option is out of range")
	}
	var raw []byte
	switch v := interp.BoolAsInt(value).(type) {
	case lua.LNumber:
		n, msg := interp.ToInt(v)
		if msg != "" { // a float: CPython then tries the bytes form
			interp.Raise(L, interp.TypeError, "a bytes-like object is required, not 'float'")
		}
		if n != int64(int32(n)) && n != int64(uint32(n)) {
			interp.Raise(L, interp.TypeError, "%s(): value must be an int that fits in 32 bits or a bytes string, not %s", interp.FuncName(L), interp.Repr(v))
		}
		raw = binary.NativeEndian.AppendUint32(nil, uint32(n))
	case lua.LString:
		raw = []byte(v)
	case *lua.LNilType:
		if optlen < 0 || optlen > math.MaxInt32 {
			interp.Raise(L, interp.TypeError, "a nil value needs optlen (0 or more)")
		}
		raw = make([]byte, optlen)
	default:
		interp.Raise(L, interp.TypeError, "%s() argument 'value' must be int or string, not %s", interp.FuncName(L), interp.TypeName(v))
	}
	s.control(L, func(fd int) error { return sockos.SetsockoptBytes(fd, level, opt, raw) })
	return 0
}

func sockGetOpt(L *lua.LState) int {
	s := interp.Self[*sock](L)
	var level, opt, buflen int
	interp.UnpackArgs(L, 2, "level", &level, "option", &opt, "buflen?", &buflen)
	if level != int(int32(level)) || opt != int(int32(opt)) {
		interp.Raise(L, interp.OverflowError, "level or option is out of range")
	}
	if buflen == 0 {
		var n int
		s.control(L, func(fd int) (err error) {
			n, err = sockos.GetsockoptInt(fd, level, opt)
			return err
		})
		L.Push(lua.LNumber(n))
		return 1
	}
	if buflen < 0 || buflen > 1024 {
		// CPython's text, which raises it as a bare OSError.
		interp.Raise(L, interp.OSError, "%s buflen out of range", interp.FuncName(L))
	}
	buf := make([]byte, buflen)
	s.control(L, func(fd int) (err error) {
		buf, err = sockos.GetsockoptBytes(fd, level, opt, buf)
		return err
	})
	L.Push(lua.LString(buf))
	return 1
}

// timeoutArg reads the timeout argument of settimeout (first is 2, after
// the socket) or setdefaulttimeout (1).
func timeoutArg(L *lua.LState, first int) float64 {
	var v lua.LValue = lua.LNil
	interp.UnpackArgs(L, first, "value", &v)
	return timeoutOf(L, v)
}

// timeoutOf converts a timeout as CPython does: nil for none (stored as -1),
// otherwise a number of seconds, not negative.
func timeoutOf(L *lua.LState, v lua.LValue) float64 {
	switch v := interp.BoolAsInt(v).(type) {
	case *lua.LNilType:
		return -1
	case lua.LNumber:
		if f := float64(v); f >= 0 {
			return f
		} else if f != f {
			interp.Raise(L, interp.ValueError, "Invalid value NaN (not a number)")
		}
		interp.Raise(L, interp.ValueError, "Timeout value out of range")
	}
	interp.Raise(L, interp.TypeError, "timeout must be a number or nil, not %s", interp.TypeName(v))
	return 0
}

// timeoutValue is gettimeout's answer for a stored timeout.
func timeoutValue(t float64) lua.LValue {
	if t < 0 {
		return lua.LNil
	}
	return lua.LNumber(t)
}

func sockSetTimeout(L *lua.LState) int {
	s := interp.Self[*sock](L)
	s.timeout = timeoutArg(L, 2)
	return 0
}

func sockGetTimeout(L *lua.LState) int {
	s := interp.Self[*sock](L)
	interp.UnpackArgs(L, 2)
	L.Push(timeoutValue(s.timeout))
	return 1
}

func sockSetBlocking(L *lua.LState) int {
	s := interp.Self[*sock](L)
	var flag bool
	interp.UnpackArgs(L, 2, "flag", &flag)
	if flag {
		s.timeout = -1
	} else {
		s.timeout = 0
	}
	return 0
}

func sockGetBlocking(L *lua.LState) int {
	s := interp.Self[*sock](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LBool(s.timeout != 0))
	return 1
}

// The default timeout belongs to the runtime (each test has its own), so
// it lives in the registry.
const defaultTimeoutKey = "socket.defaulttimeout"

func defaultTimeout(L *lua.LState) float64 {
	if n, ok := L.G.Registry.RawGetString(defaultTimeoutKey).(lua.LNumber); ok {
		return float64(n)
	}
	return -1
}

func getDefaultTimeout(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	L.Push(timeoutValue(defaultTimeout(L)))
	return 1
}

func setDefaultTimeout(L *lua.LState) int {
	L.G.Registry.RawSetString(defaultTimeoutKey, timeoutValue(timeoutArg(L, 1)))
	return 0
}
