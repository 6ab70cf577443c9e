package pickle_test

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"netlua/interp/interptest"
	"netlua/stdlib/pickle"
)

// luaBytes spells b as a Lua string literal with decimal escapes.
func luaBytes(b []byte) string {
	var s strings.Builder
	s.WriteByte('"')
	for _, c := range b {
		fmt.Fprintf(&s, "\\%d", c)
	}
	s.WriteByte('"')
	return s.String()
}

func luaHex(h string) string {
	b, err := hex.DecodeString(h)
	if err != nil {
		panic(err)
	}
	return luaBytes(b)
}

// cpythonNested are CPython 3.11's pickles, protocols 0-5, of
//
//	a = [1, 2]
//	{'a': [1, 2.5, 'héllo', b'\x00\xff', (1, 'x'), None, True, False],
//	 'fs': frozenset({3}), 'neg': -123456789, 'set': {1, 2},
//	 'shared': [a, a], 'top': 2**53}
var cpythonNested = []string{
	"286470300a56610a70310a286c70320a49310a6146322e350a615668e96c6c6f0a70330a61635f636f646563730a656e636f64650a70340a28565c7530303030ff0a70350a566c6174696e310a70360a7470370a5270380a612849310a56780a70390a747031300a614e614930310a614930300a61735666730a7031310a635f5f6275696c74696e5f5f0a66726f7a656e7365740a7031320a28286c7031330a49330a61747031340a527031350a73566e65670a7031360a492d3132333435363738390a73567365740a7031370a635f5f6275696c74696e5f5f0a7365740a7031380a28286c7031390a49310a6149320a61747032300a527032310a73567368617265640a7032320a286c7032330a286c7032340a49310a6149320a61616732340a617356746f700a7032350a4c393030373139393235343734303939324c0a732e",
	"7d71002858010000006171015d7102284b01474004000000000000580600000068c3a96c6c6f7103635f636f646563730a656e636f64650a710428580300000000c3bf710558060000006c6174696e317106747107527108284b01580100000078710974710a4e4930310a4930300a6558020000006673710b635f5f6275696c74696e5f5f0a66726f7a656e7365740a710c285d710d4b036174710e52710f58030000006e656771104aeb32a4f858030000007365747111635f5f6275696c74696e5f5f0a7365740a7112285d7113284b014b0265747114527115580600000073686172656471165d7117285d7118284b014b02656818655803000000746f7071194c393030373139393235343734303939324c0a752e",
	"80027d71002858010000006171015d7102284b01474004000000000000580600000068c3a96c6c6f7103635f636f646563730a656e636f64650a7104580300000000c3bf710558060000006c6174696e3171068671075271084b01580100000078710986710a4e88896558020000006673710b635f5f6275696c74696e5f5f0a66726f7a656e7365740a710c5d710d4b036185710e52710f58030000006e656771104aeb32a4f858030000007365747111635f5f6275696c74696e5f5f0a7365740a71125d7113284b014b0265857114527115580600000073686172656471165d7117285d7118284b014b02656818655803000000746f7071198a0700000000000020752e",
	"80037d71002858010000006171015d7102284b01474004000000000000580600000068c3a96c6c6f7103430200ff71044b0158010000007871058671064e888965580200000066737107636275696c74696e730a66726f7a656e7365740a71085d71094b036185710a52710b58030000006e6567710c4aeb32a4f85803000000736574710d636275696c74696e730a7365740a710e5d710f284b014b0265857110527111580600000073686172656471125d7113285d7114284b014b02656814655803000000746f7071158a0700000000000020752e",
	"8004957a000000000000007d94288c0161945d94284b014740040000000000008c0668c3a96c6c6f94430200ff944b018c01789486944e8889658c02667394284b0391948c036e6567944aeb32a4f88c03736574948f94284b014b02908c06736861726564945d94285d94284b014b0265680e658c03746f70948a0700000000000020752e",
	"8005957a000000000000007d94288c0161945d94284b014740040000000000008c0668c3a96c6c6f94430200ff944b018c01789486944e8889658c02667394284b0391948c036e6567944aeb32a4f88c03736574948f94284b014b02908c06736861726564945d94285d94284b014b0265680e658c03746f70948a0700000000000020752e",
}

// The nested value as netlua prints it: Python's repr, with dict keys
// sorted since Lua tables keep no order.
const nestedRepr = `{'a': [1, 2.5, 'héllo', b'\x00\xff', (1, 'x'), None, True, False], 'fs': frozenset({3}), 'neg': -123456789, 'set': {1, 2}, 'shared': [[1, 2], [1, 2]], 'top': 9007199254740992}`

