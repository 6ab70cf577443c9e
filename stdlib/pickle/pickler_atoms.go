package pickle

import (
	"encoding/binary"
	"math"
	"math/big"
	"strconv"
	"strings"

	"netlua/interp"
)

// The pickler's atoms: booleans, numbers, str, bytes and globals, each
// as CPython 3.11 writes it at each protocol.

func (p *pickler) saveBool(b bool) {
	switch {
	case p.proto >= 2 && b:
		p.write(codeNewTrue)
	case p.proto >= 2:
		p.write(codeNewFalse)
	case b:
		p.writeString("I01\n")
	default:
		p.writeString("I00\n")
	}
}

// saveNumber writes integral numbers up to 2^53 as ints, which is what a
// Lua number holding one stands for, and others (and -0.0) as floats.
func (p *pickler) saveNumber(f float64) {
	if f == math.Trunc(f) && math.Abs(f) <= maxExact && !(f == 0 && math.Signbit(f)) {
		p.saveInt(int64(f))
		return
	}
	if p.proto >= 1 {
		p.write(codeBinFloat)
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], math.Float64bits(f))
		p.w().Write(b[:])
		return
	}
	p.write(codeFloat)
	p.writeString(floatRepr(f) + "\n")
}

func (p *pickler) saveInt(n int64) {
	if n >= math.MinInt32 && n <= math.MaxInt32 {
		switch {
		case p.proto == 0:
			p.writeString("I" + strconv.FormatInt(n, 10) + "\n")
		case n >= 0 && n < 256:
			p.write(codeBinInt1, byte(n))
		case n >= 0 && n < 65536:
			p.write(codeBinInt2, byte(n), byte(n>>8))
		default:
			p.write(codeBinInt)
			p.writeUint32(int(int32(n)))
		}
		return
	}
	if p.proto >= 2 {
		b := encodeLong(n)
		p.write(codeLong1, byte(len(b)))
		p.w().Write(b)
		return
	}
	p.writeString("L" + strconv.FormatInt(n, 10) + "L\n")
}

// encodeLong is pickle's little-endian two's complement in the fewest bytes.
func encodeLong(n int64) []byte {
	if n == 0 {
		return nil
	}
	x := big.NewInt(n)
	nbytes := x.BitLen()>>3 + 1
	b := make([]byte, nbytes)
	u := uint64(n)
	for i := range b {
		b[i] = byte(u >> (8 * i))
	}
	if n < 0 && nbytes > 1 && b[nbytes-1] == 0xff && b[nbytes-2]&0x80 != 0 {
		b = b[:nbytes-1]
	}
	return b
}

func (p *pickler) saveStr(s string) {
	if p.getMemo(memoString(s)) {
		return
	}
	n := len(s)
	switch {
	case p.proto == 0:
		p.write(codeUnicode)
		p.writeString(rawUnicodeEscape(s) + "\n")
	case p.proto >= 4 && n < 256:
		p.write(codeShortBinUni, byte(n))
		p.writeString(s)
	case p.proto >= 4 && n > math.MaxUint32:
		p.writeSized(codeBinUnicode8, 8, s)
	default:
		p.writeSized(codeBinUnicode, 4, s)
	}
	p.memoize(memoString(s))
}

// writeSized writes an opcode, a little-endian size of width bytes and the
// payload: outside the frame when it is large, as CPython does.
func (p *pickler) writeSized(op byte, width int, payload string) {
	header := make([]byte, 1+width)
	header[0] = op
	if width == 4 {
		binary.LittleEndian.PutUint32(header[1:], uint32(len(payload)))
	} else {
		binary.LittleEndian.PutUint64(header[1:], uint64(len(payload)))
	}
	if p.proto >= 4 && len(payload) >= frameSizeTarget {
		p.writeLarge(header, payload)
		return
	}
	p.w().Write(header)
	p.writeString(payload)
}

// rawUnicodeEscape is protocol 0's UNICODE argument: characters up to
// U+00FF as one byte, others as \uXXXX or \UXXXXXXXX, and the characters
// that would end the line or the escape written as \u escapes.
func rawUnicodeEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == 0 || r == '\n' || r == '\r' || r == 0x1a:
			b.WriteString(`\u00` + hex2(byte(r)))
		case r < 0x100:
			b.WriteByte(byte(r))
		case r < 0x10000:
			b.WriteString(`\u` + hex4(r))
		default:
			b.WriteString(`\U` + hex4(r>>16) + hex4(r&0xffff))
		}
	}
	return b.String()
}

func hex2(b byte) string { return strconv.FormatInt(int64(b)|0x100, 16)[1:] }

func hex4(r rune) string { return strconv.FormatInt(int64(r)|0x10000, 16)[1:] }

// saveBytes writes bytes: BINBYTES from protocol 3; before it, Python 3
// writes codecs.encode(text, 'latin1') (or bytes() when empty), so that
// Python 2 can read it.
func (p *pickler) saveBytes(s string) error {
	if p.getMemo(memoBytes(s)) {
		return nil
	}
	n := len(s)
	switch {
	case p.proto >= 3 && n < 256:
		p.write(codeShortBinBytes, byte(n))
		p.writeString(s)
	case p.proto >= 4 && n > math.MaxUint32:
		p.writeSized(codeBinBytes8, 8, s)
	case p.proto >= 3:
		p.writeSized(codeBinBytes, 4, s)
	case n == 0:
		p.saveGlobal("builtins", "bytes")
		p.saveTuple(0, nil, nil)
		p.write(codeReduce)
	default:
		p.saveGlobal("_codecs", "encode")
		// The arguments (latin1 text, 'latin1'): the bytes as code points.
		var text strings.Builder
		for i := 0; i < n; i++ {
			text.WriteRune(rune(s[i]))
		}
		p.saveTuple(2, new(int), func() error {
			p.saveStr(text.String())
			p.saveStr("latin1")
			return nil
		})
		p.write(codeReduce)
	}
	p.memoize(memoBytes(s))
	return nil
}

// saveGlobal writes a reference to module.name, memoized, with Python 2's
// module names up to protocol 2 (builtins is __builtin__ there).
func (p *pickler) saveGlobal(module, name string) {
	if p.proto <= 2 && module == "builtins" {
		module = "__builtin__"
	}
	key := memoGlobal(module + "\n" + name)
	if p.getMemo(key) {
		return
	}
	if p.proto >= 4 {
		p.saveStr(module)
		p.saveStr(name)
		p.write(codeStackGlobal)
	} else {
		p.write(codeGlobal)
		p.writeString(module + "\n" + name + "\n")
	}
	p.memoize(key)
}

// floatRepr is Python's repr of a float: always with a point or an
// exponent (100.0, 1e+16, -0.0), as the FLOAT opcode writes it.
func floatRepr(f float64) string {
	if f == 0 && math.Signbit(f) {
		return "-0.0"
	}
	s := interp.FormatNumber(f)
	if !strings.ContainsAny(s, ".en") {
		s += ".0"
	}
	return s
}
