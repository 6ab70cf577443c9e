package pickle

import (
	"encoding/binary"
	"fmt"
	"math"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// loads is a pickle virtual machine of its own, as CPython's _pickle.c
// load() is: it reads opcodes one by one and keeps a stack of values, a
// stack of marks and a memo, and it builds Lua tables directly. (It used
// og-rek's decoder, behind a scanner that rewrote what og-rek decodes
// wrongly: sets, memoized lists, 8-byte lengths. og-rek parsed text LONGs
// in quadratic time, walked the result recursively, and answered damaged
// input in its own words, "loadSetItem: Dict: ..."; one loop over the
// opcodes does none of that. dumps is netlua's own too, pickler.go, so
// og-rek is no longer used.)
//
// Nothing recurses, so nesting costs no Go stack. Every size comes from
// the data and is checked against what is left of it before use. The loop
// reaches interp.Checkpoint, so Ctrl-C stops a long load. Errors are
// CPython 3.11's class and text for the same bytes (pickle_test.go
// compares many with python3), except where Lua cannot hold the value
// (None or nan as a key, an int beyond 2^53) or it would run code.

// maxExact is the largest integer every one of whose neighbours a Lua
// number (a float64) holds exactly: ints beyond it would load rounded.
const maxExact = 1 << 53

// maxIntDigits is CPython's default limit on int↔str conversion
// (sys.get_int_max_str_digits()), which text LONGs and INTs obey.
const maxIntDigits = 4300

// A loadError is raised as its class with CPython's text.
type loadError struct {
	class *interp.Class
	msg   string
}

func (e *loadError) Error() string { return e.msg }

func newError(class *interp.Class, format string, args ...any) *loadError {
	return &loadError{class, fmt.Sprintf(format, args...)}
}

func unpicklingError(format string, args ...any) *loadError {
	return newError(UnpicklingError, format, args...)
}

// The errors for input that ends early, as CPython words them: at an
// opcode, and inside one.
var (
	errRanOut    = newError(interp.EOFError, "Ran out of input")
	errTruncated = unpicklingError("pickle data was truncated")
)

// A kind is the Python type of a value on the stack: Lua values lose it
// (bytes and str are both strings, a tuple is a table), and loads needs it
// to refuse what Python refuses (a list as a key, APPENDS to a dict).
type kind uint8

const (
	kNone kind = iota
	kBool
	kInt
	kFloat
	kStr
	kBytes
	kBytearray
	kList
	kDict
	kSet
	kFrozenset
	kTuple
	kCallable // one of allowedGlobals
)

var kindNames = [...]string{"NoneType", "bool", "int", "float", "str", "bytes", "bytearray",
	"list", "dict", "set", "frozenset", "tuple", "type"}

// An item is one value on the stack or in the memo.
type item struct {
	v    lua.LValue
	kind kind
	// unhashable names the type that makes the value unhashable: its own
	// (list, dict, set, bytearray) or, for a tuple, an element's.
	unhashable string
	global     string // for kCallable: "builtins set", "_codecs encode"...
}

// A machine is one loads.
type machine struct {
	L     *lua.LState
	data  []byte
	pos   int
	stack []item
	marks []int // stack heights at each MARK
	memo  map[int64]item
	none  lua.LValue // interp.None: what a None inside a container is
	// arrays and padding bound the empty array slots sparse integer keys
	// make: see setKey.
	arrays  map[*lua.LTable]int
	padding int
}

// load is pickle.loads for Go callers: data to a Lua value.
func load(L *lua.LState, data []byte) (lua.LValue, error) {
	m := &machine{L: L, data: data, memo: map[int64]item{}, none: interp.None(L), arrays: map[*lua.LTable]int{}}
	for steps := 1; ; steps++ {
		if steps%4096 == 0 {
			interp.Checkpoint(L)
		}
		if m.pos >= len(m.data) {
			return nil, errRanOut
		}
		op := m.data[m.pos]
		m.pos++
		if op == '.' { // STOP
			top, err := m.pop()
			if err != nil {
				return nil, err
			}
			// A None standing alone is nil (inside containers it is
			// none); a bytes standing alone is a plain string, with no
			// slot to mark.
			if top.kind == kNone {
				return lua.LNil, nil
			}
			return top.v, nil
		}
		run, ok := opcodes[op]
		if !ok {
			return nil, unpicklingError("invalid load key, '%s'.", loadKey(op))
		}
		if err := run(m); err != nil {
			return nil, err
		}
	}
}

// loadKey spells an opcode byte as CPython's "invalid load key" does.
func loadKey(b byte) string {
	if b >= 0x20 && b < 0x7f {
		return string(rune(b))
	}
	return fmt.Sprintf(`\x%02x`, b)
}

// fence is the height below which pops may not go: the last mark.
func (m *machine) fence() int {
	if len(m.marks) == 0 {
		return 0
	}
	return m.marks[len(m.marks)-1]
}

// underflow is CPython's Pdata_stack_underflow.
func (m *machine) underflow() error {
	if len(m.marks) > 0 {
		return unpicklingError("unexpected MARK found")
	}
	return unpicklingError("unpickling stack underflow")
}

func (m *machine) push(it item) { m.stack = append(m.stack, it) }

func (m *machine) pop() (item, error) {
	if len(m.stack) <= m.fence() {
		return item{}, m.underflow()
	}
	it := m.stack[len(m.stack)-1]
	m.stack = m.stack[:len(m.stack)-1]
	return it, nil
}

// top is the value on top of the stack, for PUT, DUP and APPEND's target.
func (m *machine) top() (*item, error) {
	if len(m.stack) <= m.fence() {
		return nil, m.underflow()
	}
	return &m.stack[len(m.stack)-1], nil
}

// popMark removes the last mark and returns the items above it.
func (m *machine) popMark() ([]item, error) {
	if len(m.marks) == 0 {
		return nil, unpicklingError("could not find MARK")
	}
	at := m.marks[len(m.marks)-1]
	m.marks = m.marks[:len(m.marks)-1]
	items := append([]item(nil), m.stack[at:]...)
	m.stack = m.stack[:at]
	return items, nil
}

// read returns the next n bytes of the data.
func (m *machine) read(n uint64) ([]byte, error) {
	if n > math.MaxInt64-uint64(m.pos) {
		return nil, unpicklingError("read would overflow (invalid bytecode)")
	}
	if n > uint64(len(m.data)-m.pos) {
		return nil, errTruncated
	}
	b := m.data[m.pos : m.pos+int(n)]
	m.pos += int(n)
	return b, nil
}

// readLine returns the rest of the line, with its newline.
func (m *machine) readLine() ([]byte, error) {
	for i := m.pos; i < len(m.data); i++ {
		if m.data[i] == '\n' {
			b := m.data[m.pos : i+1]
			m.pos = i + 1
			return b, nil
		}
	}
	return nil, errTruncated
}

// readSize reads an n-byte little-endian unsigned size.
func (m *machine) readSize(n int) (uint64, error) {
	b, err := m.read(uint64(n))
	if err != nil {
		return 0, err
	}
	var size uint64
	for i := n - 1; i >= 0; i-- {
		size = size<<8 | uint64(b[i])
	}
	return size, nil
}

// readCounted reads a size of sizeBytes bytes, then that many bytes.
func (m *machine) readCounted(sizeBytes int) ([]byte, error) {
	n, err := m.readSize(sizeBytes)
	if err != nil {
		return nil, err
	}
	return m.read(n)
}

func (m *machine) newTable(pt *pyType) *lua.LTable {
	t := m.L.NewTable()
	m.L.SetMetatable(t, typeMeta(m.L, pt))
	return t
}

func (m *machine) tuple(items []item) item {
	vals := make([]lua.LValue, len(items))
	it := item{kind: kTuple}
	for i, x := range items {
		vals[i] = x.v
		if it.unhashable == "" {
			it.unhashable = x.unhashable
		}
	}
	t := interp.NewTuple(m.L, vals...)
	for i, x := range items {
		if x.isBytes() {
			interp.MarkBytes(t, lua.LNumber(i+1))
		}
	}
	it.v = t
	return it
}

func (m *machine) list(items []item) item {
	t := m.newTable(listType)
	m.appendTo(t, items)
	return item{v: t, kind: kList, unhashable: "list"}
}

// appendTo appends items to a loaded list. None is the none sentinel, so
// a loaded list has no holes and its length is t.Len().
func (m *machine) appendTo(t *lua.LTable, items []item) {
	n := t.Len()
	for _, x := range items {
		n++
		t.RawSetInt(n, x.v)
		if x.isBytes() {
			interp.MarkBytes(t, lua.LNumber(n))
		}
	}
}

// isBytes reports whether the item is bytes, which its container slot
// must remember (interp.MarkBytes): a Lua string does not. A bytearray
// is marked as bytes too: netlua has no mutable bytes, so it prints as
// b'...' and pickles back as bytes.
func (x item) isBytes() bool { return x.kind == kBytes || x.kind == kBytearray }

// maxPadding bounds the empty array slots one loads may create (16 MiB).
const maxPadding = 1 << 20

// setKey sets t[k] = v for a dict key or set element, which Python
// requires to be hashable and Lua to be other than nan; None is the none
// sentinel. Bytes keys and values are marked as such (interp.MarkBytesKey,
// MarkBytes). gopher-lua keeps every integer key from 1 to 2^26 in a
// table's array part, filling the gap below it with nils: {7549055: 0}, a
// 14-byte pickle, would take 115 MiB, and a few keys near 2^26 gigabytes
// (FuzzLoads found it). Such sparse keys are refused beyond maxPadding
// empty slots per loads.
func (m *machine) setKey(t *lua.LTable, k, v item, what string) error {
	if k.unhashable != "" {
		return newError(interp.TypeError, "unhashable type: '%s'", k.unhashable)
	}
	switch kv := k.v.(type) {
	case lua.LNumber:
		n := float64(kv)
		if math.IsNaN(n) {
			return unpicklingError("%s nan cannot be a Lua table key", what)
		}
		if n >= 1 && n < float64(lua.MaxArrayIndex) && n == math.Trunc(n) {
			reach := m.arrays[t]
			if gap := int(n) - 1 - reach; gap > 0 {
				if m.padding += gap; m.padding > maxPadding {
					return unpicklingError("%s %d is too sparse: a Lua table holds integer keys up to 2^26 in an array, and this one needs %d empty slots below it (at most %d in one loads)", what, int(n), gap, maxPadding)
				}
			}
			m.arrays[t] = max(reach, int(n))
		}
	case lua.LString:
		// Python's b'a' and 'a' are two keys; in Lua both are the string
		// "a", so one would silently replace the other.
		if t.RawGet(kv) != lua.LNil && interp.IsBytesKey(t, kv) != k.isBytes() {
			return unpicklingError("%s %s and %s are one Lua string: a Lua table cannot hold both as keys", what, interp.QuoteBytes(string(kv)), interp.QuoteString(string(kv)))
		}
	}
	t.RawSet(k.v, v.v)
	if k.isBytes() {
		interp.MarkBytesKey(t, k.v.(lua.LString))
	}
	if v.isBytes() {
		interp.MarkBytes(t, k.v)
	}
	return nil
}

// setItems is dict[k] = v for each pair, on whatever target the pickle
// names: a dict as CPython's fast path, a list by index as its
// __setitem__ would, anything else refused with Python's text.
func (m *machine) setItems(target item, pairs []item) error {
	t, _ := target.v.(*lua.LTable)
	for i := 0; i+1 < len(pairs); i += 2 {
		k, v := pairs[i], pairs[i+1]
		switch target.kind {
		case kDict:
			if err := m.setKey(t, k, v, "dict key"); err != nil {
				return err
			}
		case kList:
			if k.kind != kInt && k.kind != kBool {
				return newError(interp.TypeError, "list indices must be integers or slices, not %s", kindNames[k.kind])
			}
			n, idx := t.Len(), int64(lua.LVAsNumber(k.v))
			if idx < 0 {
				idx += int64(n)
			}
			if idx < 0 || idx >= int64(n) {
				return newError(interp.IndexError, "list assignment index out of range")
			}
			t.RawSetInt(int(idx)+1, v.v)
			if v.isBytes() {
				interp.MarkBytes(t, lua.LNumber(idx+1))
			}
		default:
			return newError(interp.TypeError, "'%s' object does not support item assignment", kindNames[target.kind])
		}
	}
	return nil
}

// addTo adds elements to a set (ADDITEMS; FROZENSET builds its own).
func (m *machine) addTo(t *lua.LTable, what string, elems []item) error {
	for _, e := range elems {
		if err := m.setKey(t, e, item{v: lua.LTrue, kind: kBool}, what); err != nil {
			return err
		}
	}
	return nil
}

// memoIndex reads a memo index of the opcode's form.
func (m *machine) memoIndex(op byte) (int64, error) {
	switch op {
	case 'q', 'h':
		n, err := m.readSize(1)
		return int64(n), err
	case 'r', 'j':
		n, err := m.readSize(4)
		return int64(n), err
	}
	line, err := m.readLine()
	if err != nil {
		return 0, err
	}
	n, ok := parseDecimal(line)
	if !ok {
		return 0, invalidLiteral(line)
	}
	return n, nil
}

func (m *machine) get(op byte) error {
	i, err := m.memoIndex(op)
	if err != nil {
		return err
	}
	it, ok := m.memo[i]
	if !ok {
		return unpicklingError("Memo value not found at index %d", i)
	}
	m.push(it)
	return nil
}

func (m *machine) put(op byte) error {
	var i int64
	if op == 0x94 { // MEMOIZE
		i = int64(len(m.memo))
	} else {
		var err error
		if i, err = m.memoIndex(op); err != nil {
			return err
		}
		if i < 0 {
			return newError(interp.ValueError, "negative PUT argument")
		}
	}
	top, err := m.top()
	if err != nil {
		return err
	}
	m.memo[i] = *top
	return nil
}

func le32(b []byte) int32 { return int32(binary.LittleEndian.Uint32(b)) }
