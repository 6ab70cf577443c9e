package luasocket

import (
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// The low-level MIME filters of LuaSocket's mime module (its C part,
// mime.core), in Go: each takes the chunk it is given plus state carried
// from the previous call and returns its output and the new state, so that
// mime.lua can make ltn12 filters of them with ltn12.filter.cycle.
// A nil chunk means the end of the data: the filter flushes what it kept.

const (
	crlf        = "\r\n"
	eqcrlf      = "=\r\n"
	b64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	hexDigits   = "0123456789ABCDEF"
)

// optString is an optional string argument: ok is false for nil or none.
// Numbers count as strings, as Lua's luaL_optlstring has them.
func optString(L *lua.LState, n int) (string, bool) {
	switch v := L.Get(n).(type) {
	case *lua.LNilType:
		return "", false
	case lua.LString:
		return string(v), true
	case lua.LNumber:
		return lua.LVAsString(v), true
	default:
		L.RaiseError("bad argument #%d to '%s' (string expected, got %s)", n, calledAs(L), v.Type().String())
		return "", false
	}
}

// calledAs is the running core function's name in an argument error, as
// LuaSocket's C core gets it from luaL_argerror: the name the call site
// used (mime.b64(x) says 'b64'), '?' when it used none.
func calledAs(L *lua.LState) string {
	if name := interp.FuncName(L); name != "" {
		return name
	}
	return "?"
}

// number is a required number argument (a numeric string counts).
func number(L *lua.LState, n int) int {
	v := L.Get(n)
	if f, ok := v.(lua.LNumber); ok {
		return int(f)
	}
	if s, ok := v.(lua.LString); ok {
		if f, err := parseNumber(string(s)); err == nil {
			return int(f)
		}
	}
	name := v.Type().String()
	if v == lua.LNil && L.GetTop() < n {
		name = "no value"
	}
	L.RaiseError("bad argument #%d to '%s' (number expected, got %s)", n, calledAs(L), name)
	return 0
}

func parseNumber(s string) (float64, error) {
	return strconv.ParseFloat(strings.TrimSpace(s), 64)
}

// pushOutput pushes out, or nil when out is empty at the end of the data
// (LuaSocket's filters return nil rather than "" then).
func pushOutput(L *lua.LState, out string, final bool) {
	if final && out == "" {
		L.Push(lua.LNil)
	} else {
		L.Push(lua.LString(out))
	}
}

// b64(C [, D]) -> encoded, rest: encodes C..D in groups of 3 bytes;
// rest holds the bytes left over. Without D, pads the leftover ("=").
func mimeB64(L *lua.LState) int {
	c, ok := optString(L, 1)
	if !ok {
		L.Push(lua.LNil)
		L.Push(lua.LNil)
		return 2
	}
	d, more := optString(L, 2)
	in := c + d
	var out strings.Builder
	full := len(in) / 3 * 3
	for i := 0; i < full; i += 3 {
		v := uint(in[i])<<16 | uint(in[i+1])<<8 | uint(in[i+2])
		out.WriteByte(b64Alphabet[v>>18&63])
		out.WriteByte(b64Alphabet[v>>12&63])
		out.WriteByte(b64Alphabet[v>>6&63])
		out.WriteByte(b64Alphabet[v&63])
	}
	rest := in[full:]
	if more {
		L.Push(lua.LString(out.String()))
		L.Push(lua.LString(rest))
		return 2
	}
	switch len(rest) {
	case 1:
		v := uint(rest[0]) << 4
		out.WriteByte(b64Alphabet[v>>6&63])
		out.WriteByte(b64Alphabet[v&63])
		out.WriteString("==")
	case 2:
		v := (uint(rest[0])<<8 | uint(rest[1])) << 2
		out.WriteByte(b64Alphabet[v>>12&63])
		out.WriteByte(b64Alphabet[v>>6&63])
		out.WriteByte(b64Alphabet[v&63])
		out.WriteByte('=')
	}
	pushOutput(L, out.String(), true)
	L.Push(lua.LNil)
	return 2
}

// b64Value is the value of a base64 digit; "=" counts as 0; -1 for bytes
// that are not part of base64, which unb64 skips.
func b64Value(c byte) int {
	if c == '=' {
		return 0
	}
	if i := strings.IndexByte(b64Alphabet, c); i >= 0 {
		return i
	}
	return -1
}

// unb64(C [, D]) -> decoded, rest: decodes groups of 4 base64 digits,
// skipping other bytes; rest holds an incomplete group.
func mimeUnb64(L *lua.LState) int {
	c, ok := optString(L, 1)
	if !ok {
		L.Push(lua.LNil)
		L.Push(lua.LNil)
		return 2
	}
	d, more := optString(L, 2)
	var out strings.Builder
	atom := make([]byte, 0, 4)
	decode := func(s string) {
		for i := 0; i < len(s); i++ {
			if b64Value(s[i]) < 0 {
				continue
			}
			atom = append(atom, s[i])
			if len(atom) < 4 {
				continue
			}
			v := b64Value(atom[0])<<18 | b64Value(atom[1])<<12 | b64Value(atom[2])<<6 | b64Value(atom[3])
			decoded := []byte{byte(v >> 16), byte(v >> 8), byte(v)}
			valid := 3
			if atom[2] == '=' {
				valid = 1
			} else if atom[3] == '=' {
				valid = 2
			}
			out.Write(decoded[:valid])
			atom = atom[:0]
		}
	}
	decode(c)
	if !more {
		pushOutput(L, out.String(), true)
		L.Push(lua.LNil)
		return 2
	}
	decode(d)
	L.Push(lua.LString(out.String()))
	L.Push(lua.LString(atom))
	return 2
}

// qpClass says how quoted-printable treats a byte.
type qpClass int

const (
	qpPlain  qpClass = iota // as it is
	qpQuoted                // always =XX
	qpCR                    // a CR: a line break if LF follows
	qpIfLast                // space and tab: =XX only before a line break
)

func classOf(c byte) qpClass {
	switch {
	case c == '\r':
		return qpCR
	case c == ' ' || c == '\t':
		return qpIfLast
	case c >= 33 && c <= 126 && c != '=':
		return qpPlain
	}
	return qpQuoted
}

func qpQuote(out *strings.Builder, c byte) {
	out.WriteByte('=')
	out.WriteByte(hexDigits[c>>4])
	out.WriteByte(hexDigits[c&15])
}

// qpEncode encodes the bytes of in (held-over bytes first) and returns
// the bytes it cannot decide on yet: a CR that may start a CRLF, a space
// that may end a line.
func qpEncode(out *strings.Builder, in []byte, marker string) []byte {
	for len(in) > 0 {
		c := in[0]
		switch classOf(c) {
		case qpCR:
			if len(in) < 2 {
				return in
			}
			if in[1] == '\n' {
				out.WriteString(marker)
				in = in[2:]
				continue
			}
			qpQuote(out, c)
		case qpIfLast:
			if len(in) < 3 {
				return in
			}
			if in[1] == '\r' && in[2] == '\n' {
				qpQuote(out, c)
				out.WriteString(marker)
				in = in[3:]
				continue
			}
			out.WriteByte(c)
		case qpQuoted:
			qpQuote(out, c)
		default:
			out.WriteByte(c)
		}
		in = in[1:]
	}
	return in
}

// qp(C [, D [, marker]]) -> encoded, rest: quoted-printable encoding of
// C..D; line breaks become marker (CRLF by default).
func mimeQp(L *lua.LState) int {
	c, ok := optString(L, 1)
	if !ok {
		L.Push(lua.LNil)
		L.Push(lua.LNil)
		return 2
	}
	marker := crlf
	if m, given := optString(L, 3); given {
		marker = m
	}
	d, more := optString(L, 2)
	var out strings.Builder
	// The C original takes the input a byte at a time with at most 3
	// held over, so a CRLF split between C and D is still seen.
	rest := qpEncode(&out, []byte(c), marker)
	if !more {
		for _, b := range rest {
			if classOf(b) == qpPlain {
				out.WriteByte(b)
			} else {
				qpQuote(&out, b)
			}
		}
		if len(rest) > 0 {
			out.WriteString(eqcrlf)
		}
		pushOutput(L, out.String(), true)
		L.Push(lua.LNil)
		return 2
	}
	rest = qpEncode(&out, append(rest, d...), marker)
	L.Push(lua.LString(out.String()))
	L.Push(lua.LString(rest))
	return 2
}

func hexValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return -1
}

