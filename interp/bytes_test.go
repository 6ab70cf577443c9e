package interp_test

import (
	"runtime"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// TestBytesMarks: a slot marked as bytes prints as b'...' in tuples, lists
// and dicts (values and keys) until a different string is put there; the
// marks go when their tables are collected.
func TestBytesMarks(t *testing.T) {
	rt := interptest.New(t)
	// mark(t, key) and markkey(t, key) stand for a module that builds a
	// Python value (struct.unpack, pickle.loads).
	rt.L.SetGlobal("mark", rt.L.NewFunction(func(L *lua.LState) int {
		interp.MarkBytes(L.CheckTable(1), L.Get(2))
		return 0
	}))
	rt.L.SetGlobal("markkey", rt.L.NewFunction(func(L *lua.LState) int {
		interp.MarkBytesKey(L.CheckTable(1), lua.LString(L.CheckString(2)))
		return 0
	}))
	rt.L.SetGlobal("tuple", rt.L.NewFunction(func(L *lua.LState) int {
		L.Push(interp.NewTuple(L, L.Get(1), L.Get(2)))
		return 1
	}))
	err := rt.RunString(`
local t = tuple("abc", 513)
mark(t, 1)
print(t, string.format("%s", t))
local l = {"\0\255", "text", 3}
mark(l, 1) mark(l, 3)
print(repr(l))
l[1] = "other"
print(repr(l))
local d = {k = "v", [1] = "w"}
mark(d, "k") markkey(d, "k")
print(repr(d))
d.k = nil
print(repr(d))
print(t[1] == "abc", #t[1], t[1]:upper())
local odd = {"", [2.5] = "h", [1e9] = "z"}
mark(odd, 1) mark(odd, 2.5) mark(odd, 1e9)
print(repr(odd))
`, "test")
	if err != nil {
		t.Fatal(err)
	}
	want := "(b'abc', 513)\t(b'abc', 513)\n" +
		"[b'\\x00\\xff', 'text', 3]\n" +
		"['other', 'text', 3]\n" +
		"{1: 'w', b'k': b'v'}\n" +
		"['w']\n" + // keys 1..n: a list
		"true\t3\tABC\n" +
		"{1: b'', 2.5: b'h', 1000000000: b'z'}\n"
	if got := rt.Stdout.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}

	before := interp.MarkedTables()
	// The last line asks about a table without marks: bytes.go keeps the
	// table it looked up last, and this lets the last marked one go.
	if err := rt.RunString(`for i = 1, 1000 do mark({"x"}, 1) end
local _ = repr({"y"})`, "test"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for interp.MarkedTables() > before && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := interp.MarkedTables(); n > before {
		t.Errorf("%d tables with marks before, %d after 1,000 marked tables were dropped", before, n)
	}
}
