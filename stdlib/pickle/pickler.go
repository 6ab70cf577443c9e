package pickle

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// A pickler writes Lua values as CPython 3.11's pickle.dumps writes the
// Python values they stand for, byte for byte: the same opcodes, the same
// memo (PUT/BINPUT/MEMOIZE, and GET for a value met again), the same
// batches of 1000 for lists, dicts and sets, and the same 64 KiB frames at
// protocols 4 and 5. Tables have identity, so a table reached twice is
// written once and referred to after, and one that contains itself works
// as in Python. Strings have none in Lua: equal strings are one object,
// as CPython's interned literals are.
type pickler struct {
	L     *lua.LState
	proto int
	out   bytes.Buffer // what is written, frames committed
	frame bytes.Buffer // the frame being filled (protocol 4 and up)
	memo  map[any]int  // *lua.LTable, or memoString / memoBytes / memoGlobal
	depth int
	steps int
}

// dumpError is raised as a TypeError or ValueError with CPython's text.
type dumpError struct {
	class *interp.Class
	msg   string
}

func (e *dumpError) Error() string { return e.msg }

func cannotPickle(v lua.LValue) error {
	return &dumpError{interp.TypeError, "cannot pickle '" + interp.TypeName(v) + "' object"}
}

// Keys of memoized values other than tables.
type (
	memoString string
	memoBytes  string
	memoGlobal string // "module\nname"
)

// The opcodes CPython's pickler writes (Lib/pickle.py names them).
const (
	codeMark          = '('
	codeStop          = '.'
	codeInt           = 'I'
	codeBinInt        = 'J'
	codeBinInt1       = 'K'
	codeBinInt2       = 'M'
	codeLong          = 'L'
	codeNone          = 'N'
	codeReduce        = 'R'
	codeUnicode       = 'V'
	codeBinUnicode    = 'X'
	codeAppend        = 'a'
	codeGlobal        = 'c'
	codeDict          = 'd'
	codeEmptyDict     = '}'
	codeAppends       = 'e'
	codeGet           = 'g'
	codeBinGet        = 'h'
	codeLongBinGet    = 'j'
	codeList          = 'l'
	codeEmptyList     = ']'
	codePut           = 'p'
	codeBinPut        = 'q'
	codeLongBinPut    = 'r'
	codeSetItem       = 's'
	codeTuple         = 't'
	codeEmptyTuple    = ')'
	codeSetItems      = 'u'
	codeBinFloat      = 'G'
	codeFloat         = 'F'
	codeProto         = 0x80
	codeTuple1        = 0x85
	codeTuple2        = 0x86
	codeTuple3        = 0x87
	codeNewTrue       = 0x88
	codeNewFalse      = 0x89
	codeLong1         = 0x8a
	codeBinBytes      = 'B'
	codeShortBinBytes = 'C'
	codeShortBinUni   = 0x8c
	codeBinUnicode8   = 0x8d
	codeBinBytes8     = 0x8e
	codeEmptySet      = 0x8f
	codeAddItems      = 0x90
	codeFrozenSet     = 0x91
	codeStackGlobal   = 0x93
	codeMemoize       = 0x94
	codeFrame         = 0x95
	batchSize         = 1000
	frameSizeMin      = 4
	frameSizeTarget   = 64 * 1024
)

// checkpointPeriod is how many values are written between two Ctrl-C
// checkpoints.
const checkpointPeriod = 4096

// dumpValue is pickle.dumps: v at the given protocol.
func dumpValue(L *lua.LState, v lua.LValue, proto int) ([]byte, error) {
	p := &pickler{L: L, proto: proto, memo: map[any]int{}}
	if proto >= 2 {
		p.out.Write([]byte{codeProto, byte(proto)})
	}
	if err := p.save(v); err != nil {
		return nil, err
	}
	p.write(codeStop)
	p.commitFrame(true)
	return p.out.Bytes(), nil
}

// w is where opcodes go: the current frame from protocol 4 on.
func (p *pickler) w() *bytes.Buffer {
	if p.proto >= 4 {
		return &p.frame
	}
	return &p.out
}

