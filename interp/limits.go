package interp

import (
	"math"

	lua "github.com/yuin/gopher-lua"
)

// Limits on what a script may ask the Go runtime for. Go cannot recover
// from a failed allocation or an exhausted goroutine stack: both end the
// process with a "fatal error" that no pcall can catch. So every size taken
// from an argument is checked before anything is allocated, and every
// recursive walk over script data counts its depth.
//
// Sizes: a request that the machine could not satisfy right now (more than
// the memory available to the process, see availableMemory) fails with
// Python's MemoryError, or Lua's "not enough memory" in Lua's own
// libraries, as CPython's and Lua's failing malloc would; one that could be
// satisfied is attempted, as there. Requests below checkedSize are never
// checked: any machine that runs netlua has that much.
//
// Depth: MaxDepth bounds every recursive walk (repr, pickle, deep copies,
// the compiler's syntax tree), so the Go stack stays far from its 1 GB
// limit whatever the data.

// checkedSize is the smallest request that is compared with the memory
// available: reading it costs a system call or a /proc read.
const checkedSize = 16 << 20

// MaxDepth is how deeply a Go walk may recurse into nested tables: CPython's
// default recursion limit.
const MaxDepth = 1000

// maxCalls is how deeply Lua calls may nest: Lua 5.1's LUAI_MAXCALLS.
const maxCalls = 20000

// threadCalls is how deeply they may nest in a thread that threading
// started: twice CPython's recursion limit, which is the same in every
// thread. gopher-lua allocates a state's frame index up front, 8 bytes per
// level, so at 20,000 levels each thread of a thread-per-connection server
// held 20 KB more (bench's BenchmarkIdleThreadMemory and the 10,000 idle
// connections of netbench, whose 16 KiB target it broke).
const threadCalls = 2000

// MemoryError and RecursionError are Python's, raised where a request could
// not be met or data nests too deeply.
var (
	MemoryError    = NewClass("MemoryError", Exception)
	RecursionError = NewClass("RecursionError", RuntimeError)
)

// Fits reports whether n bytes (or table slots of about that size) could
// be allocated now.
func Fits(n int64) bool {
	if n < checkedSize {
		return n >= 0
	}
	return uint64(n) <= availableMemory()
}

// CheckSize raises MemoryError, as CPython does, unless n bytes could be
// allocated now. Python functions call it before allocating from an
// argument; n is the total (count times item size, computed without
// overflow: see MulSize).
func CheckSize(L *lua.LState, n int64) {
	if !Fits(n) {
		Raise(L, MemoryError, "")
	}
}

// CheckLuaSize is CheckSize for Lua's own library functions: it raises
// Lua's plain "not enough memory", the message of a failed allocation in
// Lua 5.1 (no position, as lua_error gives it).
func CheckLuaSize(L *lua.LState, n int64) {
	if !Fits(n) {
		L.Error(lua.LString("not enough memory"), 0)
	}
}

// MulSize is a*b, or math.MaxInt64 when that overflows (or either is
// negative): a size no machine has, which CheckSize refuses.
func MulSize(a, b int64) int64 {
	if a < 0 || b < 0 {
		return math.MaxInt64
	}
	if a != 0 && b > math.MaxInt64/a {
		return math.MaxInt64
	}
	return a * b
}

// RaiseRecursion raises CPython's RecursionError, "maximum recursion depth
// exceeded" followed by what was being done: " while getting the repr of
// an object", " while pickling an object".
func RaiseRecursion(L *lua.LState, while string) {
	Raise(L, RecursionError, "maximum recursion depth exceeded%s", while)
}
