package interp_test

import (
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

var declError = interp.NewClass("decl.Error", interp.ValueError)

// declModule declares a class and constants of each kind, and nothing by
// hand: the module table and help must both come from the declaration.
var declModule = &interp.Module{
	Name:    "decl",
	Doc:     "A declared module.",
	Classes: []*interp.Class{declError},
	Consts: []interp.Const{
		{Name: "LIMIT", Value: 4},
		{Name: "HALF", Value: 0.5},
		{Name: "MODE", Value: "fast"},
		{Name: "error", Value: interp.OSError},
		{Name: "made", Value: func(L *lua.LState) lua.LValue { return interp.NewTuple(L, lua.LString("a"), lua.LNumber(1)) }},
	},
}

func TestDeclaredClassesAndConsts(t *testing.T) {
	out := interptest.Run(t, `
		print(decl.LIMIT, decl.HALF, decl.MODE, decl.error == OSError, repr(decl.made))
		print(decl.Error, isinstance(decl.Error("x"), ValueError))
		help(decl)
		help("decl.Error")`, declModule)
	for _, want := range []string{
		"4\t0.5\tfast\ttrue\t('a', 1)\n",
		"<class 'decl.Error'>\ttrue\n",
		"module decl\n",
		"    class decl.Error(ValueError)\n",
		"    decl.LIMIT = 4\n",
		"    decl.HALF = 0.5\n",
		"    decl.MODE = 'fast'\n",
		"    class OSError(Exception)\n",
		"    decl.made = ('a', 1)\n",
		"class decl.Error(ValueError)\n    An exception class.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestPyDefaultsFromSig: an entry without Py shows its Sig in Python's
// spelling; "-" shows no Python line; a Py given is shown as it is.
func TestPyDefaultsFromSig(t *testing.T) {
	mod := &interp.Module{Name: "pys", Funcs: []interp.Func{
		{Name: "plain", Fn: func(*lua.LState) int { return 0 }, Sig: "pys.plain(a [, b [, c]]) -> string", Doc: "d"},
		{Name: "none", Fn: func(*lua.LState) int { return 0 }, Sig: "pys.none()", Doc: "d", Py: "-"},
		{Name: "own", Fn: func(*lua.LState) int { return 0 }, Sig: "pys.own(x)", Doc: "d", Py: "own(x, *, flag=False)"},
	}, Types: []*interp.Type{{Name: "pys.T", Methods: []interp.Func{
		{Name: "m", Fn: func(*lua.LState) int { return 0 }, Sig: "t:m([n]) -> number", Doc: "d"},
	}}}}
	rt := interptest.New(t, mod)
	if err := rt.RunString(`require("pys")`, "test"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"pys.plain": "pys.plain(a[, b[, c]])",
		"pys.none":  "",
		"pys.own":   "own(x, *, flag=False)",
		"pys.T.m":   "t.m([n])",
	} {
		if e := rt.EntryNamed(name); e == nil || e.Py != want {
			t.Errorf("%s: Py = %+v, want %q", name, e, want)
		}
	}
}