func (p *pickler) write(b ...byte) { p.w().Write(b) }

func (p *pickler) writeString(s string) { p.w().WriteString(s) }

func (p *pickler) writeUint32(n int) {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(n))
	p.w().Write(b[:])
}

func (p *pickler) writeUint64(n int) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	p.w().Write(b[:])
}

// commitFrame ends the current frame once it holds 64 KiB (or when forced),
// writing it after a FRAME opcode with its length, as CPython does between
// two values.
func (p *pickler) commitFrame(force bool) {
	if p.proto < 4 || p.frame.Len() == 0 || (p.frame.Len() < frameSizeTarget && !force) {
		return
	}
	if p.frame.Len() >= frameSizeMin {
		var head [9]byte
		head[0] = codeFrame
		binary.LittleEndian.PutUint64(head[1:], uint64(p.frame.Len()))
		p.out.Write(head[:])
	}
	p.out.Write(p.frame.Bytes())
	p.frame.Reset()
}

// writeLarge writes a str or bytes of 64 KiB or more outside any frame, as
// CPython does, so that a reader can take it straight from the file.
func (p *pickler) writeLarge(header []byte, payload string) {
	p.commitFrame(true)
	p.out.Write(header)
	p.out.WriteString(payload)
}

// memoize records the value just written under the next memo index.
func (p *pickler) memoize(key any) {
	idx := len(p.memo)
	p.memo[key] = idx
	switch {
	case p.proto >= 4:
		p.write(codeMemoize)
	case p.proto >= 1 && idx < 256:
		p.write(codeBinPut, byte(idx))
	case p.proto >= 1:
		p.write(codeLongBinPut)
		p.writeUint32(idx)
	default:
		p.write(codePut)
		p.writeString(strconv.Itoa(idx) + "\n")
	}
}

// getMemo writes a reference to a value already written; false if it was not.
func (p *pickler) getMemo(key any) bool {
	idx, ok := p.memo[key]
	if !ok {
		return false
	}
	switch {
	case p.proto >= 1 && idx < 256:
		p.write(codeBinGet, byte(idx))
	case p.proto >= 1:
		p.write(codeLongBinGet)
		p.writeUint32(idx)
	default:
		p.write(codeGet)
		p.writeString(strconv.Itoa(idx) + "\n")
	}
	return true
}

// save writes one value. CPython ends each value at an opcode boundary,
// where a full frame is committed.
func (p *pickler) save(v lua.LValue) error { return p.saveMarked(v, false) }

// saveMarked writes v, as bytes if isBytes (v is then a string).
func (p *pickler) saveMarked(v lua.LValue, isBytes bool) error {
	if p.steps++; p.steps%checkpointPeriod == 0 {
		interp.Checkpoint(p.L)
	}
	var err error
	if isBytes {
		err = p.saveBytes(string(v.(lua.LString)))
	} else {
		err = p.saveValue(v)
	}
	if err != nil {
		return err
	}
	p.commitFrame(false)
	return nil
}

// saveSlot writes t[key], as bytes when the slot is marked as holding
// bytes (interp.MarkBytes: pickle.loads marks them), else by its value.
func (p *pickler) saveSlot(t *lua.LTable, key lua.LValue) error {
	v := t.RawGet(key)
	_, isString := v.(lua.LString)
	return p.saveMarked(v, isString && interp.IsBytes(t, key))
}

// saveKey writes k, a key of dict t or an element of set t, as bytes when
// it is marked so (interp.MarkBytesKey).
func (p *pickler) saveKey(t *lua.LTable, k lua.LValue) error {
	return p.saveMarked(k, interp.IsBytesKey(t, k))
}

