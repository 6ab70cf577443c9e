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
		var names []string
		for _, f := range m.Funcs {
			names = append(names, f.Name)
		}
		for _, f := range m.Funcs {
			if strings.Contains(f.Name, ".") {
				continue // a method of a class written in Lua, documented on its module
			}
			if ambiguous(typo(f.Name), f.Name, names) {
				continue // Python would suggest whichever comes first
			}
			// Through a local holding require's result, as a script reaches a
			// module (socket.url is require("socket.url")).
			want := fmt.Sprintf("module '%s' has no attribute '%s'; did you mean '%s'?", m.Name, typo(f.Name), f.Name)
			expectError(t, rt, "local M = require('"+m.Name+"') M."+typo(f.Name)+"()", want)
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

// ambiguous reports whether another of names is as near to the typo as
// name is (one letter substituted or dropped), as "wrap" is to "wrpp" for
// mime's "wrp": Python's rule then picks the first in order.
func ambiguous(typo, name string, names []string) bool {
	for _, other := range names {
		if other == name {
			continue
		}
		if len(other) == len(typo) {
			diff := 0
			for i := range other {
				if other[i] != typo[i] {
					diff++
				}
			}
			if diff <= 1 {
				return true
			}
		}
		if len(other) == len(typo)-1 {
			for i := range typo {
				if typo[:i]+typo[i+1:] == other {
					return true
				}
			}
		}
	}
	return false
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
