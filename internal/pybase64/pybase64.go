// Package pybase64 is CPython's base64 decoding (binascii.a2b_base64) and
// its error class, binascii.Error: shared by the binascii and base64
// modules, which CPython builds on the same function, so both skip and
// refuse the same characters with the same messages.
package pybase64

import (
	"fmt"

	"netlua/interp"
)

// Error is binascii.Error, a ValueError as in Python, raised for malformed
// hexadecimal, base64, base32 or base16 input.
var Error = interp.NewClass("binascii.Error", interp.ValueError)

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// base64Value maps a byte to its 6-bit value, or 0xff outside the alphabet.
var base64Value = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i := 0; i < len(base64Alphabet); i++ {
		t[base64Alphabet[i]] = byte(i)
	}
	return t
}()

// Decode is a2b_base64: CPython 3.11's decoder. By default it is
// lenient (characters outside the alphabet are skipped; decoding stops at
// complete padding); strict is a2b_base64(strict_mode=True), which
// base64.b64decode(validate=True) uses. It returns the bytes, or CPython's
// binascii.Error message.
func Decode(s string, strict bool) ([]byte, string) {
	out := make([]byte, 0, len(s)/4*3+3)
	quadPos, pads := 0, 0
	paddingStarted := false
	var left byte
	if strict && len(s) > 0 && s[0] == '=' {
		return nil, "Leading padding not allowed"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' {
			paddingStarted = true
			// Padding after at least two data characters of a quad ends
			// the data once the quad is complete; other '=' are skipped.
			if quadPos >= 2 {
				pads++
				if quadPos+pads >= 4 {
					if strict && i+1 < len(s) {
						return nil, "Excess data after padding"
					}
					return out, ""
				}
			}
			continue
		}
		v := base64Value[c]
		if v == 0xff {
			if strict {
				return nil, "Only base64 data is allowed"
			}
			continue
		}
		if strict && paddingStarted {
			return nil, "Discontinuous padding not allowed"
		}
		pads = 0
		switch quadPos {
		case 0:
			left = v
		case 1:
			out = append(out, left<<2|v>>4)
			left = v & 0x0f
		case 2:
			out = append(out, left<<4|v>>2)
			left = v & 0x03
		case 3:
			out = append(out, left<<6|v)
		}
		quadPos = (quadPos + 1) % 4
	}
	switch quadPos {
	case 0:
		return out, ""
	case 1:
		return nil, fmt.Sprintf("Invalid base64-encoded string: number of data characters (%d) cannot be 1 more than a multiple of 4", len(out)/3*4+1)
	}
	return nil, "Incorrect padding"
}
