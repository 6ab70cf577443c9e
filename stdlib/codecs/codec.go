package codecs

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A codec decodes and encodes one character at a time, so that the driver
// below can report errors at CPython's positions and apply the errors modes
// the same way for every encoding.
type codec struct {
	name string // as CPython's messages spell it: 'utf-8', 'latin-1', 'gbk'

	// decode decodes the character at the start of b (never empty). On
	// failure it returns n > 0 bytes of error and CPython's reason.
	decode func(b []byte) (r rune, n int, reason string)

	// encode appends r's bytes to dst, or reports that r has none.
	encode func(dst []byte, r rune) ([]byte, bool)

	// encodeReason is CPython's reason for an unencodable character; runs
	// marks codecs (ascii, latin-1) whose errors span every consecutive
	// unencodable character rather than one.
	encodeReason string
	runs         bool

	// bom, if set, is what 'utf-16' writes first; decodeBOM picks the codec
	// from a byte order mark and says how many bytes it takes.
	bom       string
	decodeBOM func(b []byte) (*codec, int)
}

// A codecError is a UnicodeDecodeError or UnicodeEncodeError (or the
// LookupError for an unknown errors name), with CPython's fields.
type codecError struct {
	decoding   bool
	encoding   string
	start, end int // in bytes when decoding, in characters when encoding
	reason     string
	msg        string
	lookup     bool
}

// decodeBytes is bytes.decode(encoding, errors). tick, if not nil, is
// called every 64 KiB (interp.Checkpoint, so Ctrl-C stops a long one).
func (c *codec) decodeBytes(b []byte, errors string, tick func()) (string, *codecError) {
	start := 0
	if c.decodeBOM != nil {
		c, start = c.decodeBOM(b)
	}
	var out strings.Builder
	out.Grow(len(b))
	for i := start; i < len(b); {
		if tick != nil && i&0xffff == 0 {
			tick()
		}
		r, n, reason := c.decode(b[i:])
		if reason == "" {
			out.WriteRune(r)
			i += n
			continue
		}
		switch errors {
		case "strict":
			return "", decodeError(c.name, b, i, i+n, reason)
		case "replace":
			out.WriteRune(utf8.RuneError)
		case "ignore":
		case "backslashreplace":
			for _, x := range b[i : i+n] {
				fmt.Fprintf(&out, `\x%02x`, x)
			}
		default:
			return "", unknownHandler(errors)
		}
		i += n
	}
	return out.String(), nil
}

func decodeError(name string, b []byte, start, end int, reason string) *codecError {
	e := &codecError{decoding: true, encoding: name, start: start, end: end, reason: reason}
	if end-start == 1 {
		e.msg = fmt.Sprintf("'%s' codec can't decode byte 0x%02x in position %d: %s", name, b[start], start, reason)
	} else {
		e.msg = fmt.Sprintf("'%s' codec can't decode bytes in position %d-%d: %s", name, start, end-1, reason)
	}
	return e
}

func unknownHandler(errors string) *codecError {
	return &codecError{lookup: true, msg: fmt.Sprintf("unknown error handler name '%s'", errors)}
}

// encodeText is str.encode(encoding, errors). The text is the Lua string
// read as UTF-8 (Python's str cannot hold anything else): invalid UTF-8 is
// a UnicodeDecodeError from the 'utf-8' codec naming the bad byte, whatever
// the errors mode, which applies to the encoding only.
//
// tick is as for decodeBytes, every 64 Ki characters.
func (c *codec) encodeText(s string, errors string, tick func()) ([]byte, *codecError) {
	runes, err := textRunes(s)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(s)+len(c.bom))
	out = append(out, c.bom...)
	for i := 0; i < len(runes); {
		if tick != nil && i&0xffff == 0 {
			tick()
		}
		var ok bool
		if out, ok = c.encode(out, runes[i]); ok {
			i++
			continue
		}
		end := i + 1
		if c.runs {
			for end < len(runes) {
				if _, ok := c.encode(nil, runes[end]); ok {
					break
				}
				end++
			}
		}
		switch errors {
		case "strict":
			return nil, encodeError(c.name, runes, i, end, c.encodeReason)
		case "replace":
			out = append(out, strings.Repeat("?", end-i)...)
		case "ignore":
		case "backslashreplace":
			for _, r := range runes[i:end] {
				out = append(out, escape(r)...)
			}
		default:
			return nil, unknownHandler(errors)
		}
		i = end
	}
	return out, nil
}

// escape is Python's backslash escape of a character: \xe9, \u20ac, \U0001f600.
func escape(r rune) string {
	switch {
	case r < 0x100:
		return fmt.Sprintf(`\x%02x`, r)
	case r < 0x10000:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

func encodeError(name string, runes []rune, start, end int, reason string) *codecError {
	e := &codecError{encoding: name, start: start, end: end, reason: reason}
	if end-start == 1 {
		e.msg = fmt.Sprintf("'%s' codec can't encode character '%s' in position %d: %s", name, escape(runes[start]), start, reason)
	} else {
		e.msg = fmt.Sprintf("'%s' codec can't encode characters in position %d-%d: %s", name, start, end-1, reason)
	}
	return e
}

// textRunes reads s as Python's str: strict UTF-8.
func textRunes(s string) ([]rune, *codecError) {
	runes := make([]rune, 0, len(s))
	b := []byte(s)
	for i := 0; i < len(b); {
		r, n, reason := utf8Codec.decode(b[i:])
		if reason != "" {
			return nil, decodeError("utf-8", b, i, i+n, reason)
		}
		runes = append(runes, r)
		i += n
	}
	return runes, nil
}
