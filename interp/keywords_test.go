package interp_test

import (
	"fmt"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// kwModule declares functions with keywords in each of the forms the rule
// distinguishes. Each returns what it unpacked, so tests see where every
// argument went.
var kwModule = &interp.Module{Name: "kw", Funcs: []interp.Func{
	// C-style: a required string, positional-or-keyword options, a
	// keyword-only flag.
	{Name: "decode", Fn: func(L *lua.LState) int {
		var data string
		enc, errs, strict := "utf-8", "strict", false
		interp.UnpackArgs(L, 1, "data", &data, "encoding?", &enc, "errors?", &errs, "strict?", &strict)
		L.Push(lua.LString(fmt.Sprintf("%s|%s|%s|%v", data, enc, errs, strict)))
		return 1
	}, Sig: "kw.decode(data [, encoding [, errors]] [, {encoding=, errors=, strict=false}]) -> string"},
	// Python-style: a required value that may be a table, an optional one
	// that may be a table (selectors' register(fileobj, events, data)).
	{Name: "register", PyFunc: true, Fn: func(L *lua.LState) int {
		var fileobj, data lua.LValue = lua.LNil, lua.LNil
		var events int
		interp.UnpackArgs(L, 1, "fileobj", &fileobj, "events", &events, "data?", &data)
		L.Push(lua.LString(fmt.Sprintf("%s|%d|%s", interp.ReprValue(L, fileobj), events, interp.ReprValue(L, data))))
		return 1
	}, Sig: "kw.register(fileobj, events [, data] [, {fileobj=, events=, data=}]) -> string"},
	// Python's *args with keyword-only parameters after them.
	{Name: "add", PyFunc: true, Fn: func(L *lua.LState) int {
		var names []lua.LValue
		dest := ""
		interp.UnpackArgs(L, 1, "*names", &names, "dest?", &dest)
		L.Push(lua.LString(fmt.Sprintf("%d|%s", len(names), dest)))
		return 1
	}, Sig: "kw.add(names... [, {dest=}]) -> string"},
	// No keywords at all.
	{Name: "plain", Fn: func(L *lua.LState) int {
		var n int
		var t lua.LValue = lua.LNil
		interp.UnpackArgs(L, 1, "n", &n, "t?", &t)
		L.Push(lua.LNumber(n))
		return 1
	}, Sig: "kw.plain(n [, t]) -> number"},
}}

func TestKeywordArguments(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		// keywords fill their parameters; positional ones still work
		{`kw.decode("d", {errors="replace"})`, "d|utf-8|replace|false"},
		{`kw.decode("d", "gbk", {strict=true})`, "d|gbk|strict|true"},
		{`kw.decode("d", {})`, "d|utf-8|strict|false"}, // encoding cannot be a table: the (empty) keywords
		{`kw.decode("d", "e", {errors="x", strict=true})`, "d|e|x|true"},
		{`kw.decode({data="x"})`, "TypeError: 'data' is an invalid keyword argument for decode()"},
		// a required parameter that cannot be a table may come by keyword only if declared
		{`kw.register("f", {events=1})`, "'f'|1|None"},
		// an optional parameter that can hold a table: keywords only when a key names one
		{`kw.register("f", 1, {data=5})`, "'f'|1|5"},
		{`kw.register("f", 1, {x=5})`, "'f'|1|{'x': 5}"},
		{`kw.register("f", 1, {"127.0.0.1", 9999})`, "'f'|1|['127.0.0.1', 9999]"},
		// a required parameter that can hold a table takes any table
		{`kw.register({data=1}, 2)`, "{'data': 1}|2|None"},
		// a table with a metatable is a value, never keywords
		{`kw.register("f", 1, setmetatable({data=1}, {}))`, "'f'|1|{'data': 1}"},
		// *args then keyword-only
		{`kw.add("-v", "--verbose", {dest="v"})`, "2|v"},
		{`kw.add("-v", {"x"})`, "2|"},
		{`kw.add({dest="d"})`, "0|d"},
	} {
		if strings.HasPrefix(c.want, "TypeError") {
			if got := interptest.Error(t, c.src, kwModule); !strings.HasSuffix(got, c.want) {
				t.Errorf("%s: got %q, want %q", c.src, got, c.want)
			}
			continue
		}
		if got := strings.TrimSpace(interptest.Run(t, "print("+c.src+")", kwModule)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.src, got, c.want)
		}
	}
}

