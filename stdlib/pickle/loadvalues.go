package pickle

import (
	"bytes"
	"math"
	"math/big"
	"strconv"
	"strings"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// The opcodes that carry a number in their argument, in text or binary
// (INT, LONG, FLOAT and their kin); loadtext.go has the strings. Every
// parser here is one pass over its argument.

// parseDecimal parses an optionally signed run of decimal digits ending
// at the line's newline, as memo indexes are written.
func parseDecimal(line []byte) (int64, bool) {
	n, err := strconv.ParseInt(string(bytes.TrimSuffix(line, []byte("\n"))), 10, 64)
	return n, err == nil
}

// invalidLiteral is int()'s error for a bad literal, which CPython shows
// with repr truncated to 200 characters.
func invalidLiteral(line []byte) error {
	s := string(line)
	if len(s) > 200 {
		s = s[:200]
	}
	return newError(interp.ValueError, "invalid literal for int() with base 10: %s", interp.QuoteString(s))
}

// intDigits checks a text int as PyLong_FromString reads it in base 10
// (spaces around, a sign, digits with single underscores between) and
// returns its sign and digits without leading zeros, or ok false.
func intDigits(s string) (neg bool, digits string, count int, ok bool) {
	s = strings.TrimSpace(s)
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return false, "", 0, false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			count++
			if b.Len() > 0 || c != '0' {
				if b.Len() < 40 { // enough to tell and to show
					b.WriteByte(c)
				}
			}
		case c != '_':
			return false, "", 0, false
		}
	}
	return neg, b.String(), count, true
}

// pushText pushes a text int, or the error CPython or Lua gives: too many
// digits for the conversion limit, or beyond 2^53.
func (m *machine) pushText(line []byte, onBad func() error) error {
	neg, digits, count, ok := intDigits(string(line))
	if !ok {
		if onBad == nil {
			return newError(interp.ValueError, "invalid literal")
		}
		return onBad()
	}
	if count > maxIntDigits {
		return newError(interp.ValueError, "Exceeds the limit (%d digits) for integer string conversion: value has %d digits; use sys.set_int_max_str_digits() to increase the limit", maxIntDigits, count)
	}
	sign := ""
	if neg {
		sign = "-"
	}
	var v uint64
	if digits != "" {
		v, _ = strconv.ParseUint(digits, 10, 64) // at most 18 digits: exact
	}
	if len(digits) > 18 || v > maxExact {
		return tooLarge(sign, digits, count)
	}
	f := float64(v)
	if neg && v != 0 {
		f = -f
	}
	m.push(item{v: lua.LNumber(f), kind: kInt})
	return nil
}

// tooLarge is netlua's OverflowError for an int a Lua number cannot hold;
// it shows a long number by its first digits and length.
func tooLarge(sign, digits string, count int) error {
	shown := sign + digits
	if count > len(digits) && len(digits) >= 40 {
		shown = sign + digits[:20] + "..." + " (" + strconv.Itoa(count) + " digits)"
	}
	return newError(interp.OverflowError, "int too large to convert to a Lua number without losing precision: %s", shown)
}

// opInt is INT as CPython reads it: C's strtol in base 0 first (so 0x10
// is 16 and 010 is 8), a two-character 0 or 1 being a bool (protocol 0's
// True and False are I01 and I00); what strtol cannot read whole is read
// as a Python int, and any failure is "could not convert string to int".
func opInt(m *machine) error {
	line, err := m.readLine()
	if err != nil {
		return err
	}
	if x, ok := strtol(string(line[:len(line)-1])); ok {
		switch {
		case len(line) == 3 && (x == 0 || x == 1):
			m.push(item{v: lua.LBool(x == 1), kind: kBool})
		case x > maxExact || x < -maxExact:
			return newError(interp.OverflowError, "int too large to convert to a Lua number without losing precision: %d", x)
		default:
			m.push(item{v: lua.LNumber(x), kind: kInt})
		}
		return nil
	}
	if err := m.pushText(line, nil); err != nil {
		if e := err.(*loadError); e.class == interp.ValueError {
			return newError(interp.ValueError, "could not convert string to int")
		}
		return err
	}
	return nil
}

