// Workaround for gopher-lua 1.1.2's libraries allocating whatever their
// arguments ask for (no upstream issue: Go cannot fail an allocation the
// way C's malloc does, so gopher-lua never checks). string.rep("x", 2^40)
// asked Go for a terabyte, a fatal error no pcall catches;
// string.format("%999999999d") handed the width to Go's fmt; unpack({}, 1,
// 2^40) and string.byte of a long string pushed values until the registry
// overflowed, an error the pcall handler then had no room to handle (a Go
// panic); table.concat could build a result far larger than its table;
// file:read(n) and io.read(n) allocate n bytes before reading.
//
// What it changes: each of those functions is wrapped to check the request
// first (against the memory available, interp/limits.go; Lua 5.1's limits
// on format specs and result counts) and to raise Lua 5.1's own errors,
// then to call gopher-lua's function unchanged; reads of more than 64 KiB
// go a chunk at a time.
//
// Proof: TestLuaLibraryRequestsTooBigAreCatchable and TestReadHugeCount
// (limits_test.go) end the test binary with Go's fatal error without it.
// Remove a wrapper when gopher-lua checks that size itself.

package interp

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// maxResults is how many values unpack and string.byte may return at once:
// a quarter of the registry (RegistryMaxSize), so the values and the calls
// around them still fit. Lua 5.1 stops at its C stack's 8,000.
const maxResults = 1 << 18

// guardLuaLibs installs the checked string.rep, string.format,
// string.byte, table.concat, unpack, file:read and io.read.
func guardLuaLibs(L *lua.LState) {
	str := L.GetGlobal("string").(*lua.LTable)
	guard(L, str, "rep", func(L *lua.LState) {
		s := L.CheckString(1)
		if n := L.CheckInt(2); n > 0 {
			CheckLuaSize(L, MulSize(int64(len(s)), int64(n)))
		}
	})
	guard(L, str, "format", func(L *lua.LState) { checkFormat(L, L.CheckString(1)) })
	str.RawSetString("gsub", L.NewFunction(stringGsub))
	guard(L, str, "byte", func(L *lua.LState) {
		n := int64(len(L.CheckString(1)))
		i, j := strIndex(int64(L.OptInt(2, 1)), n), strIndex(int64(L.OptInt(3, L.OptInt(2, 1))), n)
		if j-i+1 > maxResults {
			luaError(L, "stack overflow (string slice too long)")
		}
	})
	tab := L.GetGlobal("table").(*lua.LTable)
	guard(L, tab, "concat", func(L *lua.LState) {
		// A list of a hundred references to one 1 GiB string asks for
		// 100 GiB: add up the lengths first. The scan stops where
		// gopher-lua's concat will stop with its own error.
		t := L.CheckTable(1)
		sep := int64(len(L.OptString(2, "")))
		i, j := int64(L.OptInt(3, 1)), int64(L.OptInt(4, t.Len()))
		var total int64
		for k := i; k <= j; k++ {
			v := t.RawGetInt(int(k))
			if _, ok := v.(lua.LString); !ok {
				if _, ok := v.(lua.LNumber); !ok {
					return
				}
			}
			total += int64(len(lua.LVAsString(v))) + sep
			if total >= checkedSize && !Fits(total) {
				L.Error(lua.LString("not enough memory"), 0)
			}
		}
	})
	guardRead(L)
	guard(L, L.G.Global, "unpack", func(L *lua.LState) {
		t := L.CheckTable(1)
		i, j := int64(L.OptInt(2, 1)), int64(L.OptInt(3, t.Len()))
		if i <= j && (j-i >= maxResults || j-i < 0) {
			luaError(L, "too many results to unpack")
		}
	})
}

// luaError raises msg as Lua 5.1's luaL_error does, after the position of
// the Lua code that called the library function ("test:1: "), or none
// when a Go function (pcall) called it. Memory errors have no position.
func luaError(L *lua.LState, msg string) {
	L.Error(lua.LString(callerWhere(L)+msg), 0)
}

// guard replaces t[name], a gopher-lua function, with one that runs check
// on the same arguments first and then calls it.
func guard(L *lua.LState, t *lua.LTable, name string, check func(L *lua.LState)) {
	orig := t.RawGetString(name).(*lua.LFunction).GFunction
	t.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
		check(L)
		return orig(L)
	}))
}

// strIndex is Lua 5.1's posrelat clipped to the string, as str_byte does.
func strIndex(pos, n int64) int64 {
	if pos < 0 {
		pos += n + 1
	}
	return max(min(pos, n), 1)
}