func (p *pickler) saveValue(v lua.LValue) error {
	switch v := v.(type) {
	case *lua.LNilType:
		p.write(codeNone)
		return nil
	case lua.LBool:
		p.saveBool(bool(v))
		return nil
	case lua.LNumber:
		p.saveNumber(float64(v))
		return nil
	case lua.LString:
		if utf8.ValidString(string(v)) {
			p.saveStr(string(v))
		} else {
			return p.saveBytes(string(v))
		}
		return nil
	case *lua.LUserData:
		if interp.IsNone(v) {
			p.write(codeNone)
			return nil
		}
	case *lua.LTable:
		if p.getMemo(v) {
			return nil
		}
		if p.depth >= interp.MaxDepth {
			return &dumpError{interp.RecursionError, "maximum recursion depth exceeded while pickling an object"}
		}
		p.depth++
		defer func() { p.depth-- }()
		return p.saveTable(v)
	}
	return cannotPickle(v)
}

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

// saveTuple writes a tuple of n items that items writes, memoized under
// key: TUPLE1-3 from protocol 2, else MARK ... TUPLE; EMPTY_TUPLE (not
// memoized) when n is 0. A tuple that contains itself through a list is
// written as CPython does: its items popped, and a reference instead.
func (p *pickler) saveTuple(n int, key any, items func() error) error {
	if n == 0 {
		if p.proto >= 1 {
			p.write(codeEmptyTuple)
		} else {
			p.write(codeMark, codeTuple)
		}
		return nil
	}
	small := p.proto >= 2 && n <= 3
	if !small {
		p.write(codeMark)
	}
	if err := items(); err != nil {
		return err
	}
	if _, ok := p.memo[key]; ok {
		if small {
			p.write(bytes.Repeat([]byte{'0'}, n)...) // POP each item
		} else if p.proto >= 1 {
			p.write('1') // POP_MARK
		} else {
			p.write(bytes.Repeat([]byte{'0'}, n+1)...)
		}
		p.getMemo(key)
		return nil
	}
	if small {
		p.write(codeTuple1 + byte(n-1))
	} else {
		p.write(codeTuple)
	}
	p.memoize(key)
	return nil
}

// saveTable writes a table as the Python value it stands for.
func (p *pickler) saveTable(t *lua.LTable) error {
	pt := typeOf(p.L, t)
	isTuple := interp.IsTuple(p.L, t)
	if pt == nil && !isTuple && t.Metatable != lua.LNil {
		return cannotPickle(t)
	}
	if pt == nil && !isTuple {
		pt = plainType(t)
	}
	switch {
	case isTuple:
		n := t.Len()
		return p.saveTuple(n, t, func() error { return p.saveItems(t, 1, n) })
	case pt == bytesType:
		s, ok := t.RawGetInt(1).(lua.LString)
		if !ok {
			return &dumpError{interp.TypeError, "pickle.bytes holds " + interp.TypeName(t.RawGetInt(1)) + ", not a string"}
		}
		return p.saveBytes(string(s))
	case pt == strType:
		s, ok := t.RawGetInt(1).(lua.LString)
		if !ok {
			return &dumpError{interp.TypeError, "pickle.str holds " + interp.TypeName(t.RawGetInt(1)) + ", not a string"}
		}
		p.saveStr(string(s))
		return nil
	case pt == listType:
		return p.saveList(t)
	case pt == setType || pt == frozensetType:
		return p.saveSet(t, pt)
	}
	return p.saveDict(t)
}

// saveItems saves t[from..to].
func (p *pickler) saveItems(t *lua.LTable, from, to int) error {
	for i := from; i <= to; i++ {
		if err := p.saveSlot(t, lua.LNumber(i)); err != nil {
			return err
		}
	}
	return nil
}

func (p *pickler) saveList(t *lua.LTable) error {
	n, ok := listLen(t)
	if !ok {
		return &dumpError{interp.ValueError, "cannot pickle a table as a list: its keys are not 1..n"}
	}
	if p.proto >= 1 {
		p.write(codeEmptyList)
	} else {
		p.write(codeMark, codeList)
	}
	p.memoize(t)
	if p.proto == 0 {
		for i := 1; i <= n; i++ {
			if err := p.saveSlot(t, lua.LNumber(i)); err != nil {
				return err
			}
			p.write(codeAppend)
		}
		return nil
	}
	for from := 1; from <= n; from += batchSize {
		to := min(from+batchSize-1, n)
		if from == to {
			if err := p.saveSlot(t, lua.LNumber(from)); err != nil {
				return err
			}
			p.write(codeAppend)
			continue
		}
		p.write(codeMark)
		if err := p.saveItems(t, from, to); err != nil {
			return err
		}
		p.write(codeAppends)
	}
	return nil
}

