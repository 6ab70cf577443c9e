package codecs

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// The Chinese codecs take their tables from golang.org/x/text, whose GBK,
// GB18030 and Big5 follow the WHATWG Encoding Standard, and their structure
// and errors from CPython's CJK codecs: a lead byte at the end of the input
// is an "incomplete multibyte sequence" (spanning to the end), a pair or
// quadruple with no character an "illegal multibyte sequence" of one byte,
// after which decoding resumes at the next byte. Where WHATWG maps byte
// sequences that CPython rejects, the sequences are rejected here too
// (checked against python3 for every two-byte sequence of gbk and gb2312).

// gbkRejected are the two-byte sequences WHATWG's GBK decodes and CPython's
// gbk does not (user-defined and vertical forms, and the euro at A2E3).
var gbkRejected = func() map[uint16]bool {
	m := map[uint16]bool{0xa2e3: true, 0xa3a0: true, 0xa8bf: true}
	for c := uint16(0xa989); c <= 0xa995; c++ {
		m[c] = true
	}
	for _, c := range []uint16{0xfe50, 0xfe54, 0xfe55, 0xfe56, 0xfe57, 0xfe58, 0xfe5a, 0xfe5b,
		0xfe5c, 0xfe5d, 0xfe5e, 0xfe5f, 0xfe60, 0xfe62, 0xfe63, 0xfe64, 0xfe65, 0xfe68, 0xfe69,
		0xfe6a, 0xfe6b, 0xfe6e, 0xfe6f, 0xfe70, 0xfe71, 0xfe72, 0xfe73, 0xfe74, 0xfe75, 0xfe77,
		0xfe78, 0xfe79, 0xfe7a, 0xfe7b, 0xfe7c, 0xfe7d} {
		m[c] = true
	}
	for c := uint16(0xfe80); c <= 0xfe9f; c++ {
		if c != 0xfe90 && c != 0xfe91 {
			m[c] = true
		}
	}
	return m
}()

// decodeWith decodes exactly b with e, or reports failure: a sequence that
// decodes to anything but one character using all of b is not one.
func decodeWith(e encoding.Encoding, b []byte) (rune, bool) {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return 0, false
	}
	r, n := utf8.DecodeRune(out)
	return r, r != utf8.RuneError && n == len(out)
}

// cjkCodec builds a codec from a decoder of one character (given at least
// the bytes it asks for) and x/text's encoder, keeping only encodings that
// decode back to the same character, so both directions agree with CPython
// as far as the decoder does.
//
// When x/text's encoder picks a sequence the decoder rejects (WHATWG's Big5
// encodes some characters to their Hong Kong duplicates), the character's
// two-byte sequence is looked up among the decoder's own, so that whatever
// decodes also encodes.
func cjkCodec(name string, e encoding.Encoding, decode func(b []byte) (rune, int, string), encodeOverride map[rune]string) *codec {
	c := &codec{name: name, decode: decode, encodeReason: "illegal multibyte sequence"}
	var once sync.Once
	var reverse map[rune][2]byte
	c.encode = func(dst []byte, r rune) ([]byte, bool) {
		if r < 0x80 {
			return append(dst, byte(r)), true
		}
		if s, ok := encodeOverride[r]; ok {
			return append(dst, s...), true
		}
		b, err := e.NewEncoder().Bytes([]byte(string(r)))
		if err == nil && len(b) > 0 {
			if back, n, reason := decode(b); reason == "" && n == len(b) && back == r {
				return append(dst, b...), true
			}
		}
		once.Do(func() { reverse = pairsOf(decode) })
		if p, ok := reverse[r]; ok {
			return append(dst, p[0], p[1]), true
		}
		return dst, false
	}
	return c
}

// pairsOf maps each character a decoder reads from two bytes to the first
// such pair.
func pairsOf(decode func(b []byte) (rune, int, string)) map[rune][2]byte {
	m := make(map[rune][2]byte)
	for lead := 0x81; lead <= 0xfe; lead++ {
		for trail := 0x40; trail <= 0xfe; trail++ {
			p := [2]byte{byte(lead), byte(trail)}
			if r, n, reason := decode(p[:]); reason == "" && n == 2 {
				if _, dup := m[r]; !dup {
					m[r] = p
				}
			}
		}
	}
	return m
}

