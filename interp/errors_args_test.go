package interp_test

import (
	"os/exec"
	"strings"
	"testing"

	"netlua/interp"
	"netlua/interp/interptest"
)

// argsCases are e.args of exceptions made by calling their class, in Lua
// and in Python, with what CPython 3.11 prints for the Python line. The
// values are the same on every platform (no errno that maps to a subclass
// differently on Windows).
var argsCases = []struct{ lua, py, want string }{
	{`repr(OSError(5, "x").args)`, `repr(OSError(5, "x").args)`, `(5, 'x')`},
	{`tostring(OSError(5, "x").args)`, `str(OSError(5, "x").args)`, `(5, 'x')`},
	{`#OSError(5, "x").args`, `len(OSError(5, "x").args)`, `2`},
	{`OSError(5, "x").args[1]`, `OSError(5, "x").args[0]`, `5`},
	{`OSError(5, "x").args[2]`, `OSError(5, "x").args[1]`, `x`},
	{`repr(TimeoutError("timed out").args)`, `repr(TimeoutError("timed out").args)`, `('timed out',)`},
	{`repr(ValueError().args)`, `repr(ValueError().args)`, `()`},
	{`#ValueError().args`, `len(ValueError().args)`, `0`},
	{`repr(KeyError("k"))`, `repr(KeyError("k"))`, `KeyError('k')`},
	{`repr(KeyError("k").args)`, `repr(KeyError("k").args)`, `('k',)`},
	{`repr(TypeError("a", 1, true).args)`, `repr(TypeError("a", 1, True).args)`, `('a', 1, True)`},
	// OSError keeps (errno, strerror) in args when a filename is given.
	{`repr(OSError(2, "No such file", "f").args)`, `repr(OSError(2, "No such file", "f").args)`, `(2, 'No such file')`},
	// A None inside args is the none sentinel: no hole, nothing lost.
	{`repr(OSError(nil, "x").args)`, `repr(OSError(None, "x").args)`, `(None, 'x')`},
	{`#OSError(nil, "x").args`, `len(OSError(None, "x").args)`, `2`},
	{`OSError(nil, "x").args[1] == none`, `OSError(None, "x").args[0] is None`, `True`},
	{`repr(Exception(1, nil, 3).args)`, `repr(Exception(1, None, 3).args)`, `(1, None, 3)`},
	{`repr(ValueError(nil).args)`, `repr(ValueError(None).args)`, `(None,)`},
	{`repr(ValueError(nil))`, `repr(ValueError(None))`, `ValueError(None)`},
	{`tostring(ValueError(nil))`, `str(ValueError(None))`, `None`},
	{`repr(RuntimeError(1, nil).args)`, `repr(RuntimeError(1, None).args)`, `(1, None)`},
	// OSError's str() with None for errno or strerror, and a None filename,
	// which is no filename (args keep all three then).
	{`tostring(OSError(nil, "x"))`, `str(OSError(None, "x"))`, `[Errno None] x`},
	{`tostring(OSError(5, nil))`, `str(OSError(5, None))`, `[Errno 5] None`},
	{`tostring(OSError(nil, "x", "f"))`, `str(OSError(None, "x", "f"))`, `[Errno None] x: 'f'`},
	{`repr(OSError(5, "x", nil).args)`, `repr(OSError(5, "x", None).args)`, `(5, 'x', None)`},
	{`tostring(OSError(5, "x", nil))`, `str(OSError(5, "x", None))`, `[Errno 5] x`},
	{`OSError(5, "x", nil).filename == nil`, `OSError(5, "x", None).filename is None`, `True`},
	{`tostring(OSError(5))`, `str(OSError(5))`, `5`},
	{`tostring(OSError(1, 2, 3, 4, 5, 6))`, `str(OSError(1, 2, 3, 4, 5, 6))`, `(1, 2, 3, 4, 5, 6)`},
	// The errno field stands alone: nil, not none.
	{`OSError(nil, "x").errno == nil`, `OSError(None, "x").errno is None`, `True`},
	{`OSError(5, "x").args == OSError(5, "x").args`, `OSError(5, "x").args == OSError(5, "x").args`, `True`},
}

// TestExceptionArgsTuple checks that e.args is a tuple printing as
// CPython's, for exceptions made by calling a class.
func TestExceptionArgsTuple(t *testing.T) {
	var lua []string
	for _, c := range argsCases {
		lua = append(lua, "print(pyish("+c.lua+"))")
	}
	// pyish prints Lua's booleans as Python's, so one expectation serves
	// both languages.
	out := interptest.Run(t, `local function pyish(v)
  if v == true then return "True" elseif v == false then return "False" end
  return v
end
`+strings.Join(lua, "\n"))
	got := interptest.Lines(out)
	if len(got) != len(argsCases) {
		t.Fatalf("got %d lines, want %d:\n%s", len(got), len(argsCases), out)
	}
	for i, c := range argsCases {
		if got[i] != c.want {
			t.Errorf("%s = %s, want %s", c.lua, got[i], c.want)
		}
	}
}

// TestExceptionArgsCasesMatchPython runs the Python side of argsCases in
// python3, so the written-down expectations stay CPython's.
func TestExceptionArgsCasesMatchPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3: not installed")
	}
	var src []string
	for _, c := range argsCases {
		src = append(src, "print("+c.py+")")
	}
	out, err := exec.Command(py, "-c", strings.Join(src, "\n")).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := interptest.Lines(string(out))
	for i, c := range argsCases {
		if i >= len(got) || got[i] != c.want {
			t.Errorf("python3: %s printed %q, written down %q", c.py, got[min(i, len(got)-1)], c.want)
		}
	}
}

// TestRaisedErrorArgs checks the args of errors netlua raises itself
// (Raise, RaiseErrno) and that SystemExit(nil) still exits with status 0
// now that its None argument is the none sentinel.
func TestRaisedErrorArgs(t *testing.T) {
	out := interptest.Run(t, `
local ok, e = pcall(function() local x = {} .. 1 end)
print(type(e))
ok, e = pcall(error, ValueError("bad value"))
print(repr(e.args), tostring(e.args), #e.args)
local n = 0
for k, v in pairs(OSError(5, "x").args) do n = n + 1 end
print(n)
`)
	want := "string\n('bad value',)\t('bad value',)\t1\n2\n"
	if out != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out, want)
	}
}

// TestSystemExitNone: SystemExit(nil) holds None in its args (as none) and
// still ends the program with status 0, as sys.exit(None) does; a number is
// the status, a message status 1 with the message printed.
func TestSystemExitNone(t *testing.T) {
	cases := []struct {
		src  string
		code int
		msg  string
	}{
		{`error(SystemExit(nil))`, 0, ""},
		{`error(SystemExit())`, 0, ""},
		{`error(SystemExit(3))`, 3, ""},
		{`error(SystemExit("bye"))`, 1, "bye\n"},
	}
	for _, c := range cases {
		rt := interptest.New(t)
		err := rt.RunString(c.src, "test")
		if err == nil {
			t.Fatalf("%s: no error", c.src)
		}
		e := interp.FromLuaError(rt.Runtime, err)
		if e.ExitCode() != c.code || e.ExitMessage() != c.msg {
			t.Errorf("%s: exit %d %q, want %d %q", c.src, e.ExitCode(), e.ExitMessage(), c.code, c.msg)
		}
	}
}
