package interp_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// Each of these ended the process before the guards (a Go "fatal error",
// or a panic pcall could not catch); each must now be an error that pcall
// catches, with Lua 5.1's text, and the script goes on.
func TestLuaLibraryRequestsTooBigAreCatchable(t *testing.T) {
	cases := []struct{ call, want string }{
		{`string.rep("x", 2^40)`, "not enough memory"},
		{`string.rep("xx", 2^62)`, "not enough memory"},
		{`("x"):rep(2^50)`, "not enough memory"},
		{`string.format("%999999999d", 1)`, "invalid format (width or precision too long)"},
		{`string.format("%.100f", 1)`, "invalid format (width or precision too long)"},
		{`string.format("%------5d", 1)`, "invalid format (repeated flags)"},
		{`string.format("%y", 1)`, "invalid option '%y' to 'format'"},
		{`unpack({}, 1, 2^40)`, "too many results to unpack"},
		{`unpack({}, 1, 2^20)`, "too many results to unpack"},
		{`unpack({}, -2^62, 2^62)`, "too many results to unpack"},
		{`string.byte(("x"):rep(2^20), 1, -1)`, "stack overflow (string slice too long)"},
		{`table.concat((function() local s, t = ("x"):rep(2^24), {} for i = 1, 2^18 do t[i] = s end return t end)())`, "not enough memory"},
	}
	for _, c := range cases {
		// Lua 5.1 puts the calling line in front of a library's error,
		// not of a memory error.
		want := "false\ttest:1: " + c.want + "\nwent on\n"
		if c.want == "not enough memory" {
			want = "false\t" + c.want + "\nwent on\n"
		}
		out := interptest.Run(t, `local ok, e = pcall(function() return `+c.call+` end) print(ok, e) print("went on")`)
		if out != want {
			t.Errorf("%s: got %q, want %q", c.call, out, want)
		}
	}
	// What fits still works, as in Lua.
	out := interptest.Run(t, `print(#string.rep("ab", 3), string.format("%5.2f|%-3d|%99d", 1.5, 2, 3):sub(1, 12), select("#", unpack({}, 1, 1000)), #{string.byte(("x"):rep(5000), 1, -1)})`)
	if want := "6\t 1.50|2  |  \t1000\t5000\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// A syntax tree deeper than the compiler can walk safely is Lua's "chunk
// has too many syntax levels", fast, for every shape that nests: brackets,
// tables, blocks, right- and left-associative chains, field chains.
func TestCompilerDepthIsBounded(t *testing.T) {
	for _, src := range []string{
		`"return " .. string.rep("1 .. ", 300000) .. "1"`,
		`"return " .. string.rep("2^", 300000) .. "1"`,
		`"return " .. string.rep("1 + ", 300000) .. "1"`,
		`"return " .. string.rep("{", 100000) .. string.rep("}", 100000)`,
		`"return " .. string.rep("f(", 100000) .. string.rep(")", 100000)`,
		`"return " .. string.rep("a.", 100000) .. "b"`,
		`string.rep("do ", 100000) .. string.rep("end ", 100000)`,
		`"if x then " .. string.rep("elseif x then ", 100000) .. "end"`,
		`string.rep("return function() ", 100000) .. string.rep("end ", 100000)`,
	} {
		out := interptest.Run(t, `print(loadstring(`+src+`, "=deep"))`)
		if want := "nil\tdeep:1: chunk has too many syntax levels\n"; out != want {
			t.Errorf("%s: got %q, want %q", src, out, want)
		}
	}
	out := interptest.Run(t, `x = 1 print(loadstring("return " .. string.rep("x + ", 990) .. "x")())`)
	if out != "991\n" {
		t.Errorf("a chain of 990 additions: got %q", out)
	}
}

// MemoryError and RecursionError exist as Python's, with Python's bases.
func TestMemoryAndRecursionErrorClasses(t *testing.T) {
	out := interptest.Run(t, `print(MemoryError, isinstance(MemoryError(), Exception), isinstance(RecursionError("x"), RuntimeError), tostring(RecursionError("x")))`)
	if want := "<class 'MemoryError'>\ttrue\ttrue\tx\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	if strings.Contains(out, "nil") {
		t.Error(out)
	}
}

// A Ctrl-C that arrives during a library call which does not look at it
// (here the call itself delivers it, so the moment is certain) must not be
// lost when the chunk ends right after: the run ends with KeyboardInterrupt.
func TestInterruptDuringLastLibraryCallIsRaised(t *testing.T) {
	rt := interptest.New(t)
	rt.L.SetGlobal("ctrl_c_now", rt.L.NewFunction(func(L *lua.LState) int {
		rt.Interrupt()
		return 0
	}))
	err := rt.RunString(`ctrl_c_now()`, "test")
	if err == nil {
		t.Fatal("the chunk ended normally: the Ctrl-C was lost")
	}
	if e := interp.FromLuaError(rt.Runtime, err); !e.IsA(interp.KeyboardInterrupt) || e.ExitCode() != 130 {
		t.Fatalf("got %v (exit %d), want KeyboardInterrupt (exit 130)", e.Report(), e.ExitCode())
	}
	if err := rt.RunString(`x = 1`, "test"); err != nil {
		t.Fatalf("the next chunk saw the same Ctrl-C again: %v", err)
	}
}

