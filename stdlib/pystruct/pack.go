package pystruct

import (
	"fmt"
	"math"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// maxExact is the largest integer below which every integer is a distinct
// Lua number (a float64): beyond it Lua may already have rounded the value,
// so packing or unpacking 64-bit values there raises instead of silently
// changing them.
const maxExact = 1<<53 - 1

// A packError is what pack and unpack report: CPython's class and text.
type packError struct {
	cls *interp.Class
	msg string
}

func structErr(format string, args ...any) *packError {
	return &packError{Error, fmt.Sprintf(format, args...)}
}

// smallNames are the C type names CPython's messages use for 1- and 2-byte codes.
var smallNames = map[byte]string{'b': "byte", 'B': "ubyte", 'h': "short", 'H': "ushort"}

// intRange is CPython's wording when an integer does not fit its code. Codes
// whose range CPython checks through the C conversion say only "argument out
// of range" (negative values for unsigned codes, and all 8-byte codes).
func intRange(c byte, size int, v float64) *packError {
	signed := c == 'b' || c == 'h' || c == 'i' || c == 'l' || c == 'q' || c == 'n'
	bits := uint(size * 8)
	lo, hi := int64(0), uint64(1)<<bits-1
	if signed {
		lo, hi = -int64(1)<<(bits-1), uint64(1)<<(bits-1)-1
	}
	if n, ok := smallNames[c]; ok {
		return structErr("%s format requires %d <= number <= %d", n, lo, hi)
	}
	if size == 8 || (!signed && v < 0) {
		return structErr("argument out of range")
	}
	return structErr("'%c' format requires %d <= number <= %d", c, lo, hi)
}

// toInteger is the integer a Lua value stands for: an integral number, or a
// boolean (Python's True is 1).
func toInteger(v lua.LValue) (float64, bool) {
	switch v := v.(type) {
	case lua.LNumber:
		f := float64(v)
		return f, f == math.Trunc(f) && !math.IsInf(f, 0)
	case lua.LBool:
		if v {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func toFloat(v lua.LValue) (float64, bool) {
	n, ok := interp.BoolAsInt(v).(lua.LNumber) // Python's bool is an int
	return float64(n), ok
}

// truthy is Python's truth for the values Lua shares with it: nil, false, 0
// and the empty string are false, so struct.pack('?', 0) packs 0 as in Python.
func truthy(v lua.LValue) bool {
	switch v := v.(type) {
	case *lua.LNilType:
		return false
	case lua.LBool:
		return bool(v)
	case lua.LNumber:
		return v != 0
	case lua.LString:
		return v != ""
	}
	return true
}

// pack writes vals into buf (f.size bytes, zeroed) following f.
func (f *format) pack(buf []byte, vals []lua.LValue, fname string) *packError {
	if len(vals) != f.nitems {
		return structErr("%s expected %d items for packing (got %d)", fname, f.nitems, len(vals))
	}
	i := 0
	for _, c := range f.codes {
		for r := 0; r < c.repeat; r++ {
			if err := f.packOne(buf[c.offset+r*c.size:], c, vals[i]); err != nil {
				return err
			}
			i++
		}
	}
	return nil
}

func (f *format) packOne(buf []byte, c code, v lua.LValue) *packError {
	switch c.c {
	case 'c':
		s, ok := v.(lua.LString)
		if !ok || len(s) != 1 {
			return structErr("char format requires a bytes object of length 1")
		}
		buf[0] = s[0]
	case 's', 'p':
		s, ok := v.(lua.LString)
		if !ok {
			return structErr("argument for '%c' must be a bytes object", c.c)
		}
		if c.c == 's' {
			copy(buf[:c.size], s)
		} else if c.size > 0 {
			n := copy(buf[1:c.size], s)
			buf[0] = byte(min(n, 255))
		}
	case '?':
		if truthy(v) {
			buf[0] = 1
		}
	case 'e', 'f', 'd':
		x, ok := toFloat(v)
		if !ok {
			return structErr("required argument is not a float")
		}
		switch c.c {
		case 'e':
			h, ok := float16(x)
			if !ok {
				return &packError{interp.OverflowError, "float too large to pack with e format"}
			}
			f.order.PutUint16(buf, h)
		case 'f':
			y := float32(x)
			// Native 'f' is a C cast, which overflows to inf without complaint.
			if !f.native && math.IsInf(float64(y), 0) && !math.IsInf(x, 0) {
				return &packError{interp.OverflowError, "float too large to pack with f format"}
			}
			f.order.PutUint32(buf, math.Float32bits(y))
		default:
			f.order.PutUint64(buf, math.Float64bits(x))
		}
	default:
		return f.packInt(buf, c, v)
	}
	return nil
}

func (f *format) packInt(buf []byte, c code, v lua.LValue) *packError {
	x, ok := toInteger(v)
	if !ok {
		return structErr("required argument is not an integer")
	}
	var u uint64
	switch {
	case c.c == 'P':
		// A pointer takes any value a signed or an unsigned word holds.
		if x < -(1<<63) || x >= 1<<64 {
			return structErr("int too large to convert")
		}
		u = uint64(int64(x))
		if x >= 1<<63 {
			u = uint64(x)
		}
	case c.c == 'b' || c.c == 'h' || c.c == 'i' || c.c == 'l' || c.c == 'q' || c.c == 'n':
		bits := uint(c.size * 8)
		if x < -math.Ldexp(1, int(bits-1)) || x >= math.Ldexp(1, int(bits-1)) {
			return intRange(c.c, c.size, x)
		}
		u = uint64(int64(x))
	default:
		if x < 0 || x >= math.Ldexp(1, c.size*8) {
			return intRange(c.c, c.size, x)
		}
		u = uint64(x)
	}
	if c.size == 8 && math.Abs(x) > maxExact {
		return &packError{interp.OverflowError, fmt.Sprintf(
			"%.0f is beyond 2^53-1, so the Lua number may already be rounded: pack 64-bit values as two 'I' halves",
			x)}
	}
	switch c.size {
	case 1:
		buf[0] = byte(u)
	case 2:
		f.order.PutUint16(buf, uint16(u))
	case 4:
		f.order.PutUint32(buf, uint32(u))
	default:
		f.order.PutUint64(buf, u)
	}
	return nil
}

// unpack reads f.size bytes of buf into Lua values. tick, if not nil, is
// called every 64 Ki values (interp.Checkpoint, so Ctrl-C stops a long one).
func (f *format) unpack(buf []byte, tick func()) ([]lua.LValue, *packError) {
	vals := make([]lua.LValue, 0, f.nitems)
	for _, c := range f.codes {
		for r := 0; r < c.repeat; r++ {
			if tick != nil && len(vals)&0xffff == 0xffff {
				tick()
			}
			b := buf[c.offset+r*c.size:]
			switch c.c {
			case 'c':
				vals = append(vals, lua.LString(b[:1]))
			case 's':
				vals = append(vals, lua.LString(b[:c.size]))
			case 'p':
				n := 0
				if c.size > 0 {
					n = min(int(b[0]), c.size-1)
					b = b[1:]
				}
				vals = append(vals, lua.LString(b[:n]))
			case '?':
				vals = append(vals, lua.LBool(b[0] != 0))
			case 'e':
				vals = append(vals, lua.LNumber(unfloat16(f.order.Uint16(b))))
			case 'f':
				vals = append(vals, lua.LNumber(math.Float32frombits(f.order.Uint32(b))))
			case 'd':
				vals = append(vals, lua.LNumber(math.Float64frombits(f.order.Uint64(b))))
			default:
				x, err := f.unpackInt(b, c)
				if err != nil {
					return nil, err
				}
				vals = append(vals, lua.LNumber(x))
			}
		}
	}
	return vals, nil
}

func (f *format) unpackInt(b []byte, c code) (float64, *packError) {
	var u uint64
	switch c.size {
	case 1:
		u = uint64(b[0])
	case 2:
		u = uint64(f.order.Uint16(b))
	case 4:
		u = uint64(f.order.Uint32(b))
	default:
		u = f.order.Uint64(b)
	}
	signed := c.c == 'b' || c.c == 'h' || c.c == 'i' || c.c == 'l' || c.c == 'q' || c.c == 'n'
	if signed {
		shift := 64 - uint(c.size*8)
		n := int64(u<<shift) >> shift // sign-extend
		if n > maxExact || n < -maxExact {
			return 0, tooBig(c.c, fmt.Sprint(n))
		}
		return float64(n), nil
	}
	if u > maxExact {
		return 0, tooBig(c.c, fmt.Sprint(u))
	}
	return float64(u), nil
}

func tooBig(c byte, v string) *packError {
	return &packError{interp.OverflowError, fmt.Sprintf(
		"unpacked '%c' value %s is beyond 2^53-1, which a Lua number cannot hold exactly: unpack it as two 'I' halves", c, v)}
}