// qpDecode decodes in and returns an incomplete escape or CR left over.
func qpDecode(out *strings.Builder, in []byte) []byte {
	for len(in) > 0 {
		switch in[0] {
		case '=':
			if len(in) < 3 {
				return in
			}
			if in[1] == '\r' && in[2] == '\n' {
				// a soft line break: nothing
			} else if hi, lo := hexValue(in[1]), hexValue(in[2]); hi < 0 || lo < 0 {
				out.Write(in[:3])
			} else {
				out.WriteByte(byte(hi<<4 + lo))
			}
			in = in[3:]
		case '\r':
			if len(in) < 2 {
				return in
			}
			if in[1] == '\n' {
				out.WriteString(crlf)
			}
			in = in[2:]
		default:
			if c := in[0]; c == '\t' || (c > 31 && c < 127) {
				out.WriteByte(c)
			}
			in = in[1:]
		}
	}
	return in
}

// unqp(C [, D]) -> decoded, rest: undoes quoted-printable encoding.
func mimeUnqp(L *lua.LState) int {
	c, ok := optString(L, 1)
	if !ok {
		L.Push(lua.LNil)
		L.Push(lua.LNil)
		return 2
	}
	d, more := optString(L, 2)
	var out strings.Builder
	rest := qpDecode(&out, []byte(c))
	if !more {
		pushOutput(L, out.String(), true)
		L.Push(lua.LNil)
		return 2
	}
	rest = qpDecode(&out, append(rest, d...))
	L.Push(lua.LString(out.String()))
	L.Push(lua.LString(rest))
	return 2
}

