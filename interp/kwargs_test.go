package interp_test

import (
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
	"netlua/interp/interptest"
)

// kwModule has one function taking (item, block=true, timeout=nil) the way
// queue.Queue.put does, reporting what UnpackKeywords gave it.
var kwModule = &interp.Module{Name: "kw", Funcs: []interp.Func{{Name: "put", Sig: "kw.put(item [, block [, timeout]])",
	Fn: func(L *lua.LState) int {
		var item lua.LValue
		block := true
		timeout := -1.0
		interp.UnpackKeywords(L, 1, "item", &item, "block?", &block, "timeout?", &timeout)
		L.Push(lua.LString(interp.ReprValue(L, item)))
		L.Push(lua.LBool(block))
		L.Push(lua.LNumber(timeout))
		return 3
	}}}}

func TestUnpackKeywords(t *testing.T) {
	out := interptest.Run(t, `
print(kw.put(1))
print(kw.put({1, 2}))
print(kw.put(1, {block=false}))
print(kw.put(1, {timeout=3}))
print(kw.put(1, false, {timeout=2}))
print(kw.put({a=1}, {}))
print(kw.put(1, true, 5))
`, kwModule)
	want := "1\ttrue\t-1\n[1, 2]\ttrue\t-1\n1\tfalse\t-1\n1\ttrue\t3\n1\tfalse\t2\n{'a': 1}\ttrue\t-1\n1\ttrue\t5\n"
	if out != want {
		t.Errorf("got %q\nwant %q", out, want)
	}
	for src, msg := range map[string]string{
		`kw.put(1, {colour=1})`:         "TypeError: put() got an unexpected keyword argument 'colour'",
		`kw.put(1, {[1]=2})`:            "TypeError: put() got an unexpected keyword argument 1",
		`kw.put(1, true, {block=true})`: "TypeError: put() got multiple values for argument 'block'",
		`kw.put(1, {timeout="x"})`:      "TypeError: put() argument 'timeout' must be a number, not str",
		`kw.put({timeout=1}, {item=2})`: "TypeError: put() got multiple values for argument 'item'",
	} {
		if got := interptest.Error(t, src, kwModule); !strings.HasSuffix(got, msg) {
			t.Errorf("%s: got %q, want suffix %q", src, got, msg)
		}
	}
}
