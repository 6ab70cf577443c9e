package interp_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"netlua/interp/interptest"
)

// formatCases are string.format calls whose output Lua 5.1 defines: netlua
// must print what lua5.1 prints for each.
const formatCases = `
local cases = {
 {"%s %5.2f %d %%", 7, 1.5, 3},
 {"%5s|%-5s|%.2s", "ab", "cd", "xyz"},
 {"%5s|", "测"},
 {"%x %X %o %5.1e %g %g %g", 255, 255, 8, 12345.678, 0.1+0.2, 1e20, 100},
 {"%q", 'a"b\\c\nd\0e\r'},
 {"%c%c", 72, 105},
 {"%d %i", "12", 3.9},
 {"%x", -1},
 {"%03d|%+d|% d|%-4d|", 7, 7, 7, 7},
 {"%g %g %G", 1/0, -1/0, 1e-10},
 {"%.3f %10.4f %-10.1e|", 2/3, math.pi, 12345},
 {"%#x %#o", 255, 8},
}
for _, c in ipairs(cases) do print(string.format(unpack(c))) end
-- errors, without the chunk's name
for _, c in ipairs({{"%d", "x"}, {"%d"}, {"%y", 1}, {"%123d", 1}}) do
 local ok, e = pcall(function() return string.format(unpack(c)) end)
 print(ok, (e:gsub("^.-:%d+: ", "")))
end
`

func TestStringFormatMatchesLua51(t *testing.T) {
	lua51, err := exec.LookPath("lua5.1")
	if err != nil {
		t.Skip("lua5.1: not installed")
	}
	script := filepath.Join(t.TempDir(), "format.lua")
	if err := os.WriteFile(script, []byte(formatCases), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command(lua51, script).CombinedOutput()
	if err != nil {
		t.Fatalf("lua5.1: %v\n%s", err, want)
	}
	got := interptest.Run(t, formatCases)
	if got != string(want) {
		t.Errorf("netlua:\n%s\nlua5.1:\n%s", got, want)
	}
}

// %s converts with tostring, as Lua 5.2+ does, so netlua's objects format as
// Python's %s shows them.
func TestStringFormatHonoursToString(t *testing.T) {
	got := interptest.Run(t, `
		print(("Connected by %s"):format(setmetatable({}, {__tostring = function() return "('127.0.0.1', 5000)" end})))
		print(string.format("error: %s", OSError(111, "Connection refused")))
		print(string.format("%s|%s|%-12s|", nil, true, ValueError("bad")))
		print(string.format("%.4s", TimeoutError("timed out")))
	`)
	want := "Connected by ('127.0.0.1', 5000)\nerror: [Errno 111] Connection refused\nnil|true|bad         |\ntime\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
