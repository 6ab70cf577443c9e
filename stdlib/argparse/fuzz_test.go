package argparse

import (
	"strings"
	"testing"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// fuzzParser has every kind of action and nargs.
const fuzzParser = `
local p = argparse.ArgumentParser{prog = 'fuzz', description = 'd', epilog = 'e'}
p:add_argument('host')
p:add_argument('ports', {nargs = '+', type = 'int'})
p:add_argument('rest', {nargs = '*'})
p:add_argument('-c', '--count', {type = 'int', default = 3, choices = {1, 2, 3}})
p:add_argument('-t', '--timeout', {type = 'float', default = '2.5'})
p:add_argument('-q', {action = 'store_true'})
p:add_argument('-v', {action = 'count'})
p:add_argument('--tag', {action = 'append'})
p:add_argument('--pair', {nargs = 2})
p:add_argument('--opt', {nargs = '?', const = 'c'})
p:add_argument('--k', {action = 'store_const', const = 1})
p:add_argument('--fn', {type = function(s) return #s > 2 and s or nil end})
p:add_argument('-5', {action = 'store_true'})
return p
`

// FuzzParseArgs parses arbitrary argument lists (NUL-separated) with a
// fixed parser: the result is a namespace or a SystemExit, never a Go
// panic or any other error.
func FuzzParseArgs(f *testing.F) {
	for _, s := range []string{"h\x001", "-h", "", "--count=2\x00h\x001\x002", "-qvv\x00-c\x001\x00h\x00-5\x00--\x00-1",
		"--pair\x00a\x00b\x00--opt\x00h\x001", "--co\x00x", "--t\x001", "-c1\x00h\x00--fn\x00abc\x001", "h\x00-\x001\x00--tag=a"} {
		f.Add(s)
	}
	rt := interp.New(Module)
	rt.Out.SetWriters(discard{}, discard{})
	if err := rt.RunString("argparse = require('argparse')", "import"); err != nil {
		f.Fatal(err)
	}
	fn, err := rt.Load(strings.NewReader(fuzzParser), "parser")
	if err != nil {
		f.Fatal(err)
	}
	if err := rt.Call(fn, 1); err != nil {
		f.Fatal(err)
	}
	p := rt.L.Get(-1)
	rt.L.Pop(1)
	parse := rt.L.GetField(rt.L.GetMetatable(p), "__index").(*lua.LTable).RawGetString("parse_args")
	f.Fuzz(func(t *testing.T, s string) {
		args := rt.L.NewTable()
		if s != "" {
			for _, a := range strings.Split(s, "\x00") {
				args.Append(lua.LString(a))
			}
		}
		err := rt.Call(parse, 1, p, args)
		if err == nil {
			rt.L.Pop(1)
			return
		}
		if e := interp.FromLuaError(rt, err); !e.IsA(interp.SystemExit) {
			t.Fatalf("parse_args(%q): %s", s, e.Report())
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
