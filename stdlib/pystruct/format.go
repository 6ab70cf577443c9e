package pystruct

import (
	"encoding/binary"
	"math"
	"strconv"
)

// A format is a compiled format string, as CPython's Struct holds it: the
// byte order, the list of codes with their offsets, the total size and the
// number of values pack takes.
type format struct {
	order  binary.ByteOrder
	native bool // '@': native sizes and alignment (and native 'f' without overflow check)
	codes  []code
	size   int
	nitems int
}

// A code is one letter of the format with its repeat count resolved: "3h" is
// one code repeated 3 times; "10s" is one code of size 10.
type code struct {
	c      byte
	offset int
	size   int // of one item
	repeat int
}

// Native sizes are those of the C types on the platform CPython was built
// for; netlua targets Linux, where long, size_t and pointers are word-sized.
const wordSize = strconv.IntSize / 8

// standardSize is the size of each code in the standard modes (= < > !);
// n, N and P exist only in native mode.
var standardSize = map[byte]int{
	'x': 1, 'c': 1, 'b': 1, 'B': 1, '?': 1, 'h': 2, 'H': 2, 'i': 4, 'I': 4,
	'l': 4, 'L': 4, 'q': 8, 'Q': 8, 'e': 2, 'f': 4, 'd': 8, 's': 1, 'p': 1,
}

var nativeSize = map[byte]int{
	'x': 1, 'c': 1, 'b': 1, 'B': 1, '?': 1, 'h': 2, 'H': 2, 'i': 4, 'I': 4,
	'l': wordSize, 'L': wordSize, 'q': 8, 'Q': 8, 'n': wordSize, 'N': wordSize,
	'e': 2, 'f': 4, 'd': 8, 's': 1, 'p': 1, 'P': wordSize,
}

// CPython's messages for a format it cannot compile (raised as struct.error).
const (
	errBadChar  = "bad char in struct format"
	errNoCode   = "repeat count given without format specifier"
	errTooLong  = "total struct size too long"
	errEmbedNUL = "embedded null character"
)

// isSpace is C's isspace, which CPython skips between codes.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// parseFormat compiles s the way CPython's prepare_s does, including its
// overflow checks, so huge repeat counts are an error and never a panic; the
// second result is CPython's message on failure.
func parseFormat(s string) (*format, string) {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return nil, errEmbedNUL
		}
	}
	f := &format{order: binary.NativeEndian, native: true}
	if len(s) > 0 {
		switch s[0] {
		case '@':
			s = s[1:]
		case '=':
			f.native = false
			s = s[1:]
		case '<':
			f.order, f.native = binary.LittleEndian, false
			s = s[1:]
		case '>', '!':
			f.order, f.native = binary.BigEndian, false
			s = s[1:]
		}
	}
	sizes := standardSize
	if f.native {
		sizes = nativeSize
	}
	const maxSize = math.MaxInt64
	size := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isSpace(c) {
			continue
		}
		num := 1
		if '0' <= c && c <= '9' {
			num = 0
			for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
				d := int(s[i] - '0')
				if num > (maxSize-d)/10 {
					return nil, errTooLong
				}
				num = num*10 + d
			}
			if i == len(s) {
				return nil, errNoCode
			}
			c = s[i]
		}
		itemSize, ok := sizes[c]
		if !ok {
			return nil, errBadChar
		}
		// Native mode aligns each number to its own size; bytes need none.
		if f.native && itemSize > 1 && c != 's' && c != 'p' && size > 0 {
			extra := (itemSize - 1) - (size-1)%itemSize
			if extra > maxSize-size {
				return nil, errTooLong
			}
			size += extra
		}
		if num > (maxSize-size)/itemSize {
			return nil, errTooLong
		}
		switch c {
		case 'x':
		case 's', 'p':
			f.codes = append(f.codes, code{c: c, offset: size, size: num, repeat: 1})
			f.nitems++
		default:
			if num > 0 {
				f.codes = append(f.codes, code{c: c, offset: size, size: itemSize, repeat: num})
				f.nitems += num
			}
		}
		size += num * itemSize
	}
	f.size = size
	return f, ""
}