const (
	incomplete = "incomplete multibyte sequence"
	illegal    = "illegal multibyte sequence"
)

func decodeGBK(b []byte) (rune, int, string) {
	if b[0] < 0x80 {
		return rune(b[0]), 1, ""
	}
	if len(b) < 2 {
		return 0, len(b), incomplete
	}
	if gbkRejected[uint16(b[0])<<8|uint16(b[1])] {
		return 0, 1, illegal
	}
	if r, ok := decodeWith(simplifiedchinese.GBK, b[:2]); ok {
		return r, 2, ""
	}
	return 0, 1, illegal
}

// gb2312Extra are the pairs inside GB2312's byte ranges that only GBK
// assigns (Roman numerals, vertical forms, a few pinyin letters).
func gb2312Extra(code uint16) bool {
	switch {
	case code >= 0xa2a1 && code <= 0xa2aa, code >= 0xa6e0 && code <= 0xa6eb,
		code >= 0xa6ee && code <= 0xa6f2, code == 0xa6f4, code == 0xa6f5:
		return true
	}
	return code == 0xa8bb || code == 0xa8bd || code == 0xa8be || code == 0xa8c0
}

// decodeGB2312 is EUC-CN: GBK's pairs with both bytes in A1..FE, without
// GBK's additions there, and with two punctuation marks GB2312 maps
// differently from GBK.
func decodeGB2312(b []byte) (rune, int, string) {
	if b[0] < 0x80 {
		return rune(b[0]), 1, ""
	}
	if len(b) < 2 {
		return 0, len(b), incomplete
	}
	if b[0] < 0xa1 || b[0] > 0xfe || b[1] < 0xa1 || b[1] > 0xfe || gb2312Extra(uint16(b[0])<<8|uint16(b[1])) {
		return 0, 1, illegal
	}
	switch uint16(b[0])<<8 | uint16(b[1]) {
	case 0xa1a4:
		return 0x30fb, 2, ""
	case 0xa1aa:
		return 0x2015, 2, ""
	}
	return decodeGBK(b)
}

func decodeGB18030(b []byte) (rune, int, string) {
	if b[0] < 0x80 {
		return rune(b[0]), 1, ""
	}
	if len(b) < 2 {
		return 0, len(b), incomplete
	}
	n := 2
	if b[1] >= 0x30 && b[1] <= 0x39 {
		if len(b) < 4 {
			return 0, len(b), incomplete
		}
		n = 4
	}
	if r, ok := decodeWith(simplifiedchinese.GB18030, b[:n]); ok {
		return r, n, ""
	}
	return 0, 1, illegal
}

// decodeBig5 accepts only the byte ranges of plain Big5 as CPython has it;
// WHATWG's Big5 adds Hong Kong (HKSCS) characters around them.
func decodeBig5(b []byte) (rune, int, string) {
	if b[0] < 0x80 {
		return rune(b[0]), 1, ""
	}
	if len(b) < 2 {
		return 0, len(b), incomplete
	}
	code := uint16(b[0])<<8 | uint16(b[1])
	if b[0] < 0xa1 || b[0] > 0xf9 || (code >= 0xa3c0 && code <= 0xa3fe) ||
		(code >= 0xc7fd && code <= 0xc8fe) || code >= 0xf9d6 {
		return 0, 1, illegal
	}
	if r, ok := decodeWith(traditionalchinese.Big5, b[:2]); ok {
		return r, 2, ""
	}
	return 0, 1, illegal
}

var (
	gbkCodec     = cjkCodec("gbk", simplifiedchinese.GBK, decodeGBK, nil)
	gb2312Codec  = cjkCodec("gb2312", simplifiedchinese.GBK, decodeGB2312, map[rune]string{0x30fb: "\xa1\xa4", 0x2015: "\xa1\xaa"})
	gb18030Codec = cjkCodec("gb18030", simplifiedchinese.GB18030, decodeGB18030, nil)
	big5Codec    = cjkCodec("big5", traditionalchinese.Big5, decodeBig5, nil)
)