func TestLoadsCPythonProtocols(t *testing.T) {
	for p, h := range cpythonNested {
		out := interptest.Run(t, `
local v = pickle.loads(`+luaHex(h)+`)
print(v)
-- the list pickled twice is one table, as it was one list in Python
print(rawequal(v.shared[1], v.shared[2]), #v.a, v.set[2], v.fs[3])
`, pickle.Module)
		want := nestedRepr + "\ntrue\t8\ttrue\ttrue\n"
		if out != want {
			t.Errorf("protocol %d:\n got %q\nwant %q", p, out, want)
		}
	}
}

func TestLoadsSelfContaining(t *testing.T) {
	// l = []; l.append(l); pickle.dumps(l)
	out := interptest.Run(t, `
local l = pickle.loads(`+luaHex("80049506000000000000005d946800612e")+`)
print(rawequal(l[1], l), l)
-- d = {}; d['d'] = d; pickle.dumps(d, 0)
local d = pickle.loads("(dp0\nVd\np1\ng0\ns.")
print(rawequal(d.d, d), d)
`, pickle.Module)
	if want := "true\t[[...]]\ntrue\t{'d': {...}}\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestLoadsKeys(t *testing.T) {
	out := interptest.Run(t, `
-- {(1, 2): 'x'}: tuple keys become tuple tables
local d = pickle.loads(`+luaHex("8004950e000000000000007d944b014b0286948c017894732e")+`)
for k, v in pairs(d) do print(k, v, k[1], k[2]) end
print(d)
-- b'' pickles as bytes() at protocols 0-2; frozenset() and set() empty
print(pickle.loads("c__builtin__\nbytes\np0\n(tRp1\n.") == "")
print(pickle.loads("\128\003cbuiltins\nfrozenset\nq\000]q\001\133q\002Rq\003."))
print(pickle.loads("\128\004\143."), pickle.loads("\128\004]."), pickle.loads("\128\004}."), pickle.loads("\128\004)."))
`, pickle.Module)
	want := "(1, 2)\tx\t1\t2\n{(1, 2): 'x'}\ntrue\nfrozenset()\nset()\t[]\t{}\t()\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// Errors, with CPython 3.11's class and text where CPython refuses the
// same input; "global ... is forbidden" is the RestrictedUnpickler text.
func TestLoadsErrors(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{`""`, "EOFError: Ran out of input"},
		{`"K\1"`, "EOFError: Ran out of input"},
		{`"(K\1"`, "EOFError: Ran out of input"},
		{`"K"`, "pickle.UnpicklingError: pickle data was truncated"},
		{`"X\5\0\0\0ab"`, "pickle.UnpicklingError: pickle data was truncated"},
		{`"\255"`, `pickle.UnpicklingError: invalid load key, '\xff'.`},
		{`"z"`, `pickle.UnpicklingError: invalid load key, 'z'.`},
		{`"\128\6N."`, "ValueError: loads(): unsupported pickle protocol: 6"},
		{`"h\5."`, "pickle.UnpicklingError: Memo value not found at index 5"},
		{`"]\148h\5."`, "pickle.UnpicklingError: Memo value not found at index 5"},
		{`"0"`, "pickle.UnpicklingError: unpickling stack underflow"},
		{`"a."`, "pickle.UnpicklingError: unpickling stack underflow"},
		{`"Pfoo\n."`, "pickle.UnpicklingError: A load persistent id instruction was encountered,\nbut no persistent_load function was specified."},
		{`"\128\5\151."`, "pickle.UnpicklingError: pickle stream refers to out-of-band data but no *buffers* argument was given"},
		// the documented attack: os.system('ls')
		{`"cos\nsystem\n(S'ls'\ntR."`, "pickle.UnpicklingError: global 'os.system' is forbidden"},
		{`"cposix\nsystem\n."`, "pickle.UnpicklingError: global 'posix.system' is forbidden"},
		// class Foo: pass; pickle.dumps(Foo()) at protocols 4 and 0
		{luaHex("80049517000000000000008c085f5f6d61696e5f5f948c03466f6f9493942981942e"), "pickle.UnpicklingError: global '__main__.Foo' is forbidden"},
		{`"ccopy_reg\n_reconstructor\np0\n(c__main__\nFoo\np1\nc__builtin__\nobject\np2\nNtp3\nRp4\n."`, "pickle.UnpicklingError: global 'copy_reg._reconstructor' is forbidden"},
		{`"(i__main__\nFoo\n."`, "pickle.UnpicklingError: global '__main__.Foo' is forbidden"},
		{`"}}b."`, "pickle.UnpicklingError: BUILD is forbidden: pickle.loads makes only plain data"},
		{`"\128\2\130\1."`, "pickle.UnpicklingError: EXT1 is forbidden: pickle.loads makes only plain data"},
		{`"(o."`, "pickle.UnpicklingError: OBJ is forbidden: pickle.loads makes only plain data"},
		// 2**53 + 1 cannot be a Lua number
		{luaHex("8004950a000000000000008a07010000000000202e"), "OverflowError: loads(): int too large to convert to a Lua number without losing precision: 9007199254740993"},
		{`"L-9007199254740993L\n."`, "OverflowError: loads(): int too large to convert to a Lua number without losing precision: -9007199254740993"},
		// {b'a': 1, 'a': 2} and {b'a', 'a'}: one Lua string cannot be both keys
		{luaHex("80049511000000000000007d9428430161944b018c0161944b02752e"), "pickle.UnpicklingError: dict key b'a' and 'a' are one Lua string: a Lua table cannot hold both as keys"},
		{luaHex("8004950d000000000000008f94288c01619443016194902e"), "pickle.UnpicklingError: set element b'a' and 'a' are one Lua string: a Lua table cannot hold both as keys"},
		{`1`, "TypeError: loads() argument 'data' must be a string, not int"},
	} {
		got := interptest.Error(t, "pickle.loads("+c.data+")", pickle.Module)
		if want := "test:1: " + c.want; got != want {
			t.Errorf("loads(%s):\n got %q\nwant %q", c.data, got, want)
		}
	}
}

