package pickle_test

import (
	"encoding/hex"
	"strings"
	"testing"

	"netlua/interp"
	"netlua/interp/interptest"
	"netlua/stdlib/pickle"
)

// refused are damaged or ill-typed pickles that CPython 3.11's
// pickle.loads refuses; netlua must refuse each with the same class and
// text (og-rek answered many in its own words: "loadSetItem: Dict: ...").
var refused = []string{
	"}K\x01a.", "}(K\x01e.", ")(K\x01e.", "K\x01K\x01a.", // APPEND(S) to a dict, tuple, int
	"]K\x01K\x02s.", "](K\x01K\x02u.", ")K\x01K\x02s.", "K\x01K\x01K\x02s.", // SETITEM(S) to a list, tuple, int
	"](K\x01K\x02u.", "]N]K\x00K\x05s.", "]K\x00N\x88u.", // by index into a list
	"}(K\x01u.", "(K\x01d.", // odd numbers of items
	"\x80\x04](K\x01\x90.", "\x80\x04}(K\x01\x90.", "\x80\x04(\x91(K\x01\x90.", // ADDITEMS to a list, dict, frozenset
	"}]K\x01s.", "}}K\x01s.", "\x80\x04\x8f(]\x90.", "\x80\x04(]\x91.", "}]\x85K\x01s.", // unhashable keys and elements
	"\x80\x05}\x96\x01\x00\x00\x00\x00\x00\x00\x00xK\x01s.", "(]K\x01d.", "\x80\x04(}\x91.", "}(]K\x01u.",
	"\x80\x04\x95\xff\x00\x00\x00\x00\x00\x00\x00N.", "\x80\x04\x95\xff\xff\xff\xff\xff\xff\xff\x7fN.", // FRAME beyond the data
	"\x80\x04X\x05\x00\x00\x00ab", "\x80\x04K", "\x8a\x05\x01.", "T\xff\xff\xff\xff.", // truncated
	"\x80\x04\x8e\xff\xff\xff\xff\xff\xff\xff\x7f", "\x8b\xff\xff\xff\xff.",
	"h\x05.", "j\xff\xff\xff\xff.", "Ng-1\n.", "Np-1\n.", "Ngx\n.", "Npx\n.", "\x80\x04\x94.", "q\x00.", // memo
	"0", "0.", "K\x01t.", "(.", ".", "2.", "1.", "\x85.", "(K\x01\x86.", // stack and marks
	"Fxyz\n.", "F1e400\n.", "F0x10\n.", "Ixyz\n.", "Lxyz\n.", "L12x\n.", "L1__2\n.", // numbers
	"L" + strings.Repeat("1", 5000) + "\n.", "L" + strings.Repeat("1", 3000000) + "L\n.", "I" + strings.Repeat("1", 5000) + "\n.",
	"Sabc\n.", "S'abc\n.", "S'\\x4'\n.", "S'\xff'\n.", "U\x01\xff.", // py2 str
	"X\x01\x00\x00\x00\xff.", "X\x02\x00\x00\x00\xe4\xb8.", "X\x02\x00\x00\x00\xe4a.", "V\\u12\n.", // text
	"V\\\\u0041\\u0041\\U0001f600\\U00110000\n.", "V\\U0001\n.", // text escapes
	"\x80\x06N.", "\x80\x04K\x01K\x02\x93.", "K\x01)R.", "c__builtin__\nset\nK\x01R.",
	"z", "\xff",
}

func TestLoadsRefusesAsCPython(t *testing.T) {
	var in strings.Builder
	for _, p := range refused {
		in.WriteString(hex.EncodeToString([]byte(p)) + "\n")
	}
	out := interptest.Python3(t, `
import pickle, sys
for line in sys.stdin:
    try:
        pickle.loads(bytes.fromhex(line.strip()))
        print("loaded")
    except Exception as e:
        print(type(e).__name__ + ": " + str(e).replace("\n", "\\n")[:300])
`, in.String())
	want := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	rt := interptest.New(t, pickle.Module)
	for i, p := range refused {
		err := rt.RunString("pickle.loads("+luaBytes([]byte(p))+")", "test")
		got := "loaded"
		if err != nil {
			e := interp.FromLuaError(rt.Runtime, err)
			msg := strings.TrimPrefix(interp.ExceptionText(e.Value), "loads(): ")
			cls := e.Class.Name[strings.LastIndexByte(e.Class.Name, '.')+1:]
			got = cls + ": " + strings.ReplaceAll(msg, "\n", "\\n")
			if len(got) > len(cls)+2+300 {
				got = got[:len(cls)+2+300]
			}
		}
		if got != want[i] {
			short := p
			if len(short) > 40 {
				short = short[:40] + "..."
			}
			t.Errorf("loads(%q):\n got %s\nwant %s", short, got, want[i])
		}
	}
}

// loaded are pickles whose text arguments need parsing (escapes in STRING
// and UNICODE, Python's float and int syntax); netlua must load the value
// CPython loads: the same repr.
var loaded = []string{
	"V\\\\u0041\\u0041\\\\\\u0042\\U0001f600\xe9\n.", "Vabc\\x41\n.", "V\n.",
	"S'a\\\\b\\'c\\x41\\101\\n'\n.", "S\"it's\"\n.", "S''\n.",
	"F1.5\n.", "Finf\n.", "F-Infinity\n.", "F1e-320\n.", "F.5\n.", "F5.25\n.", "F1E-5\n.",
	"I12\n.", "I-0\n.", "I+1\n.", "I 1\n.", "I007\n.", "I0x1F\n.", "I-010\n.", "I9007199254740992\n.", "I1_000\n.", "I 42 \n.", "I01\n.", "I00\n.",
	"L12L\n.", "L-9007199254740992\n.", "L+5\n.", "L1_2\n.",
	"\x8a\x00.", "\x8a\x01\xff.", "\x8a\x02\x00\x80.", "\x8b\x01\x00\x00\x00\x7f.",
}

func TestLoadsTextAsCPython(t *testing.T) {
	var in strings.Builder
	for _, p := range loaded {
		in.WriteString(hex.EncodeToString([]byte(p)) + "\n")
	}
	out := interptest.Python3(t, `
import pickle, sys
for line in sys.stdin:
    print(repr(pickle.loads(bytes.fromhex(line.strip()))))
`, in.String())
	want := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	rt := interptest.New(t, pickle.Module)
	for i, p := range loaded {
		before := len(rt.Stdout.String())
		if err := rt.RunString("print(repr(pickle.loads("+luaBytes([]byte(p))+")))", "test"); err != nil {
			t.Errorf("loads(%q): %v", p, err)
			continue
		}
		if got := strings.TrimSuffix(rt.Stdout.String()[before:], "\n"); got != want[i] {
			t.Errorf("loads(%q):\n got %s\nwant %s", p, got, want[i])
		}
	}
}