// saveDict writes a dict, its items in sorted-key order: Lua tables keep no
// insertion order, and a fixed order makes dumps the same every run.
func (p *pickler) saveDict(t *lua.LTable) error {
	keys := sortedKeys(p.L, t)
	for _, k := range keys {
		if err := p.hashable(k); err != nil {
			return err
		}
	}
	if p.proto >= 1 {
		p.write(codeEmptyDict)
	} else {
		p.write(codeMark, codeDict)
	}
	p.memoize(t)
	item := func(k lua.LValue) error {
		if err := p.saveKey(t, k); err != nil {
			return err
		}
		return p.saveSlot(t, k)
	}
	if p.proto == 0 {
		for _, k := range keys {
			if err := item(k); err != nil {
				return err
			}
			p.write(codeSetItem)
		}
		return nil
	}
	for from := 0; from < len(keys); from += batchSize {
		batch := keys[from:min(from+batchSize, len(keys))]
		if len(batch) == 1 {
			if err := item(batch[0]); err != nil {
				return err
			}
			p.write(codeSetItem)
			continue
		}
		p.write(codeMark)
		for _, k := range batch {
			if err := item(k); err != nil {
				return err
			}
		}
		p.write(codeSetItems)
	}
	return nil
}

// saveSet writes a set or frozenset, elements in sorted order: EMPTY_SET
// and ADDITEMS (or FROZENSET) from protocol 4, and before it what Python
// writes there, a call of set or frozenset on a list.
func (p *pickler) saveSet(t *lua.LTable, pt *pyType) error {
	elems := sortedKeys(p.L, t)
	for _, k := range elems {
		if err := p.hashable(k); err != nil {
			return err
		}
	}
	if p.proto < 4 {
		p.saveGlobal("builtins", pt.kind)
		list := p.L.CreateTable(len(elems), 0)
		for i, k := range elems {
			list.RawSetInt(i+1, k)
			if interp.IsBytesKey(t, k) {
				interp.MarkBytes(list, lua.LNumber(i+1))
			}
		}
		if err := p.saveTuple(1, new(int), func() error { return p.saveList(list) }); err != nil {
			return err
		}
		p.write(codeReduce)
		p.memoize(t)
		return nil
	}
	if pt == frozensetType {
		p.write(codeMark)
		for _, k := range elems {
			if err := p.saveKey(t, k); err != nil {
				return err
			}
		}
		p.write(codeFrozenSet)
		p.memoize(t)
		return nil
	}
	p.write(codeEmptySet)
	p.memoize(t)
	for from := 0; from < len(elems); from += batchSize {
		p.write(codeMark)
		for _, k := range elems[from:min(from+batchSize, len(elems))] {
			if err := p.saveKey(t, k); err != nil {
				return err
			}
		}
		p.write(codeAddItems)
	}
	return nil
}

// hashable refuses what Python can't use as a dict key or set element:
// lists, dicts and sets (tuples, frozensets and the bytes and str
// wrappers are fine).
func (p *pickler) hashable(k lua.LValue) error {
	t, ok := k.(*lua.LTable)
	if !ok || interp.IsTuple(p.L, t) {
		return nil
	}
	pt := typeOf(p.L, t)
	if pt == nil && t.Metatable == lua.LNil {
		pt = plainType(t)
	}
	if pt != nil && pt.hashable() {
		return nil
	}
	name := "dict"
	if pt != nil {
		name = pt.kind
	}
	return &dumpError{interp.TypeError, "unhashable type: '" + name + "'"}
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
