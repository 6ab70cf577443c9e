package interp

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// UnpackKeywords is UnpackArgs for a function that also takes CPython's
// keyword arguments, the netlua way (as threading.Thread{...} does): a
// trailing plain table (no metatable) whose fields are the parameters by
// name. q:get{timeout=1} is q.get(timeout=1); q:put(item, {block=false})
// is q.put(item, block=False). The table counts as keywords only where no
// required parameter is still missing, so json.dumps({1, 2}) passes the
// table as obj. Named fields are moved into their positional slots and
// UnpackArgs then checks every value as usual, so messages are the same
// however an argument was given. An unknown name raises CPython's
// "f() got an unexpected keyword argument 'x'", a name also given
// positionally "f() got multiple values for argument 'x'".
//
// Use it only where no optional parameter takes a plain table itself.
func UnpackKeywords(L *lua.LState, first int, pairs ...any) {
	top := L.GetTop()
	kw, ok := L.Get(top).(*lua.LTable)
	if ok && top >= first && kw.Metatable == lua.LNil && top-first >= requiredCount(pairs) {
		L.SetTop(top - 1)
		placeKeywords(L, first, kw, pairs)
	}
	UnpackArgs(L, first, pairs...)
}

// requiredCount is how many leading parameters have no "?".
func requiredCount(pairs []any) int {
	for i := 0; i < len(pairs); i += 2 {
		name := pairs[i].(string)
		if strings.HasSuffix(name, "?") || strings.HasPrefix(name, "*") {
			return i / 2
		}
	}
	return len(pairs) / 2
}

func placeKeywords(L *lua.LState, first int, kw *lua.LTable, pairs []any) {
	slot := map[string]int{}
	for i := 0; i < len(pairs); i += 2 {
		slot[strings.TrimSuffix(pairs[i].(string), "?")] = first + i/2
	}
	kw.ForEach(func(k, v lua.LValue) {
		name, isStr := k.(lua.LString)
		idx, known := slot[string(name)]
		if !isStr || !known {
			Raise(L, TypeError, "%s() got an unexpected keyword argument %s", FuncName(L), Repr(k))
		}
		if idx <= L.GetTop() && L.Get(idx) != lua.LNil {
			Raise(L, TypeError, "%s() got multiple values for argument '%s'", FuncName(L), name)
		}
		for L.GetTop() < idx {
			L.Push(lua.LNil)
		}
		L.Replace(idx, v)
	})
}
