package pickle

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// The opcodes that carry text or bytes in their argument (STRING, UNICODE,
// BINBYTES and their kin, in their three encodings), and REDUCE of the few
// allowed callables; loadvalues.go has the numbers.

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