// loads does not recurse, so deep nesting loads, as in CPython; printing
// and pickling it again are CPython's RecursionError (both were Go stack
// overflows, fatal, before depth was bounded).
func TestLoadsDeepNesting(t *testing.T) {
	out := interptest.Run(t, `
		local v = pickle.loads(string.rep("]", 100000) .. string.rep("a", 99999) .. ".")
		local n = 0
		local t = v
		while t[1] do t, n = t[1], n + 1 end
		print(n)
		for _, f in ipairs{tostring, repr, pickle.dumps} do
			local ok, e = pcall(f, v)
			print(ok, isinstance(e, RecursionError), tostring(e))
		end`, pickle.Module)
	want := "99999\n" +
		"false\ttrue\tmaximum recursion depth exceeded while getting the repr of an object\n" +
		"false\ttrue\tmaximum recursion depth exceeded while getting the repr of an object\n" +
		"false\ttrue\tmaximum recursion depth exceeded while pickling an object\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestLoadsSparseKeys: gopher-lua fills a table's array with nils up to any
// integer key below 2^26, so a 14-byte pickle of {7549055: 808464432} (a
// FuzzLoads input that stalled the fuzzer for seconds) would take 115 MiB:
// loads refuses more than 2^20 empty slots. A key of a million still loads.
func TestLoadsSparseKeys(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{`"}J\127\48s\0J0000s."`, "pickle.UnpicklingError: dict key 7549055 is too sparse: a Lua table holds integer keys up to 2^26 in an array, and this one needs 7549054 empty slots below it (at most 1048576 in one loads)"},
		// {67000000} at protocol 4: EMPTY_SET, MARK, BININT, ADDITEMS
		{`"\128\4\143(J\192\86\254\3\144."`, "pickle.UnpicklingError: set element 67000000 is too sparse: a Lua table holds integer keys up to 2^26 in an array, and this one needs 66999999 empty slots below it (at most 1048576 in one loads)"},
	} {
		got := interptest.Error(t, "pickle.loads("+c.data+")", pickle.Module)
		if want := "test:1: " + c.want; got != want {
			t.Errorf("loads(%s):\n got %q\nwant %q", c.data, got, want)
		}
	}
	out := interptest.Run(t, `print(pickle.loads("(dp0\nI1000000\nS'x'\nsI2\nS'y'\ns.")[1000000])`, pickle.Module)
	if out != "x\n" {
		t.Errorf("{1000000: 'x', 2: 'y'} loaded t[1000000] = %q", out)
	}
}