func TestKeywordErrors(t *testing.T) {
	for src, want := range map[string]string{
		// C wording (argument clinic's)
		`kw.decode("d", {bogus=1})`:             "TypeError: 'bogus' is an invalid keyword argument for decode()",
		`kw.decode("d", "gbk", {encoding="x"})`: "TypeError: argument for decode() given by name ('encoding') and position (2)",
		`kw.decode("d", "a", "b", true)`:        "TypeError: decode() takes at most 3 positional arguments (4 given)",
		`kw.decode("d", {[1]=2, errors="x"})`:   "TypeError: decode() argument 'encoding' must be a string, not table",
		`kw.decode("d", {encoding=5})`:          "TypeError: decode() argument 'encoding' must be a string, not int",
		`kw.register("f", 1, {x=5}, {data=6})`:  "TypeError: register() got multiple values for argument 'data'",
		`kw.decode("d", "e", "r", {[true]=1})`:  "TypeError: decode(): keywords must be strings",
		`kw.decode({encoding="x"})`:             "TypeError: decode() takes at least 1 positional argument (0 given)",
		// Python wording
		`kw.register("f", 1, {data=1, bogus=2})`: "TypeError: register() got an unexpected keyword argument 'bogus'",
		`kw.register("f", 1, 2, {data=3})`:       "TypeError: register() got multiple values for argument 'data'",
		`kw.register("f", {events=1.5})`:         "TypeError: register(): 'float' object cannot be interpreted as an integer",
		`kw.add("-v", {dest="v", bogus=1})`:      "TypeError: add() got an unexpected keyword argument 'bogus'",
		// a function without keywords refuses a keyword-looking table
		`kw.plain(1, 2, {n=1})`:  "TypeError: plain() takes no keyword arguments",
		`kw.plain({n=1})`:        "TypeError: plain() takes no keyword arguments",
		`kw.plain(1, 2, {1, 2})`: "TypeError: plain() takes at most 2 arguments (3 given)",
		// argument clinic counts every argument before it looks at names
		`kw.decode("d", "e", "r", {errors="x", bogus=1})`:              "TypeError: decode() takes at most 4 arguments (5 given)",
		`kw.decode({encoding="x", errors="y", strict=true, a=1, b=2})`: "TypeError: decode() takes at most 4 keyword arguments (5 given)",
	} {
		if got := interptest.Error(t, src, kwModule); !strings.HasSuffix(got, want) {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
}

// TestNumbersAsPythonInts checks Python's int rules through UnpackArgs: an
// integral Lua number is an int, true and false are 1 and 0, a
// non-integral number is a float, which an int parameter refuses.
func TestNumbersAsPythonInts(t *testing.T) {
	for src, want := range map[string]string{
		`print(kw.plain(true))`:  "1",
		`print(kw.plain(false))`: "0",
		`print(kw.plain(3.0))`:   "3",
		`print(kw.plain(2^53))`:  "9007199254740992",
	} {
		if got := strings.TrimSpace(interptest.Run(t, src, kwModule)); got != want {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
	for src, want := range map[string]string{
		`kw.plain(1.5)`:  "TypeError: plain(): 'float' object cannot be interpreted as an integer",
		`kw.plain(0/0)`:  "TypeError: plain(): 'float' object cannot be interpreted as an integer",
		`kw.plain("1")`:  "TypeError: plain() argument 'n' must be int, not str",
		`kw.plain(2^63)`: "TypeError: plain() argument 'n' is too large for a 64-bit integer",
		`kw.plain(-1/0)`: "TypeError: plain(): 'float' object cannot be interpreted as an integer",
	} {
		if got := interptest.Error(t, src, kwModule); !strings.HasSuffix(got, want) {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
}

// TestKeywordHelp checks that help() shows the keywords the Sig declares,
// and which of them are keyword-only.
func TestKeywordHelp(t *testing.T) {
	out := interptest.Run(t, `help(kw.decode) help(kw.plain)`, kwModule)
	if !strings.Contains(out, "Keywords, as a last table {name=value}: encoding, errors, strict. Only\n    as keywords: strict.\n    Python: kw.decode(data[, encoding[, errors]], *, strict=false)\n") {
		t.Errorf("help(kw.decode) does not list its keywords:\n%s", out)
	}
	if strings.Count(out, "Keywords") != 1 {
		t.Errorf("help(kw.plain) lists keywords it has none of:\n%s", out)
	}
	rule := interptest.Run(t, `help("keywords")`)
	for _, part := range []string{"no positional parameter is\nleft for it", "pickle.dumps({protocol=2}) pickles the table", "true and false are the ints 1"} {
		if !strings.Contains(rule, part) {
			t.Errorf("help(\"keywords\") does not say %q:\n%s", part, rule)
		}
	}
}
