package pickle

import (
	"bytes"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// The opcodes that carry a value in their argument: numbers in text or
// binary, strings in their three encodings, and REDUCE of the few allowed
// callables. Every parser here is one pass over its argument.

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

// opString is STRING: a quoted Python 2 str literal, decoded with
// escape_decode, then (pickle.loads' default encoding) as ASCII.
func opString(m *machine) error {
	line, err := m.readLine()
	if err != nil {
		return err
	}
	s := line[:len(line)-1]
	if len(s) < 2 || s[0] != s[len(s)-1] || (s[0] != '\'' && s[0] != '"') {
		return unpicklingError("the STRING opcode argument must be quoted")
	}
	b, err := escapeDecode(s[1 : len(s)-1])
	if err != nil {
		return err
	}
	return m.pushPy2Str(b)
}

func (m *machine) binString(sizeBytes int) error {
	b, err := m.readCounted(sizeBytes)
	if err != nil {
		return err
	}
	return m.pushPy2Str(b)
}

// pushPy2Str decodes a Python 2 str as ASCII, pickle.loads' default.
func (m *machine) pushPy2Str(b []byte) error {
	for i, c := range b {
		if c >= 0x80 {
			return newError(interp.UnicodeDecodeError, "'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)", c, i)
		}
	}
	m.push(item{v: lua.LString(b), kind: kStr})
	return nil
}

// escapeDecode is codecs.escape_decode: Python's backslash escapes.
func escapeDecode(s []byte) ([]byte, error) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			if c == '\\' {
				return nil, newError(interp.ValueError, "Trailing \\ in string")
			}
			out = append(out, c)
			continue
		}
		i++
		switch c = s[i]; c {
		case '\n':
		case '\\', '\'', '"':
			out = append(out, c)
		case 'a', 'b', 'f', 'n', 'r', 't', 'v':
			out = append(out, map[byte]byte{'a': 7, 'b': 8, 'f': 12, 'n': 10, 'r': 13, 't': 9, 'v': 11}[c])
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(c - '0')
			for k := 0; k < 2 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '7'; k++ {
				i++
				v = v*8 + int(s[i]-'0')
			}
			out = append(out, byte(v))
		case 'x':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return nil, newError(interp.ValueError, "invalid \\x escape at position %d", i-1)
			}
			v, _ := strconv.ParseUint(string(s[i+1:i+3]), 16, 8)
			out = append(out, byte(v))
			i += 2
		default:
			out = append(out, '\\', c)
		}
	}
	return out, nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// opUnicode is UNICODE: raw-unicode-escape text, Latin-1 with \uXXXX and
// \UXXXXXXXX escapes; a \u is an escape only after an odd number of
// backslashes, as CPython's decoder has it.
func opUnicode(m *machine) error {
	line, err := m.readLine()
	if err != nil {
		return err
	}
	s := line[:len(line)-1]
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '\\' {
			b.WriteString(encodeRune(rune(s[i])))
			i++
			continue
		}
		start := i
		for i < len(s) && s[i] == '\\' {
			i++
		}
		run := i - start
		if run%2 == 0 || i == len(s) || (s[i] != 'u' && s[i] != 'U') {
			b.WriteString(strings.Repeat("\\", run))
			continue
		}
		b.WriteString(strings.Repeat("\\", run-1))
		n := map[byte]int{'u': 4, 'U': 8}[s[i]]
		j := i + 1
		for j < len(s) && j < i+1+n && isHex(s[j]) {
			j++
		}
		if j-i-1 < n {
			return newError(interp.UnicodeDecodeError, "'rawunicodeescape' codec can't decode bytes in position %d-%d: truncated \\%cXXXX%s escape", i-1, j-1, s[i], strings.Repeat("XXXX", n/4-1))
		}
		r, _ := strconv.ParseUint(string(s[i+1:j]), 16, 32)
		if r > utf8.MaxRune {
			return newError(interp.UnicodeDecodeError, "'rawunicodeescape' codec can't decode bytes in position %d-%d: \\Uxxxxxxxx out of range", i-1, j-1)
		}
		b.WriteString(encodeRune(rune(r)))
		i = j
	}
	m.push(item{v: lua.LString(b.String()), kind: kStr})
	return nil
}

// encodeRune is UTF-8 that keeps surrogates, as CPython's surrogatepass.
func encodeRune(r rune) string {
	if r >= 0xd800 && r <= 0xdfff {
		return string([]byte{0xe0 | byte(r>>12), 0x80 | byte(r>>6)&0x3f, 0x80 | byte(r)&0x3f})
	}
	return string(r)
}

func (m *machine) binUnicode(sizeBytes int) error {
	n, err := m.readSize(sizeBytes)
	if err != nil {
		return err
	}
	if n > math.MaxInt64 {
		return newError(interp.OverflowError, "BINUNICODE exceeds system's maximum size of %d bytes", int64(math.MaxInt64))
	}
	b, err := m.read(n)
	if err != nil {
		return err
	}
	if err := checkUTF8(b, true); err != nil {
		return err
	}
	m.push(item{v: lua.LString(b), kind: kStr})
	return nil
}

// checkUTF8 is CPython's UTF-8 decoder, with surrogatepass when
// surrogates is true (as pickle reads str): the first maximal invalid
// subsequence is the error, with its reason.
func checkUTF8(b []byte, surrogates bool) error {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			i++
			continue
		}
		size, lo, hi := 0, byte(0x80), byte(0xbf)
		switch {
		case c >= 0xc2 && c < 0xe0:
			size = 2
		case c >= 0xe0 && c < 0xf0:
			size = 3
			if c == 0xe0 {
				lo = 0xa0
			} else if c == 0xed && !surrogates {
				hi = 0x9f
			}
		case c >= 0xf0 && c < 0xf5:
			size = 4
			if c == 0xf0 {
				lo = 0x90
			} else if c == 0xf4 {
				hi = 0x8f
			}
		default:
			return utf8Error(b, i, i+1, "invalid start byte")
		}
		for k := 1; k < size; k++ {
			if i+k >= len(b) {
				return utf8Error(b, i, len(b), "unexpected end of data")
			}
			if d := b[i+k]; d&0xc0 != 0x80 || (k == 1 && (d < lo || d > hi)) {
				return utf8Error(b, i, i+k, "invalid continuation byte")
			}
		}
		i += size
	}
	return nil
}

