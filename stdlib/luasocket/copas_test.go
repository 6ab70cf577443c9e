package luasocket_test

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"netlua/interp"
	"netlua/stdlib/luasocket"
)

// TestCopas runs a copas program (testdata/copas) under real LuaSocket and
// under netlua, unchanged: copas finds itself on the `lua` command's
// package.path, its coroutines yield inside socket calls, and the error
// that ends one names its culprit as Lua 5.1 does.
func TestCopas(t *testing.T) {
	lua := realLuaSocket(t)
	check := exec.Command(lua, "-e", `require("copas")`)
	check.Dir = t.TempDir() // not here: this directory has a socket.lua of its own
	if err := check.Run(); err != nil {
		t.Skip("lua-copas: not installed for lua5.1 (apt-get install lua-copas): no copas test")
	}
	file := "testdata/copas/echo.lua"
	// lua5.1 shortens a long path to "...its tail" (LUA_IDSIZE); netlua
	// shows it whole, as Python does: both become FILE.
	abs, _ := filepath.Abs(file)
	path := regexp.MustCompile(`(\.\.\.)?[^\s:]*` + regexp.QuoteMeta(filepath.Base(file)))
	normalizePath := func(s string) string { return path.ReplaceAllString(strings.ReplaceAll(s, abs, file), "FILE") }
	want := normalizePath(normalize(runReal(t, lua, file)))
	// copas refuses to load after socket.http (it patches LuaSocket for
	// its own use): a runtime that has not imported it.
	var mods []*interp.Module
	for _, m := range modules {
		if m != luasocket.HTTP {
			mods = append(mods, m)
		}
	}
	got := normalizePath(normalize(runWith(t, mods, file)))
	if got != want {
		t.Errorf("netlua and LuaSocket differ\n%s", lineDiff(want, got))
	}
	if want == "" {
		t.Error("the program printed nothing")
	}
}
