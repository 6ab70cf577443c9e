package interp_test

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"netlua/interp/interptest"
)

// gsubCases print what string.gsub gives for each kind of replacement
// (string with %0-%9 and %x, table, function, false and nil values, a
// position capture, a limit) and for its errors.
const gsubCases = `
print(("abc"):gsub("b", "%%"))
print(("abc"):gsub("b", "%1"))
print(pcall(string.gsub, "abc", "b", "%2"))
print(pcall(function() return ("abc"):gsub("b", "%2") end))
print(("abc"):gsub("(b)", "[%1%0]"))
print(("abc"):gsub("b", "%x"))
print(("abc"):gsub("()b", "%1"))
print(("hello world"):gsub("o", {o = "0"}))
print(("hello world"):gsub("(o)", {}))
print(("hello world"):gsub("%w+", function(w) return w:upper() end, 1))
print(("hello world"):gsub("%w+", function(w) return nil end))
print(("hello world"):gsub("%w+", function(w) return false end))
print(("hello world"):gsub("(%w+) (%w+)", "%2 %1"))
print(("hello"):gsub("", "-"))
print(("abc"):gsub(".", {a = 1, b = 2.5}))
print(pcall(function() return ("abc"):gsub(".", {a = true}) end))
print(pcall(function() return ("abc"):gsub(".", function() return {} end) end))
print(("abc"):gsub("b", "x", 0))
print(("abc"):gsub("b", "x", -1))
print(("a.b"):gsub("%.", "%%"))
print(("x = 1, y = 2"):gsub("(%w+) = (%w+)", "%2 = %1"))
print(("abc"):gsub("b", 7))
`

// string.gsub is netlua's own (gopher-lua's copied the whole subject for
// every replacement): it must answer as Lua 5.1 does, case by case.
func TestGsubIsLua51s(t *testing.T) {
	lua51, err := exec.LookPath("lua5.1")
	if err != nil {
		t.Skip("SKIP: lua5.1 is not installed; this test compares with it")
	}
	want, err := exec.Command(lua51, "-e", gsubCases).CombinedOutput()
	if err != nil {
		t.Fatalf("lua5.1: %v\n%s", err, want)
	}
	rt := interptest.New(t)
	if err := rt.RunString(gsubCases, "(command line)"); err != nil {
		t.Fatal(err)
	}
	got := rt.Stdout.String()
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range wl {
			if i >= len(gl) || gl[i] != wl[i] {
				t.Errorf("line %d: got %q, lua5.1 %q", i+1, gl[min(i, len(gl)-1)], wl[i])
			}
		}
	}
}

// A gsub of millions of replacements is linear, reaches the checkpoint
// (Ctrl-C stops it from inside: pcall sees KeyboardInterrupt), and a
// result beyond memory is "not enough memory".
func TestGsubLongAndHuge(t *testing.T) {
	rt := interptest.New(t)
	if err := rt.RunString(`s = ("a"):rep(3e6)`, "setup"); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(50*time.Millisecond, rt.Interrupt)
	defer timer.Stop()
	if err := rt.RunString(`
		local ok, e = pcall(string.gsub, s, "a", "b")
		print(ok, isinstance(e, KeyboardInterrupt))
		print(pcall(string.gsub, ("a"):rep(1e6), "", ("x"):rep(1e6)))
		print(#(("a"):rep(1e5):gsub("a", "bc")))`, "test"); err != nil {
		t.Fatalf("the interrupt escaped the pcall: %v", err)
	}
	if out, want := rt.Stdout.String(), "false\ttrue\nfalse\tnot enough memory\n200000\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
