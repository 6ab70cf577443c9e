package codecs

import (
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"
)

func isCont(c byte) bool { return c&0xc0 == 0x80 }

// utf8Codec decodes as CPython's UTF-8 decoder does, so each maximal
// invalid subsequence is one error ("invalid start byte", "invalid
// continuation byte" covering the valid prefix, "unexpected end of data" up
// to the end) and errors='replace' yields as many U+FFFD as CPython.
var utf8Codec = &codec{
	name: "utf-8",
	decode: func(b []byte) (rune, int, string) {
		c := b[0]
		if c < 0x80 {
			return rune(c), 1, ""
		}
		// The first byte fixes the length and the range of the second one
		// (no overlong forms, surrogates or values beyond U+10FFFF).
		var size int
		lo, hi := byte(0x80), byte(0xbf)
		switch {
		case c < 0xc2:
			return 0, 1, "invalid start byte"
		case c < 0xe0:
			size = 2
		case c < 0xf0:
			size = 3
			if c == 0xe0 {
				lo = 0xa0
			} else if c == 0xed {
				hi = 0x9f
			}
		case c < 0xf5:
			size = 4
			if c == 0xf0 {
				lo = 0x90
			} else if c == 0xf4 {
				hi = 0x8f
			}
		default:
			return 0, 1, "invalid start byte"
		}
		for k := 1; k < size; k++ {
			if k >= len(b) {
				return 0, len(b), "unexpected end of data"
			}
			if !isCont(b[k]) || (k == 1 && (b[1] < lo || b[1] > hi)) {
				return 0, k, "invalid continuation byte"
			}
		}
		r, _ := utf8.DecodeRune(b[:size])
		return r, size, ""
	},
	encode: func(dst []byte, r rune) ([]byte, bool) { return utf8.AppendRune(dst, r), true },
}

var asciiCodec = &codec{
	name: "ascii",
	decode: func(b []byte) (rune, int, string) {
		if b[0] < 0x80 {
			return rune(b[0]), 1, ""
		}
		return 0, 1, "ordinal not in range(128)"
	},
	encode:       encodeBelow(0x80),
	encodeReason: "ordinal not in range(128)",
	runs:         true,
}

var latin1Codec = &codec{
	name:         "latin-1",
	decode:       func(b []byte) (rune, int, string) { return rune(b[0]), 1, "" },
	encode:       encodeBelow(0x100),
	encodeReason: "ordinal not in range(256)",
	runs:         true,
}

// encodeBelow encodes each character below limit as the one byte of its
// code (ASCII, Latin-1) and refuses the others.
func encodeBelow(limit rune) func(dst []byte, r rune) ([]byte, bool) {
	return func(dst []byte, r rune) ([]byte, bool) {
		if r < limit {
			return append(dst, byte(r)), true
		}
		return dst, false
	}
}

// byteOrder reads and appends 16-bit units in one order.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

func utf16Codec(name string, order byteOrder) *codec {
	return &codec{
		name: name,
		decode: func(b []byte) (rune, int, string) {
			if len(b) < 2 {
				return 0, len(b), "truncated data"
			}
			u := rune(order.Uint16(b))
			switch {
			case !utf16.IsSurrogate(u):
				return u, 2, ""
			case u >= 0xdc00:
				return 0, 2, "illegal encoding"
			case len(b) < 4:
				return 0, len(b), "unexpected end of data"
			}
			u2 := rune(order.Uint16(b[2:]))
			if u2 < 0xdc00 || u2 > 0xdfff {
				return 0, 2, "illegal UTF-16 surrogate"
			}
			return utf16.DecodeRune(u, u2), 4, ""
		},
		encode: func(dst []byte, r rune) ([]byte, bool) {
			if r >= 0x10000 {
				hi, lo := utf16.EncodeRune(r)
				dst = order.AppendUint16(dst, uint16(hi))
				return order.AppendUint16(dst, uint16(lo)), true
			}
			return order.AppendUint16(dst, uint16(r)), true
		},
	}
}

var (
	utf16LE = utf16Codec("utf-16-le", binary.LittleEndian)
	utf16BE = utf16Codec("utf-16-be", binary.BigEndian)
)

// utf16Auto is 'utf-16': a byte order mark chooses the order when decoding
// (little-endian without one, as CPython on x86), and encoding writes a
// little-endian BOM first. Errors name the codec actually used.
var utf16Auto = &codec{
	name:   "utf-16",
	encode: utf16LE.encode,
	bom:    "\xff\xfe",
	decodeBOM: func(b []byte) (*codec, int) {
		switch {
		case len(b) >= 2 && b[0] == 0xff && b[1] == 0xfe:
			return utf16LE, 2
		case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
			return utf16BE, 2
		}
		return utf16LE, 0
	},
}
