package interp

import (
	"fmt"
	"testing"
)

// TestSigKeywords checks how keywords are read from the signatures modules
// declare, and how pySig writes them in Python's spelling.
func TestSigKeywords(t *testing.T) {
	for _, c := range []struct{ sig, kws, py string }{
		{"s:recv(bufsize [, flags]) -> string", "[]", "s.recv(bufsize[, flags])"},
		{"binascii.b2a_base64(data [, {newline=true}]) -> string", "[newline*]", "binascii.b2a_base64(data, *, newline=true)"},
		{`s:decode([encoding="utf-8" [, errors="strict"]] [, {encoding=, errors=}]) -> string`, "[encoding errors]", `s.decode([encoding="utf-8"[, errors="strict"]])`},
		{"threading.Thread{target=f, args={...}, kwargs=t, name=s, daemon=b} -> Thread", "[target* args* kwargs* name* daemon*]", "threading.Thread{target=f, args={...}, kwargs=t, name=s, daemon=b}"},
		{"argparse.ArgumentParser([prog] [, {prog=, usage=, add_help=true}]) -> parser", "[prog usage* add_help*]", "argparse.ArgumentParser([prog], *, usage, add_help=true)"},
		{"p:add_argument(name_or_flags... [, {action=, dest=}])", "[action* dest*]", "p.add_argument(name_or_flags..., *, action, dest)"},
		{"s:bind(address) or s:bind(host, port)", "[]", "s.bind(address) or s:bind(host, port)"},
		{"f(t [, {a={1, 2}}]) -> x", "[a*]", "f(t, *, a={1, 2})"},
		{"pickle.set([elements]) -> set", "[]", "pickle.set([elements])"},
		{"json.dumps(obj [, {skipkeys, indent=, sort_keys=false}]) -> string", "[skipkeys* indent* sort_keys*]", "json.dumps(obj, *, skipkeys, indent, sort_keys=false)"},
	} {
		var got []string
		for _, k := range sigKeywords(c.sig) {
			if k.Only {
				k.Name += "*"
			}
			got = append(got, k.Name)
		}
		if fmt.Sprint(got) != c.kws {
			t.Errorf("sigKeywords(%q) = %v, want %s", c.sig, got, c.kws)
		}
		if py := pySig(c.sig); py != c.py {
			t.Errorf("pySig(%q) = %q, want %q", c.sig, py, c.py)
		}
	}
}