// checkFormat applies Lua 5.1's checks on string.format's specifications:
// at most five flags, two digits of width and of precision, and a known
// conversion. Widths of three digits and more are what would make Go's fmt
// allocate from an argument.
func checkFormat(L *lua.LState, format string) {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		start := i
		for i < len(format) && strings.IndexByte("-+ #0", format[i]) >= 0 {
			i++
		}
		if i-start >= 6 {
			luaError(L, "invalid format (repeated flags)")
		}
		i = skipDigits(L, format, i)
		if i < len(format) && format[i] == '.' {
			i = skipDigits(L, format, i+1)
		}
		if i >= len(format) || strings.IndexByte("cdiouxXeEfgGqs", format[i]) < 0 {
			c := ""
			if i < len(format) {
				c = format[i : i+1]
			}
			luaError(L, "invalid option '%"+c+"' to 'format'")
		}
	}
}

// skipDigits passes at most two digits, as Lua 5.1's scanformat does.
func skipDigits(L *lua.LState, format string, i int) int {
	for n := 0; i < len(format) && format[i] >= '0' && format[i] <= '9'; n++ {
		if n == 2 {
			luaError(L, "invalid format (width or precision too long)")
		}
		i++
	}
	return i
}

// readChunk is how much one read of a file asks gopher-lua for at a time.
const readChunk = 64 << 10

// guardRead replaces file:read and io.read. gopher-lua's read(n) allocates
// n bytes before reading, and again at each short read (io.read(2^40) was
// a fatal out-of-memory error; read(1e9) of a pipe allocated a gigabyte per
// 64 KiB read). A count above readChunk is read a chunk at a time instead,
// as Lua's own luaL_Buffer does, stopping at a short read; other formats
// go to gopher-lua's read unchanged.
func guardRead(L *lua.LState) {
	meta, ok := L.GetTypeMetatable("FILE*").(*lua.LTable)
	if !ok {
		return
	}
	read := meta.RawGetString("read").(*lua.LFunction)
	meta.RawSetString("read", L.NewFunction(func(L *lua.LState) int {
		if !bigCount(L, 2) {
			return read.GFunction(L) // on this frame: its errors name "read"
		}
		return chunkedRead(L, read, L.Get(1), 2)
	}))
	// io.read finds the default input in its closure's upvalue: the
	// replacement gets the same one, so gopher-lua's can run on its frame.
	io := L.GetGlobal("io").(*lua.LTable)
	ioRead := io.RawGetString("read").(*lua.LFunction)
	input := io.RawGetString("input")
	io.RawSetString("read", L.NewClosure(func(L *lua.LState) int {
		if !bigCount(L, 1) {
			return ioRead.GFunction(L)
		}
		L.Push(input)
		L.Call(0, 1)
		file := L.Get(-1)
		L.Pop(1)
		return chunkedRead(L, read, file, 1)
	}, ioRead.Upvalues[0].Value()))
}

// bigCount reports whether a read format from stack index first on is a
// count above readChunk.
func bigCount(L *lua.LState, first int) bool {
	for i := first; i <= L.GetTop(); i++ {
		if n, ok := L.Get(i).(lua.LNumber); ok && n > readChunk {
			return true
		}
	}
	return false
}

// chunkedRead is file:read with the formats from stack index first on,
// one at a time, counts above readChunk a chunk at a time.
func chunkedRead(L *lua.LState, read *lua.LFunction, file lua.LValue, first int) int {
	call := func(args ...lua.LValue) []lua.LValue {
		top := L.GetTop()
		L.Push(read)
		L.Push(file)
		for _, a := range args {
			L.Push(a)
		}
		L.Call(1+len(args), lua.MultRet)
		res := make([]lua.LValue, L.GetTop()-top)
		for i := range res {
			res[i] = L.Get(top + 1 + i)
		}
		L.SetTop(top)
		return res
	}
	var results []lua.LValue
	for i := first; i <= L.GetTop(); i++ {
		var v []lua.LValue
		if n, ok := L.Get(i).(lua.LNumber); ok && n > readChunk {
			v = readCount(L, call, int64(n))
		} else {
			v = call(L.Get(i))
		}
		results = append(results, v...)
		if len(v) != 1 || v[0] == lua.LNil {
			break // Lua stops at the first format that fails
		}
	}
	for _, v := range results {
		L.Push(v)
	}
	return len(results)
}

// readCount reads up to n bytes a chunk at a time: nil at end of file, as
// read(n) gives.
func readCount(L *lua.LState, call func(...lua.LValue) []lua.LValue, n int64) []lua.LValue {
	var b strings.Builder
	for int64(b.Len()) < n {
		want := min(int64(readChunk), n-int64(b.Len()))
		v := call(lua.LNumber(want))
		s, ok := v[0].(lua.LString)
		if !ok {
			if b.Len() > 0 {
				break
			}
			return v
		}
		b.WriteString(string(s))
		if int64(len(s)) < want {
			break
		}
		if !Fits(int64(b.Len()) + readChunk) {
			L.Error(lua.LString("not enough memory"), 0)
		}
		Checkpoint(L)
	}
	return []lua.LValue{lua.LString(b.String())}
}