// wrp(left, C [, length=76]) -> wrapped, left: breaks text into lines of
// at most length bytes; left is the room on the current line.
func mimeWrp(L *lua.LState) int {
	left := number(L, 1)
	length := 76
	if L.Get(3) != lua.LNil {
		length = number(L, 3)
	}
	c, ok := optString(L, 2)
	if !ok {
		if left < length {
			L.Push(lua.LString(crlf))
		} else {
			L.Push(lua.LNil)
		}
		L.Push(lua.LNumber(length))
		return 2
	}
	var out strings.Builder
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case '\r':
		case '\n':
			out.WriteString(crlf)
			left = length
		default:
			if left <= 0 {
				left = length
				out.WriteString(crlf)
			}
			out.WriteByte(c[i])
			left--
		}
	}
	L.Push(lua.LString(out.String()))
	L.Push(lua.LNumber(left))
	return 2
}

// qpwrp(left, C [, length=76]) -> wrapped, left: wraps quoted-printable
// text with soft line breaks ("=" CRLF), never inside an =XX escape.
func mimeQpwrp(L *lua.LState) int {
	left := number(L, 1)
	length := 76
	if L.Get(3) != lua.LNil {
		length = number(L, 3)
	}
	c, ok := optString(L, 2)
	if !ok {
		if left < length {
			L.Push(lua.LString(eqcrlf))
		} else {
			L.Push(lua.LNil)
		}
		L.Push(lua.LNumber(length))
		return 2
	}
	var out strings.Builder
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case '\r':
		case '\n':
			left = length
			out.WriteString(crlf)
		case '=':
			if left <= 3 {
				left = length
				out.WriteString(eqcrlf)
			}
			out.WriteByte(c[i])
			left--
		default:
			if left <= 1 {
				left = length
				out.WriteString(eqcrlf)
			}
			out.WriteByte(c[i])
			left--
		}
	}
	L.Push(lua.LString(out.String()))
	L.Push(lua.LNumber(left))
	return 2
}

// eol(ctx, C [, marker=CRLF]) -> normalized, ctx: turns each line break
// (CR, LF, CRLF or LFCR) into marker; ctx remembers a CR or LF that ended C.
func mimeEol(L *lua.LState) int {
	ctx := number(L, 1)
	c, ok := optString(L, 2)
	marker := crlf
	if m, given := optString(L, 3); given {
		marker = m
	}
	if !ok {
		L.Push(lua.LNil)
		L.Push(lua.LNumber(0))
		return 2
	}
	isBreak := func(b int) bool { return b == '\r' || b == '\n' }
	var out strings.Builder
	for i := 0; i < len(c); i++ {
		b := int(c[i])
		switch {
		case !isBreak(b):
			out.WriteByte(c[i])
			ctx = 0
		case isBreak(ctx):
			// The second byte of a pair: a repeat is a new break.
			if b == ctx {
				out.WriteString(marker)
			}
			ctx = 0
		default:
			out.WriteString(marker)
			ctx = b
		}
	}
	L.Push(lua.LString(out.String()))
	L.Push(lua.LNumber(ctx))
	return 2
}

// dot(state, C) -> stuffed, state: doubles a "." at the start of a line,
// for SMTP; state 2 means "at a line start".
func mimeDot(L *lua.LState) int {
	state := number(L, 1)
	c, ok := optString(L, 2)
	if !ok {
		L.Push(lua.LNil)
		L.Push(lua.LNumber(2))
		return 2
	}
	var out strings.Builder
	for i := 0; i < len(c); i++ {
		out.WriteByte(c[i])
		switch c[i] {
		case '\r':
			state = 1
		case '\n':
			if state == 1 {
				state = 2
			} else {
				state = 0
			}
		case '.':
			if state == 2 {
				out.WriteByte('.')
			}
			state = 0
		default:
			state = 0
		}
	}
	L.Push(lua.LString(out.String()))
	L.Push(lua.LNumber(state))
	return 2
}

// mimeCore is the table mime.lua builds on.
func mimeCore(L *lua.LState) *lua.LTable {
	t := L.NewTable()
	for name, fn := range map[string]lua.LGFunction{
		"b64": mimeB64, "unb64": mimeUnb64, "qp": mimeQp, "unqp": mimeUnqp,
		"wrp": mimeWrp, "qpwrp": mimeQpwrp, "eol": mimeEol, "dot": mimeDot,
	} {
		t.RawSetString(name, L.NewFunction(fn))
	}
	return t
}
