package pystruct

import (
	"math"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// FuzzFormat compiles arbitrary format strings and, for those that compile
// to a small size, unpacks bytes made from data, packs the values again and
// unpacks once more: the values must survive (pack(unpack(b)) may differ
// from b in padding, '?' and 'p' length bytes, so values are compared), the
// tuple's string slots and only those must be marked as bytes, and nothing
// may panic. The same calls also go through Lua, where argument
// checking and error raising live.
func FuzzFormat(f *testing.F) {
	for _, seed := range []struct{ format, data string }{
		{"!12I", "\x1b"}, {"<hHiIqQ", "\xff\x80"}, {"@bqcx?P", "abc"}, {"=ci2s3p", "\x05hello"},
		{"<e f d", "\x00\x7c\x01\xfc"}, {">0s0p5x", ""}, {"@h0q", "\x01"}, {"3", ""}, {"2 I", ""},
		{"99999999999999999999I", ""}, {"@9223372036854775807xI", ""}, {"<n", ""}, {"I\x00", ""},
	} {
		f.Add(seed.format, []byte(seed.data))
	}
	rt := interptest.New(f, Module)
	// A Go panic inside a function pcall calls comes back as a string error
	// (gopher-lua recovers it); netlua's own errors are exception tables.
	roundtrip, err := rt.Load(strings.NewReader(`
local fmt, data = ...
local function try(...)
  local ok, e = pcall(...)
  assert(ok or type(e) == 'table', tostring(e))
  return ok, e
end
local ok, t = try(struct.unpack, fmt, data)
if ok then
  local packed = struct.pack(fmt, unpack(t, 1, #t))
  assert(packed == struct.pack(fmt, unpack(struct.unpack(fmt, packed), 1, #t)))
end
try(struct.calcsize, fmt)
try(struct.pack, fmt, 1, 2.5, 'x', true)
try(struct.unpack_from, fmt, data, 1)
try(struct.iter_unpack, fmt, data .. data)
`), "fuzz")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, format string, data []byte) {
		p, msg := parseFormat(format)
		if msg != "" {
			return
		}
		if p.size > 1<<12 {
			return
		}
		buf := make([]byte, p.size)
		for i := range buf {
			if len(data) > 0 {
				buf[i] = data[i%len(data)]
			}
		}
		vals, perr := p.unpack(buf, nil)
		if perr != nil {
			return // an 8-byte integer beyond 2^53
		}
		packed := make([]byte, p.size)
		if perr := p.pack(packed, vals, "pack"); perr != nil {
			t.Fatalf("%q: unpacked values do not pack: %s", format, perr.msg)
		}
		again, perr := p.unpack(packed, nil)
		if perr != nil {
			t.Fatalf("%q: repacked bytes do not unpack: %s", format, perr.msg)
		}
		for i := range vals {
			if !sameValue(vals[i], again[i]) {
				t.Fatalf("%q: value %d changed from %v to %v", format, i, vals[i], again[i])
			}
		}
		// The result's strings ('s', 'p', 'c') are bytes, and nothing else.
		tuple := p.tuple(rt.L, vals)
		for i, v := range vals {
			_, isString := v.(lua.LString)
			if interp.IsBytes(tuple, lua.LNumber(i+1)) != isString {
				t.Fatalf("%q: value %d (%v) is marked bytes: %v", format, i+1, v, !isString)
			}
		}
		if err := rt.Call(roundtrip, 0, lua.LString(format), lua.LString(buf)); err != nil {
			t.Fatalf("%q: %v", format, err)
		}
	})
}

// sameValue is equality with NaN equal to itself.
func sameValue(a, b lua.LValue) bool {
	x, ok1 := a.(lua.LNumber)
	y, ok2 := b.(lua.LNumber)
	if ok1 && ok2 && math.IsNaN(float64(x)) {
		return math.IsNaN(float64(y))
	}
	return a == b
}
