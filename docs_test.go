package main

import (
	"sort"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// TestEveryFunctionDocumented requires every module in Modules and checks
// that each function it exports, and each method of each type it declares,
// has a help entry with a Lua signature, a paragraph and the Python
// equivalent: help() reads nothing else, so a function without one would be
// a blank page at the prompt. Names starting with "_" are private, as in
// Python. It lists every gap, module by module.
func TestEveryFunctionDocumented(t *testing.T) {
	rt := interp.New(Modules...)
	L := rt.L
	for _, m := range rt.Modules() {
		if err := rt.Call(L.GetGlobal("require"), 1, lua.LString(m.Name)); err != nil {
			t.Errorf("require(%q): %v", m.Name, err)
			continue
		}
		mod, ok := L.Get(-1).(*lua.LTable)
		L.Pop(1)
		if !ok {
			t.Errorf("require(%q) did not return a table", m.Name)
			continue
		}
		var missing []string
		check := func(name string, fn lua.LValue) {
			d := rt.EntryOf(fn)
			switch {
			case d == nil:
				missing = append(missing, name+" (no entry)")
			case d.Sig == "" || d.Doc == "" || d.Py == "":
				var lacks []string
				for _, f := range []struct{ field, v string }{{"Sig", d.Sig}, {"Doc", d.Doc}, {"Py", d.Py}} {
					if f.v == "" {
						lacks = append(lacks, f.field)
					}
				}
				missing = append(missing, name+" (no "+strings.Join(lacks, ", ")+")")
			}
		}
		mod.ForEach(func(k, v lua.LValue) {
			if _, ok := v.(*lua.LFunction); ok && !strings.HasPrefix(lua.LVAsString(k), "_") {
				check(m.Name+"."+lua.LVAsString(k), v)
			}
		})
		if m.Doc == "" {
			missing = append(missing, m.Name+" (no module Doc)")
		}
		for _, typ := range m.Types {
			if typ.Doc == "" {
				missing = append(missing, typ.Name+" (no type Doc)")
			}
			rt.TypeMethods(typ).ForEach(func(k, v lua.LValue) {
				check(typ.Name+"."+lua.LVAsString(k), v)
			})
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("module %s: undocumented:\n\t%s", m.Name, strings.Join(missing, "\n\t"))
		}
	}
}