func utf8Error(b []byte, start, end int, reason string) error {
	if end-start == 1 {
		return newError(interp.UnicodeDecodeError, "'utf-8' codec can't decode byte 0x%02x in position %d: %s", b[start], start, reason)
	}
	return newError(interp.UnicodeDecodeError, "'utf-8' codec can't decode bytes in position %d-%d: %s", start, end-1, reason)
}

func (m *machine) binBytes(sizeBytes int, k kind) error {
	n, err := m.readSize(sizeBytes)
	if err != nil {
		return err
	}
	if n >= math.MaxInt64 {
		return newError(interp.OverflowError, "byte string is too large")
	}
	b, err := m.read(n)
	if err != nil {
		return err
	}
	it := item{v: lua.LString(b), kind: k}
	if k == kBytearray {
		it.unhashable = "bytearray"
	}
	m.push(it)
	return nil
}

// opReduce is REDUCE, callable(*args), for the callables allowedGlobals
// lets in: set and frozenset of a list or tuple, bytes(), bytearray(),
// bytearray(bytes) and bytearray(str, 'latin-1'), and _codecs.encode(str,
// 'latin1'), which is how protocols 0-2 write bytes.
func opReduce(m *machine) error {
	args, err := m.pop()
	if err != nil {
		return err
	}
	fn, err := m.pop()
	if err != nil {
		return err
	}
	if fn.kind != kCallable {
		return newError(interp.TypeError, "'%s' object is not callable", kindNames[fn.kind])
	}
	if args.kind != kTuple {
		return newError(interp.TypeError, "argument list must be a tuple")
	}
	t := args.v.(*lua.LTable)
	n := t.Len()
	arg := func(i int) lua.LValue { return t.RawGetInt(i) }
	switch {
	case (fn.global == "set" || fn.global == "frozenset") && n <= 1:
		pt, k, what := setType, kSet, "set element"
		if fn.global == "frozenset" {
			pt, k, what = frozensetType, kFrozenset, "frozenset element"
		}
		s := m.newTable(pt)
		if n == 1 {
			elems, ok := m.elements(arg(1))
			if !ok {
				return newError(interp.TypeError, "'%s' object is not iterable", interp.TypeName(arg(1)))
			}
			if err := m.addTo(s, what, elems); err != nil {
				return err
			}
		}
		it := item{v: s, kind: k}
		if k == kSet {
			it.unhashable = "set"
		}
		m.push(it)
		return nil
	case fn.global == "bytes" && n == 0:
		m.push(item{v: lua.LString(""), kind: kBytes})
		return nil
	case fn.global == "bytearray" && n == 0:
		m.push(item{v: lua.LString(""), kind: kBytearray, unhashable: "bytearray"})
		return nil
	case fn.global == "bytearray" && n == 1:
		// bytearray(b'...'), as protocols 3 and 4 write a bytearray
		if s, ok := arg(1).(lua.LString); ok {
			m.push(item{v: s, kind: kBytearray, unhashable: "bytearray"})
			return nil
		}
	case (fn.global == "bytearray" || fn.global == "encode") && n == 2:
		s, ok1 := arg(1).(lua.LString)
		enc, ok2 := arg(2).(lua.LString)
		if !ok1 || !ok2 || (enc != "latin1" && enc != "latin-1") {
			break
		}
		b, err := latin1(string(s))
		if err != nil {
			return err
		}
		it := item{v: lua.LString(b), kind: kBytes}
		if fn.global == "bytearray" {
			it.kind, it.unhashable = kBytearray, "bytearray"
		}
		m.push(it)
		return nil
	}
	return unpicklingError("%s() with these arguments is forbidden: pickle.loads makes only plain data", fn.global)
}

// elements are the items of a loaded list or tuple, for set(...): their
// kinds are gone once inside a table, so hashability is judged again from
// the values (a table element is a list, dict or set unless a tuple), and
// bytes from the slots' marks.
func (m *machine) elements(v lua.LValue) ([]item, bool) {
	t, ok := v.(*lua.LTable)
	if !ok || (typeOf(m.L, t) != listType && !interp.IsTuple(m.L, t)) {
		return nil, false
	}
	items := make([]item, t.Len())
	for i := range items {
		e := t.RawGetInt(i + 1)
		items[i] = item{v: e}
		switch e := e.(type) {
		case lua.LString:
			if interp.IsBytes(t, lua.LNumber(i+1)) {
				items[i].kind = kBytes
			}
		case *lua.LTable:
			if interp.IsTuple(m.L, e) {
				break
			}
			if pt := typeOf(m.L, e); pt != nil && !pt.hashable() {
				items[i].unhashable = pt.kind
			}
		}
	}
	return items, true
}

// latin1 encodes text as Latin-1, as _codecs.encode(s, 'latin1') does.
func latin1(s string) ([]byte, error) {
	out := make([]byte, 0, len(s))
	for i, r := range []rune(s) {
		if r > 0xff {
			return nil, newError(interp.UnicodeEncodeError, "'latin-1' codec can't encode character '\\u%04x' in position %d: ordinal not in range(256)", r, i)
		}
		out = append(out, byte(r))
	}
	return out, nil
}