// dumps output compared with CPython 3.11's bytes for the same values.
// og-rek writes no memo and no frames, so only values that CPython
// neither memoizes nor frames come out identical; the others are checked
// to load in CPython by TestInteropDumps.
func TestDumpsBytesLikeCPython(t *testing.T) {
	cases := []struct {
		lua  string
		want []string // protocols 0..5
	}{
		{"nil", []string{"N.", "N.", "\x80\x02N.", "\x80\x03N.", "\x80\x04N.", "\x80\x05N."}},
		{"true", []string{"I01\n.", "I01\n.", "\x80\x02\x88.", "\x80\x03\x88.", "\x80\x04\x88.", "\x80\x05\x88."}},
		{"false", []string{"I00\n.", "I00\n.", "\x80\x02\x89.", "\x80\x03\x89.", "\x80\x04\x89.", "\x80\x05\x89."}},
		{"1", []string{"I1\n.", "K\x01.", "\x80\x02K\x01.", "\x80\x03K\x01.", "\x80\x04K\x01.", "\x80\x05K\x01."}},
		{"-5", []string{"I-5\n.", "J\xfb\xff\xff\xff.", "\x80\x02J\xfb\xff\xff\xff.", "\x80\x03J\xfb\xff\xff\xff."}},
		{"300", []string{"I300\n.", "M,\x01.", "\x80\x02M,\x01.", "\x80\x03M,\x01."}},
		{"0.1", []string{"F0.1\n.", "G?\xb9\x99\x99\x99\x99\x99\x9a.", "\x80\x02G?\xb9\x99\x99\x99\x99\x99\x9a.", "\x80\x03G?\xb9\x99\x99\x99\x99\x99\x9a."}},
		{"-2.5", []string{"F-2.5\n.", "G\xc0\x04\x00\x00\x00\x00\x00\x00."}},
		{"1e300", []string{"F1e+300\n.", "G~7\xe4<\x88\x00u\x9c."}},
		{"interp_tuple()", []string{"(t.", ").", "\x80\x02).", "\x80\x03).", "\x80\x04).", "\x80\x05)."}},
	}
	for _, c := range cases {
		src := "local interp_tuple = function() return pickle.loads(').') end\n"
		for p := range c.want {
			src += fmt.Sprintf("io.write(pickle.dumps(%s, %d), '|')\n", c.lua, p)
		}
		out := interptest.Run(t, src, pickle.Module)
		got := strings.Split(strings.TrimSuffix(out, "|"), "|")
		for p, want := range c.want {
			if got[p] != want {
				t.Errorf("dumps(%s, %d) = %q, CPython %q", c.lua, p, got[p], want)
			}
		}
	}
}

func TestDumpsRoundTrip(t *testing.T) {
	out := interptest.Run(t, `
local v = {1, "two", {x = 3.5, y = {}}, pickle.set{"a"}, pickle.frozenset{4}, pickle.bytes("hi"), "\255",
           pickle.dict{"c", "d"}, pickle.list{}, pickle.loads("\128\4K\1K\2\134."), true}
for p = 0, 5 do print(pickle.loads(pickle.dumps(v, p))) end
print(pickle.loads(pickle.dumps(2^60)) == 2^60, 1/pickle.loads(pickle.dumps(-1/math.huge)) < 0)
print(pickle.dumps(1, -1) == pickle.dumps(1, 5), pickle.dumps(1) == pickle.dumps(1, pickle.DEFAULT_PROTOCOL))
print(pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL)
local l = pickle.list{1}; l[3] = 3
print(pickle.loads(pickle.dumps(l)))
`, pickle.Module)
	line := `[1, 'two', {'x': 3.5, 'y': {}}, {'a'}, frozenset({4}), b'hi', b'\xff', {1: 'c', 2: 'd'}, [], (1, 2), True]`
	want := strings.Repeat(line+"\n", 6) + "true\ttrue\ntrue\ttrue\n4\t5\n[1, None, 3]\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestDumpsErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"pickle.dumps(print)", "TypeError: dumps(): cannot pickle 'function' object"},
		{"pickle.dumps({f = print})", "TypeError: dumps(): cannot pickle 'function' object"},
		{"pickle.dumps(ValueError('x'))", "TypeError: dumps(): cannot pickle 'ValueError' object"},
		{"pickle.dumps(1, 6)", "ValueError: dumps(): pickle protocol must be <= 5"},
		{"pickle.dumps(1, 'x')", "TypeError: dumps() argument 'protocol' must be int, not str"},
		{"pickle.dumps()", "TypeError: dumps() missing required argument 'obj' (pos 1)"},
		{"pickle.dumps({[{1}] = 1})", "TypeError: dumps(): unhashable type: 'list'"},
		{"pickle.dumps(pickle.set{pickle.set{}})", "TypeError: dumps(): unhashable type: 'set'"},
		{"local l = pickle.list(); l[1e9] = 1; pickle.dumps(l)", "ValueError: dumps(): cannot pickle a table as a list: its keys are not 1..n"},
		{"pickle.set{0/0}", "ValueError: pickle.set element nan cannot be a Lua table key"},
	} {
		got := interptest.Error(t, c.src, pickle.Module)
		if want := "test:1: " + c.want; got != want {
			t.Errorf("%s:\n got %q\nwant %q", c.src, got, want)
		}
	}
}

