package interp

import (
	"runtime"
	"sync"
	"weak"

	lua "github.com/yuin/gopher-lua"
)

// Python has two string types, bytes and str; Lua has one. Data a socket
// receives stays a plain Lua string, so that data == "", data:upper() and
// .. keep working, and a string standing alone carries no type. But where
// netlua builds a Python value that holds strings (struct.unpack's tuple,
// recvfrom's (data, address), what pickle.loads returns), it knows which
// of them are bytes, and the learner should see it as Python shows it:
// (b'abc', 513), not ('abc', 513). And pickle.dumps must write those
// strings back as bytes, so a value makes the round trip unchanged.
//
// The rule: the mark is on the container's slot, not on the string (Lua
// strings are values: every "abc" is the same "abc"). MarkBytes records
// that t[key] holds bytes, and which string it held; IsBytes asks whether
// the slot still holds that string. Assigning a different string to the slot
// ends the mark, so t[1] = "text" prints as 'text' again. A bytes key (of
// a dict, or an element of a set, which netlua keeps as {[element] =
// true}) is marked with MarkBytesKey, and stays bytes while it is in t.
//
// The marks live beside the tables, in weak references: a table's marks
// go when the table is collected, and tables without marks cost nothing.

// slotMarks are one table's bytes slots.
type slotMarks struct {
	seq    []lua.LString              // slots 1..len(seq): the bytes each held when marked
	seqSet []bool                     // which of seq are marked
	values map[lua.LValue]lua.LString // other slot keys → the bytes each held
	keys   map[lua.LString]bool       // string keys that are bytes
}

// maxSeq bounds the slots kept in seq, so that t[1e9] marked does not make
// a billion-entry slice.
const maxSeq = 1 << 24

// set records that slot key holds s.
func (m *slotMarks) set(key lua.LValue, s lua.LString) {
	if i, ok := seqIndex(key); ok && i <= len(m.seq)+1024 {
		for len(m.seq) <= i {
			m.seq = append(m.seq, "")
			m.seqSet = append(m.seqSet, false)
		}
		m.seq[i], m.seqSet[i] = s, true
		return
	}
	if m.values == nil {
		m.values = make(map[lua.LValue]lua.LString)
	}
	m.values[key] = s
}

// get returns what slot key held when marked, if it was.
func (m *slotMarks) get(key lua.LValue) (lua.LString, bool) {
	if i, ok := seqIndex(key); ok && i < len(m.seq) {
		if m.seqSet[i] {
			return m.seq[i], true
		}
	}
	s, ok := m.values[key]
	return s, ok
}

// seqIndex is key's index in seq: 0 for key 1.
func seqIndex(key lua.LValue) (int, bool) {
	n, ok := key.(lua.LNumber)
	if !ok || n < 1 || n > maxSeq || n != lua.LNumber(int(n)) {
		return 0, false
	}
	return int(n) - 1, true
}

var bytesMarks struct {
	sync.Mutex // cleanups run on their own goroutine, outside the GIL
	tables     map[weak.Pointer[lua.LTable]]*slotMarks

	// The table looked up last, and its marks (nil if it has none): a
	// loads or a repr asks about one table's slots one after another, and
	// weak.Make and the map lookup cost more than the mark itself. Holding
	// the table here keeps it (only it) from being collected meanwhile.
	lastTable *lua.LTable
	last      *slotMarks
}

// marksOf returns t's marks, making them if create is true (else nil when
// t has none). The caller holds bytesMarks.
func marksOf(t *lua.LTable, create bool) *slotMarks {
	if t == bytesMarks.lastTable && (bytesMarks.last != nil || !create) {
		return bytesMarks.last
	}
	if bytesMarks.tables == nil {
		if !create {
			return nil
		}
		bytesMarks.tables = make(map[weak.Pointer[lua.LTable]]*slotMarks)
	}
	wp := weak.Make(t)
	m := bytesMarks.tables[wp]
	defer func() { bytesMarks.lastTable, bytesMarks.last = t, m }()
	if m == nil && create {
		m = &slotMarks{}
		bytesMarks.tables[wp] = m
		runtime.AddCleanup(t, func(wp weak.Pointer[lua.LTable]) {
			bytesMarks.Lock()
			delete(bytesMarks.tables, wp)
			bytesMarks.Unlock()
		}, wp)
	}
	return m
}

// MarkBytes records that t[key] holds a Python bytes value: the string it
// holds now. It does nothing if t[key] is not a string.
func MarkBytes(t *lua.LTable, key lua.LValue) {
	s, ok := t.RawGet(key).(lua.LString)
	if !ok {
		return
	}
	bytesMarks.Lock()
	defer bytesMarks.Unlock()
	marksOf(t, true).set(key, s)
}

// IsBytes reports whether t[key] still holds the string MarkBytes recorded.
func IsBytes(t *lua.LTable, key lua.LValue) bool {
	bytesMarks.Lock()
	defer bytesMarks.Unlock()
	if len(bytesMarks.tables) == 0 {
		return false
	}
	m := marksOf(t, false)
	if m == nil {
		return false
	}
	s, ok := m.get(key)
	return ok && t.RawGet(key) == s
}

// MarkBytesKey records that the string key k of t is a bytes value.
func MarkBytesKey(t *lua.LTable, k lua.LString) {
	bytesMarks.Lock()
	defer bytesMarks.Unlock()
	m := marksOf(t, true)
	if m.keys == nil {
		m.keys = make(map[lua.LString]bool)
	}
	m.keys[k] = true
}

// IsBytesKey reports whether k is a key of t marked by MarkBytesKey and
// still in t.
func IsBytesKey(t *lua.LTable, k lua.LValue) bool {
	s, ok := k.(lua.LString)
	if !ok {
		return false
	}
	bytesMarks.Lock()
	defer bytesMarks.Unlock()
	if len(bytesMarks.tables) == 0 {
		return false
	}
	m := marksOf(t, false)
	return m != nil && m.keys[s] && t.RawGet(k) != lua.LNil
}
