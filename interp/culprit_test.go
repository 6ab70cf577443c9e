package interp_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"netlua/interp/interptest"
)

// culpritCases raise each kind of runtime error Lua 5.1 names the culprit
// of, from each kind of place a value comes from; the messages must be
// lua5.1's, word for word.
const culpritCases = `
local up = nil
local cases = {
	function() foo(1) end,
	function() local t = {} t:nope() end,
	function() local t = {a = {}} t.a.b.c() end,
	function() local t = {} t.x.y = 1 end,
	function() local t = {} t.x.y = t.z end,
	function() return undefinedmod.x end,
	function() local e = {} return "a" .. e end,
	function() local e = {} return e .. "a" end,
	function() local a, b = "x", {} return a .. "-" .. b .. "!" end,
	function() return "a" .. up end,
	function() local n return n + 1 end,
	function() local n return 2 * n end,
	function() return 1 + {} end,
	function() return "10" + {} end,
	function() return up() end,
	function() return (up)() end,
	function() local t = {} return t[1][2] end,
	function() local t = setmetatable({}, {__index = function() return nil end}) return t.x.y end,
	function() local f = function() end return f().x end,
	function() return -{} end,
	function(...) local a = ... return a.b end,
	function() for i = 1, 2 do local v = nil v() end end,
	function() local t = {} t.a = {} t.a.b.c = 1 end,
	function() return math.nope(1) end,
	function() return ("x"):nope() end,
	function() local x = 1 x = x.y end,
	function() local n return #n end,
	function() return #up end,
}
for i, f in ipairs(cases) do
	local ok, e = pcall(f)
	print(i, (tostring(e):gsub("^.-:%d+: ", "")))
end
`

func TestCulpritNamedAsLua51(t *testing.T) {
	lua51, err := exec.LookPath("lua5.1")
	if err != nil {
		t.Skip("lua5.1: not installed")
	}
	script := filepath.Join(t.TempDir(), "culprit.lua")
	if err := os.WriteFile(script, []byte(culpritCases), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command(lua51, script).CombinedOutput()
	if err != nil {
		t.Fatalf("lua5.1: %v\n%s", err, want)
	}
	got := interptest.Run(t, culpritCases)
	gotLines, wantLines := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	if len(gotLines) != len(wantLines) {
		t.Fatalf("netlua:\n%s\nlua5.1:\n%s", got, want)
	}
	for i := range wantLines {
		if gotLines[i] != wantLines[i] {
			t.Errorf("netlua %q\nlua5.1 %q", gotLines[i], wantLines[i])
		}
	}
}

// netlua's own objects say what they are and, for a misspelt method, which
// name was meant (Python 3.12's rule); uncaught errors and errors in
// threads are named too.
func TestCulpritOnNetluaObjects(t *testing.T) {
	out := interptest.Run(t, `
		local ok, e = pcall(function() local e = ValueError("x") return "error: " .. e end)
		print(e)
		ok, e = pcall(function() local t = setmetatable({}, {__name = "thing", __tostring = function() return "T" end}) return t .. "" end)
		print(e)
	`)
	want := "test:2: attempt to concatenate a ValueError value (local 'e'); use tostring(e)\n" +
		"test:4: attempt to concatenate a thing value (local 't'); use tostring(t)\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if got := interptest.Error(t, "local s = 'abc'\ns:uper()"); got != "test:2: string has no method 'uper'; did you mean 'upper'?" {
		t.Errorf("uncaught: got %q", got)
	}
}
