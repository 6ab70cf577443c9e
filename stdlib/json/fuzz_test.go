package json

import (
	stdjson "encoding/json"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// FuzzLoads feeds arbitrary text to loads. It must return a value or raise
// one of the documented errors, never panic or hang, and agree with
// encoding/json's validator on strict JSON: text Go accepts must load
// (below the depth limit), and text loads accepts without Python's
// extensions (NaN, Infinity) must be text Go accepts. A loaded value must
// dump, and load and dump again to the same text.
func FuzzLoads(f *testing.F) {
	for _, s := range []string{`{"a": [1, null, {"b": null}], "c": 1.5}`, `[]`, `{}`, `"\ud83d\ude00"`, `[1,]`,
		`{"a" 1}`, `-0.5e-3`, `NaN`, `[-Infinity]`, "\ufeff[1]", `"\u00e9\t"`, `[[[[]]]]`, `1 2`} {
		f.Add(s)
	}
	rt := interp.New(Module)
	L := rt.L
	loadsFn, dumpsFn := L.NewFunction(loads), L.NewFunction(dumps)
	call := func(fn *lua.LFunction, v lua.LValue) (lua.LValue, error) {
		err := L.CallByParam(lua.P{Fn: fn, NRet: 1, Protect: true}, v)
		if err != nil {
			return nil, err
		}
		r := L.Get(-1)
		L.Pop(1)
		return r, nil
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := call(loadsFn, lua.LString(s))
		text := strings.TrimPrefix(s, "\ufeff")
		if err != nil {
			e := err.(*lua.ApiError).Object
			switch interp.ClassName(e) {
			case "json.JSONDecodeError", "UnicodeDecodeError", "RuntimeError":
			default:
				t.Fatalf("loads(%q): unexpected error %v", s, err)
			}
			if stdjson.Valid([]byte(text)) && interp.ClassName(e) == "json.JSONDecodeError" {
				t.Fatalf("loads(%q) refused text encoding/json accepts: %v", s, err)
			}
			return
		}
		if !strings.Contains(text, "NaN") && !strings.Contains(text, "Infinity") && !stdjson.Valid([]byte(text)) {
			t.Fatalf("loads(%q) accepted text encoding/json refuses", s)
		}
		d1, err := call(dumpsFn, v)
		if err != nil {
			t.Fatalf("dumps(loads(%q)): %v", s, err)
		}
		v2, err := call(loadsFn, d1)
		if err != nil {
			t.Fatalf("loads(dumps(loads(%q))) = %v; dumps gave %q", s, err, d1)
		}
		d2, err := call(dumpsFn, v2)
		if err != nil || d2 != d1 {
			t.Fatalf("dumps is not stable for %q: %q then %q (%v)", s, d1, d2, err)
		}
	})
}