// strtol is C's strtol(s, &end, 0) when it reads all of s and fits a
// long: spaces, a sign, then 0x and hex digits, 0 and octal ones, or
// decimal ones.
func strtol(s string) (int64, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := 10
	switch {
	case len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isHex(s[2]):
		base, s = 16, s[2:]
	case len(s) > 1 && s[0] == '0':
		base = 8
	}
	if s == "" {
		return 0, false
	}
	u, err := strconv.ParseUint(s, base, 63)
	if err != nil {
		return 0, false
	}
	if neg {
		return -int64(u), true
	}
	return int64(u), true
}

func opLong(m *machine) error {
	line, err := m.readLine()
	if err != nil {
		return err
	}
	text := line
	if n := len(text); n > 1 && text[n-2] == 'L' { // Python 2 wrote 12L
		text = append(append([]byte(nil), text[:n-2]...), '\n')
	}
	return m.pushText(text, func() error { return invalidLiteral(line) })
}

// binLong is LONG1 and LONG4: a little-endian two's complement number.
func (m *machine) binLong(sizeBytes int) error {
	n, err := m.readSize(sizeBytes)
	if err != nil {
		return err
	}
	if sizeBytes == 4 && n >= 1<<31 {
		return unpicklingError("LONG pickle has negative byte count")
	}
	b, err := m.read(n)
	if err != nil {
		return err
	}
	neg := len(b) > 0 && b[len(b)-1]&0x80 != 0
	// Bytes beyond the eighth must be sign extension for the value to fit.
	for i := 8; i < len(b); i++ {
		if (neg && b[i] != 0xff) || (!neg && b[i] != 0) {
			return newError(interp.OverflowError, "int too large to convert to a Lua number without losing precision: a %d-byte int", len(b))
		}
	}
	var u uint64
	for i := min(len(b), 8) - 1; i >= 0; i-- {
		u = u<<8 | uint64(b[i])
	}
	if neg && len(b) < 8 {
		u |= math.MaxUint64 << (8 * len(b))
	}
	v := int64(u)
	if neg && len(b) > 8 && v >= 0 || !neg && v < 0 || v > maxExact || v < -maxExact {
		return newError(interp.OverflowError, "int too large to convert to a Lua number without losing precision: %s", bigText(b, neg))
	}
	m.push(item{v: lua.LNumber(v), kind: kInt})
	return nil
}

// bigText prints a little-endian two's complement int of at most 16
// significant bytes (all that reaches it: longer ones are refused above).
func bigText(b []byte, neg bool) string {
	be := make([]byte, len(b))
	for i, c := range b {
		be[len(b)-1-i] = c
	}
	v := new(big.Int).SetBytes(be)
	if neg {
		v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return v.String()
}

func opFloat(m *machine) error {
	line, err := m.readLine()
	if err != nil {
		return err
	}
	s := string(line[:len(line)-1])
	// As PyOS_string_to_double: no number at all is an error showing the
	// text, a number followed by more is one that does not.
	n := floatPrefix(s)
	switch {
	case n == 0:
		return newError(interp.ValueError, "could not convert string to float: %s", interp.QuoteString(string(line)))
	case n < len(s):
		return newError(interp.ValueError, "could not convert string to float")
	}
	f, perr := strconv.ParseFloat(s, 64)
	if perr != nil && math.IsInf(f, 0) {
		return newError(interp.OverflowError, "value too large to convert to float: %s", interp.QuoteString(string(line)))
	}
	m.push(item{v: lua.LNumber(f), kind: kFloat})
	return nil
}

// floatPrefix is the length of the longest prefix of s that is a Python
// float literal without underscores: a sign, then inf, infinity, nan, or
// digits with an optional point and exponent.
func floatPrefix(s string) int {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	rest := strings.ToLower(s[i:])
	for _, word := range []string{"infinity", "inf", "nan"} {
		if strings.HasPrefix(rest, word) {
			return i + len(word)
		}
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	n := digits()
	if i < len(s) && s[i] == '.' {
		i++
		n += digits()
	}
	if n == 0 {
		return 0
	}
	end := i
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() > 0 {
			end = i
		}
	}
	return end
}