func TestClasses(t *testing.T) {
	out := interptest.Run(t, `
local ok, e = pcall(pickle.loads, "cos\nsystem\n.")
print(isinstance(e, pickle.UnpicklingError), isinstance(e, pickle.PickleError), isinstance(e, Exception))
print(pickle.PicklingError, isinstance(pickle.PicklingError("x"), pickle.PickleError))
`, pickle.Module)
	if want := "true\ttrue\ttrue\n<class 'pickle.PicklingError'>\ttrue\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// Dicts are written in sorted-key order (Lua tables keep no insertion
// order), so the same value always pickles to the same bytes: CPython's
// for a dict built in that order.
func TestDumpsIsDeterministic(t *testing.T) {
	out := interptest.Run(t, `
		local t = {nested = {z = 1, a = 2, m = {c = 3, b = 4}}}
		for i = 1, 40 do t["k" .. i] = i end
		local first = pickle.dumps(t)
		local same = true
		for proto = 0, 5 do
			local p = pickle.dumps(t, proto)
			for i = 1, 20 do same = same and pickle.dumps(t, proto) == p end
		end
		print(same, repr(pickle.loads(first).nested))
		print(bytes_repr(pickle.dumps(pickle.dict{[2] = "b", [1] = "a"}, 2)))`, pickle.Module)
	want := "true\t{'a': 2, 'm': {'b': 4, 'c': 3}, 'z': 1}\n" +
		`b'\x80\x02}q\x00(K\x01X\x01\x00\x00\x00aq\x01K\x02X\x01\x00\x00\x00bq\x02u.'` + "\n"
	if out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}

// Ctrl-C during a long loads, dumps or print of a loaded value stops it
// from inside: pcall sees KeyboardInterrupt (each loop reaches
// interp.Checkpoint; the old decoder did not, and ignored Ctrl-C for the
// 13 s a 3 MB LONG took).
func TestCtrlCStopsLongPickleWork(t *testing.T) {
	for _, call := range []string{`pickle.loads(big)`, `pickle.dumps(list)`, `tostring(list)`} {
		rt := interptest.New(t, pickle.Module)
		if err := rt.RunString(`big = "]" .. ("K\1a"):rep(2e7) .. "."
			list = pickle.loads("]" .. ("K\1a"):rep(4e6) .. ".")`, "setup"); err != nil {
			t.Fatal(err)
		}
		timer := time.AfterFunc(50*time.Millisecond, rt.Interrupt)
		err := rt.RunString(`
			local ok, e = pcall(function() return `+call+` end)
			print(ok, isinstance(e, KeyboardInterrupt))`, "test")
		timer.Stop()
		if err != nil {
			t.Fatalf("%s: the interrupt escaped the pcall: %v", call, err)
		}
		if out := rt.Stdout.String(); out != "false\ttrue\n" {
			t.Errorf("%s: got %q, want KeyboardInterrupt from inside it", call, out)
		}
	}
}

// Ints a Lua number cannot hold are OverflowError, the value shown when it
// is short and by its first digits and length when not (the old decoder
// put a 3 MB number in the message); L-0 is 0, and I-0 False as CPython
// reads a two-character INT of 0.
func TestLoadsBigInts(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{`"\138\9\0\0\0\0\0\0\0\0\1."`, "OverflowError: loads(): int too large to convert to a Lua number without losing precision: a 9-byte int"},
		{`"\138\8\0\0\0\0\0\0\0\128."`, "OverflowError: loads(): int too large to convert to a Lua number without losing precision: -9223372036854775808"},
		{`"\138\8\1\0\0\0\0\0\32\0."`, "OverflowError: loads(): int too large to convert to a Lua number without losing precision: 9007199254740993"},
		{`"L" .. ("9"):rep(4300) .. "\n."`, "OverflowError: loads(): int too large to convert to a Lua number without losing precision: 99999999999999999999... (4300 digits)"},
	} {
		got := interptest.Error(t, "pickle.loads("+c.data+")", pickle.Module)
		if want := "test:1: " + c.want; got != want {
			t.Errorf("loads(%s):\n got %q\nwant %q", c.data, got, want)
		}
	}
	out := interptest.Run(t, `print(pickle.loads("L-0\n."), pickle.loads("I-0\n."), pickle.loads("\138\1\255."), pickle.loads("\138\8\0\0\0\0\0\0\32\0."))`, pickle.Module)
	if want := "0\tfalse\t-1\t9007199254740992\n"; out != want { // I-0 is False in CPython: two characters, 0
		t.Errorf("got %q, want %q", out, want)
	}
}
