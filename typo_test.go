package main

import (
	"fmt"
	"strings"
	"testing"

	"netlua/interp/interptest"
)

// typo is a misspelling of name that Python 3.12's rule corrects to it: the
// last letter typed twice.
func typo(name string) string { return name + name[len(name)-1:] }

// TestTypoSuggestions calls a misspelling of every function of every module
// and every method of every type, as declared, and expects the error to
// say what has no such name and to suggest the declared one.
func TestTypoSuggestions(t *testing.T) {
	rt := interptest.New(t, Modules...)
	checked := 0
	for _, m := range rt.Modules() {
		for _, f := range m.Funcs {
			if strings.Contains(f.Name, ".") {
				continue // a method of a class written in Lua, documented on its module
			}
			want := fmt.Sprintf("module '%s' has no attribute '%s'; did you mean '%s'?", m.Name, typo(f.Name), f.Name)
			expectError(t, rt, m.Name+"."+typo(f.Name)+"()", want)
			checked++
		}
		for _, typ := range m.Types {
			ctor, ok := constructors[typ.Name]
			if !ok {
				t.Errorf("no constructor for type %s in badinput_test.go", typ.Name)
				continue
			}
			for _, f := range typ.Methods {
				want := fmt.Sprintf("%s has no method '%s'; did you mean '%s'?", typ.Name, typo(f.Name), f.Name)
				expectError(t, rt, "local obj = "+ctor+" obj:"+typo(f.Name)+"()", want)
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d names checked: the declarations were not read", checked)
	}
}

func expectError(t *testing.T, rt *interptest.Runtime, src, want string) {
	t.Helper()
	err := rt.RunString(src, "typo")
	if err == nil {
		t.Errorf("%s: no error", src)
		return
	}
	if got := strings.SplitN(err.Error(), "\n", 2)[0]; got != "typo:1: "+want {
		t.Errorf("%s:\n got %s\nwant typo:1: %s", src, got, want)
	}
}
