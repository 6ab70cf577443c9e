package interp

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FormatNumber prints a Lua number the way Python prints the int or float it
// stands for: integral values without a fraction (111), others as Python's
// repr of a float (0.1, 1e-05, inf).
func FormatNumber(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	case f == math.Trunc(f) && math.Abs(f) < 1e16:
		return strconv.FormatInt(int64(f), 10)
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	exp := int(math.Floor(math.Log10(math.Abs(f))))
	if exp >= -4 && exp < 16 {
		s = strconv.FormatFloat(f, 'f', -1, 64)
	} else if i := strings.Index(s, "e"); i >= 0 && len(s) > i+2 && (s[i+1] == '-' || s[i+1] == '+') && len(s)-i-2 == 1 {
		s = s[:i+2] + "0" + s[i+2:] // Python pads the exponent to two digits: 1e-05
	}
	return s
}

// QuoteString is Python's repr of a str: single quotes unless the text holds
// a single quote and no double one; escapes for \\, \n, \r, \t and
// non-printable characters; bytes that are not UTF-8 as \xNN.
func QuoteString(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + hex2(s[i]))
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteByte(q)
		case shortEscape(r) != "":
			b.WriteString(shortEscape(r))
		case r < 0x80 && !unicode.IsPrint(r):
			b.WriteString(`\x` + hex2(byte(r)))
		case !unicode.IsPrint(r) && r != ' ':
			if r < 0x100 {
				b.WriteString(`\x` + hex2(byte(r)))
			} else if r < 0x10000 {
				b.WriteString(`\u` + strconv.FormatInt(int64(r)+0x10000, 16)[1:])
			} else {
				b.WriteString(`\U` + strconv.FormatInt(int64(r)+0x100000000, 16)[1:])
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte(q)
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// QuoteBytes is Python's repr of a bytes value: b'...' with printable ASCII
// as it is and every other byte escaped (\x97, \n, \t, \r, \\).
func QuoteBytes(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteString("b")
	b.WriteByte(q)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == q:
			b.WriteByte('\\')
			b.WriteByte(c)
		case shortEscape(rune(c)) != "":
			b.WriteString(shortEscape(rune(c)))
		case c < 0x20 || c >= 0x7f:
			b.WriteString(`\x` + hex2(c))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// shortEscape is Python's two-character escape of a control character in a
// repr (\n, \r, \t), or "" for any other character.
func shortEscape(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	return ""
}