// repr of a nested table deeper than the limit is CPython's RecursionError
// (it was a Go stack overflow, fatal), through every shape that nests:
// lists, dicts, tuples, exceptions.
func TestReprDepthIsBounded(t *testing.T) {
	rt := interptest.New(t)
	rt.L.SetGlobal("tuple", rt.L.NewFunction(func(L *lua.LState) int {
		L.Push(interp.NewTuple(L, L.Get(1)))
		return 1
	}))
	err := rt.RunString(`
		local function nest(wrap) local t = {} for i = 1, 100000 do t = wrap(t) end return t end
		for _, wrap in ipairs{
			function(t) return {t} end,
			function(t) return {k = t} end,
			function(t) return tuple(t) end,
			function(t) return ValueError(t) end,
		} do
			local ok, e = pcall(repr, nest(wrap))
			print(ok, isinstance(e, RecursionError), tostring(e))
		end
		print(repr({{{1}}}))`, "test")
	if err != nil {
		t.Fatal(err)
	}
	out := rt.Stdout.String()
	want := strings.Repeat("false\ttrue\tmaximum recursion depth exceeded while getting the repr of an object\n", 4) + "[[[1]]]\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// Coroutines resumed one inside another are bounded as in Lua 5.1 (200,
// "C stack overflow"): a million nested resumes ended the process with a
// Go stack overflow or out of memory.
func TestNestedResumeIsBounded(t *testing.T) {
	out := interptest.Run(t, `
		local function viaResume(n)
			if n == 0 then return "bottom" end
			return select(2, coroutine.resume(coroutine.create(viaResume), n - 1))
		end
		print(viaResume(1e6), viaResume(150))
		local function viaWrap(n)
			if n == 0 then return "bottom" end
			return coroutine.wrap(viaWrap)(n - 1)
		end
		local ok, e = pcall(viaWrap, 1e6)
		print(ok, (e:gsub("^.*: ", "")), viaWrap(150))
		-- the count goes back down: a later coroutine runs
		print(coroutine.wrap(function() return "again" end)())`)
	if want := "C stack overflow\tbottom\nfalse\tC stack overflow\tbottom\nagain\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// Ctrl-C during repr of a long table stops it from inside (pcall sees
// KeyboardInterrupt): the walk reaches interp.Checkpoint.
func TestCtrlCStopsLongRepr(t *testing.T) {
	rt := interptest.New(t)
	if err := rt.RunString(`long = {} for i = 1, 5e6 do long[i] = {i} end`, "setup"); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(50*time.Millisecond, rt.Interrupt)
	defer timer.Stop()
	if err := rt.RunString(`local ok, e = pcall(repr, long) print(ok, isinstance(e, KeyboardInterrupt))`, "test"); err != nil {
		t.Fatalf("the interrupt escaped the pcall: %v", err)
	}
	if out := rt.Stdout.String(); out != "false\ttrue\n" {
		t.Errorf("got %q, want KeyboardInterrupt from inside repr", out)
	}
}

// Lua calls nest as deep as in Lua 5.1 (about 20,000; gopher-lua's default
// of 256 failed a recursive sum of 300), and deeper recursion is a
// catchable error, also when every level goes through Go (metamethods).
// bindings/threading tests the 2,000 of a thread.
func TestCallDepthIsLuas(t *testing.T) {
	out := interptest.Run(t, `
		local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end
		print(f(300), f(19000), pcall(f, 1e6))
		local function h(n)
			if n == 0 then return "0" end
			return tostring(setmetatable({}, {__tostring = function() return h(n - 1) end}))
		end
		print(h(1000), pcall(h, 1e6))`)
	if want := "300\t19000\tfalse\tlua callstack overflow\n0\tfalse\tlua callstack overflow\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// read(n) of a file allocated n bytes first: read(2^40) was a fatal
// out-of-memory error. Counts above 64 KiB are read a chunk at a time, as
// Lua's own buffer does, with read's results unchanged.
func TestReadHugeCount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(path, []byte(strings.Repeat("0123456789", 20000)+"\nlast\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := interptest.Run(t, `
		local f = assert(io.open(`+interp.QuoteString(path)+`, "rb"))
		local all = f:read(2^40)
		print(#all, f:read(2^40), f:read(1))
		f:seek("set", 199995)
		print(f:read(100000, "*l"))
		f:seek("set", 0)
		print(#f:read(70000), #f:read(2^62), f:read(2^31))
		f:seek("set", 0)
		io.input(f)
		print(#io.read(2^40), io.read(2^40))
		f:close()`)
	if want := "200006\tnil\tnil\n56789\nlast\n\tnil\n70000\t130006\tnil\n200006\tnil\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
