package interp

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// stringFormat is string.format as Lua 5.1 defines it (a C printf per
// conversion), with one change from Lua 5.2: %s converts with tostring, so
// __tostring counts. An address formats as ('127.0.0.1', 9999), an exception
// as its message and a socket as <socket.socket ...>, the way Python's %s
// shows them; gopher-lua's own string.format hands each value to Go's
// fmt.Sprintf, which printed "table: 0x2ee421062420" for every one of them
// (and Go's %g and %x, which are not C's).
func stringFormat(L *lua.LState) int {
	format := L.CheckString(1)
	var out strings.Builder
	arg := 1
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			out.WriteByte(c)
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			out.WriteByte('%')
			continue
		}
		// A spec is flags, a width and a precision of at most two digits
		// each, then the conversion: Lua 5.1's limits.
		start := i
		for i < len(format) && strings.IndexByte("-+ #0", format[i]) >= 0 {
			i++
		}
		if i-start > 5 {
			L.RaiseError("invalid format (repeated flags)")
		}
		flags := format[start:i]
		var width int
		width, i = digits(L, format, i)
		precision := -1
		if i < len(format) && format[i] == '.' {
			precision, i = digits(L, format, i+1)
			if precision < 0 {
				precision = 0
			}
		}
		if i >= len(format) {
			L.RaiseError("invalid option '%%' to 'format'")
		}
		arg++
		conv := format[i]
		spec := "%" + flags
		if width >= 0 {
			spec += strconv.Itoa(width)
		}
		switch conv {
		case 'd', 'i':
			n := formatNumberArg(L, arg)
			p := spec
			if precision >= 0 {
				p += "." + strconv.Itoa(precision)
			}
			out.WriteString(fmt.Sprintf(p+"d", int64(n)))
		case 'o', 'u', 'x', 'X':
			n := formatNumberArg(L, arg)
			p := spec
			if precision >= 0 {
				p += "." + strconv.Itoa(precision)
			}
			verb := string(conv)
			if conv == 'u' {
				verb = "d"
			}
			// C prints a negative number as its two's complement here.
			out.WriteString(fmt.Sprintf(p+verb, uint64(int64(n))))
		case 'e', 'E', 'f', 'g', 'G':
			n := formatNumberArg(L, arg)
			if precision < 0 {
				precision = 6 // C's default; Go's %g would print every digit
			}
			out.WriteString(formatFloat(spec+"."+strconv.Itoa(precision)+string(conv), n))
		case 'c':
			n := formatNumberArg(L, arg)
			out.WriteString(pad(string([]byte{byte(int64(n))}), flags, width))
		case 'q':
			out.WriteString(quoteLua(L.CheckString(arg)))
		case 's':
			if arg > L.GetTop() {
				L.RaiseError("bad argument #%d to 'format' (no value)", arg)
			}
			s := L.ToStringMeta(L.Get(arg)).String()
			if precision >= 0 && precision < len(s) {
				s = s[:precision]
			}
			out.WriteString(pad(s, flags, width))
		default:
			L.RaiseError("invalid option '%%%c' to 'format'", conv)
		}
	}
	L.Push(lua.LString(out.String()))
	return 1
}

// digits reads a width or precision of at most two digits at format[i:];
// -1 when there are none.
func digits(L *lua.LState, format string, i int) (int, int) {
	n, start := -1, i
	for i < len(format) && format[i] >= '0' && format[i] <= '9' {
		if i-start == 2 {
			L.RaiseError("invalid format (width or precision too long)")
		}
		if n < 0 {
			n = 0
		}
		n = n*10 + int(format[i]-'0')
		i++
	}
	return n, i
}

// formatNumberArg is argument n as a number; a numeric string converts, as
// in Lua 5.1.
func formatNumberArg(L *lua.LState, n int) float64 {
	switch v := L.Get(n).(type) {
	case lua.LNumber:
		return float64(v)
	case lua.LString:
		if f, err := strconv.ParseFloat(strings.TrimSpace(string(v)), 64); err == nil {
			return f
		}
	}
	if n > L.GetTop() {
		L.RaiseError("bad argument #%d to 'format' (no value)", n)
	}
	L.RaiseError("bad argument #%d to 'format' (number expected, got %s)", n, L.Get(n).Type().String())
	return 0
}

// formatFloat is C's printf of one float: Go's verbs agree for finite
// numbers, C spells the others inf and nan.
func formatFloat(spec string, f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		s := "inf"
		switch {
		case math.IsNaN(f):
			s = "nan"
		case f < 0:
			s = "-inf"
		}
		if spec[len(spec)-1] <= 'Z' {
			s = strings.ToUpper(s)
		}
		w := strings.TrimLeft(spec[1:strings.IndexByte(spec, '.')], "-+ #0")
		width, _ := strconv.Atoi(w)
		return pad(s, spec[1:], width)
	}
	return fmt.Sprintf(spec, f)
}

// pad pads s with spaces to width bytes (C counts bytes, Go's fmt runes),
// on the right with the '-' flag.
func pad(s, flags string, width int) string {
	if len(s) >= width {
		return s
	}
	fill := strings.Repeat(" ", width-len(s))
	if strings.Contains(flags, "-") {
		return s + fill
	}
	return fill + s
}

// quoteLua is Lua 5.1's %q: a double-quoted string that reads back as s.
func quoteLua(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString("\\\n")
		case '\r':
			b.WriteString("\\r")
		case 0:
			b.WriteString("\\000")
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
