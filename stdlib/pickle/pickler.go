package pickle

import (
	"bytes"
	"encoding/binary"
	"strconv"
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
