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
	values map[lua.LValue]lua.LString // slot key → the bytes it held when marked
	keys   map[lua.LString]bool       // string keys that are bytes
}

var bytesMarks struct {
	sync.Mutex // cleanups run on their own goroutine, outside the GIL
	tables     map[weak.Pointer[lua.LTable]]*slotMarks
}

// marksOf returns t's marks, making them if make is true (else nil when t
// has none). The caller holds bytesMarks.
func marksOf(t *lua.LTable, create bool) *slotMarks {
	if bytesMarks.tables == nil {
		if !create {
			return nil
		}
		bytesMarks.tables = make(map[weak.Pointer[lua.LTable]]*slotMarks)
	}
	wp := weak.Make(t)
	m := bytesMarks.tables[wp]
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
	m := marksOf(t, true)
	if m.values == nil {
		m.values = make(map[lua.LValue]lua.LString)
	}
	m.values[key] = s
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
	s, ok := m.values[key]
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
