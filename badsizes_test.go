package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"netlua/interp/interptest"
)

// sizes are the counts and lengths no machine has, or that go negative:
// each once ended netlua with a Go fatal error somewhere (string.rep,
// struct.pack, argparse nargs, strftime widths).
var sizes = []string{"2^31", "2^40", "2^62", "-1"}

// nests are tables nested beyond any recursion limit, as a list (a million
// levels: repr and pickle.dumps walked it until the Go stack ran out, a
// fatal error), as dicts, and as a table holding itself.
var nests = []string{"_deep_list", "_deep_dict", "_self"}

// fillers are values for the parameters a call does not vary, by name, so
// that the varied one is reached past the others' checks.
var fillers = map[string]string{
	"buffer": "socket.bytearray(8)", "address": "{'127.0.0.1', 0}", "file": "io.stdout",
	"t": "{}", "elements": "{1}", "fmt": "'x'", "format": "'x'",
}

var textParam = regexp.MustCompile(`^(data|s|string|text|hexstr|name|host|hostname|servicename|protocolname|prompt|encoding|errors|sep|prog|dest|metavar|help|usage|description|epilog|version)$`)

// sigParams reads a Sig's parameters in order, and the keys of an
// options table if it takes one: "f(data [, sep [, bytes_per_sep=1]])"
// gives data, sep, bytes_per_sep.
func sigParams(sig string) (params, keys []string) {
	open := strings.IndexAny(sig, "({")
	if open < 0 {
		return nil, nil
	}
	body := sig[open+1:]
	if sig[open] == '{' { // threading.Thread{target=f, ...}: only options
		for _, k := range regexp.MustCompile(`(\w+)=`).FindAllStringSubmatch(body, -1) {
			keys = append(keys, k[1])
		}
		return nil, keys
	}
	if i := strings.IndexByte(body, ')'); i >= 0 {
		body = body[:i]
	}
	if i := strings.IndexByte(body, '{'); i >= 0 {
		for _, k := range regexp.MustCompile(`(\w+)=`).FindAllStringSubmatch(body[i:], -1) {
			keys = append(keys, k[1])
		}
		body = body[:i]
	}
	for _, p := range regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`).FindAllString(regexp.MustCompile(`=[^,\]\s]*`).ReplaceAllString(body, ""), -1) {
		if p != "or" && p != "nil" {
			params = append(params, p)
		}
	}
	return params, keys
}

func filler(param string) string {
	if v, ok := fillers[param]; ok {
		return v
	}
	if textParam.MatchString(param) {
		return "'x'"
	}
	return "1"
}

// TestSizesAndNestingNeverCrash calls every documented function and
// method with each size in each parameter and in each key of its options
// table, and with each deeply nested table in each parameter, the other
// parameters given plausible values. Each call must work or raise an
// error pcall catches, as TestBadInputNeverCrashes requires; a Go fatal
// error ends the test binary.
func TestSizesAndNestingNeverCrash(t *testing.T) {
	rt := interptest.New(t, Modules...)
	if err := rt.RunString(`
		_deep_list, _deep_dict, _self = {}, {}, {}
		for i = 1, 1000000 do _deep_list = {_deep_list} end
		for i = 1, 100000 do _deep_dict = {k = _deep_dict} end
		_self[1] = _self; _self.k = _self`, "setup"); err != nil {
		t.Fatal(err)
	}
	type target struct {
		name, call, short, sig string
		luaErrors              bool
	}
	var targets []target
	for _, m := range rt.Modules() {
		for _, f := range m.Funcs {
			targets = append(targets, target{m.Name + "." + f.Name, m.Name + "." + f.Name + "(%s)", shortName(f.Name), f.Sig, m.LuaErrors})
		}
		for _, typ := range m.Types {
			ctor, ok := constructors[typ.Name]
			if !ok {
				continue // TestBadInputNeverCrashes reports it
			}
			for _, f := range typ.Methods {
				if f.Name != "close" && f.Name != "detach" {
					targets = append(targets, target{typ.Name + ":" + f.Name, "(" + ctor + "):" + f.Name + "(%s)", f.Name, f.Sig, m.LuaErrors})
				}
			}
		}
	}
	sort.Slice(targets, func(i, j int) bool { return targets[i].name < targets[j].name })
	calls := 0
	for _, tg := range targets {
		if strings.HasPrefix(tg.name, "_G.") || tg.short == "exit" || tg.short == "quit" || tg.short == "input" || raisesByDesign[tg.name] {
			continue
		}
		params, keys := sigParams(tg.sig)
		for k := range params {
			for _, v := range append(append([]string{}, sizes...), nests...) {
				args := make([]string, k+1)
				for i := range args {
					args[i] = filler(params[i])
				}
				args[k] = v
				callOnce(t, rt, tg.name, tg.short, tg.luaErrors, fmt.Sprintf("local ok, e = pcall(function() return "+tg.call+" end) _last_ok, _last_err = ok, e", strings.Join(args, ", ")))
				calls++
			}
		}
		for _, key := range keys {
			for _, v := range append(append([]string{}, sizes...), nests...) {
				args := make([]string, len(params)+1)
				for i := range params {
					args[i] = filler(params[i])
				}
				args[len(params)] = "{[" + fmt.Sprintf("%q", key) + "] = " + v + "}"
				if len(params) > 0 && strings.HasSuffix(params[len(params)-1], "flags") {
					args = append(args[:len(params)-1], args[len(params)]) // add_argument(name, {opts})
				}
				callOnce(t, rt, tg.name, tg.short, tg.luaErrors, fmt.Sprintf("local ok, e = pcall(function() return "+tg.call+" end) _last_ok, _last_err = ok, e", strings.Join(args, ", ")))
				calls++
			}
		}
	}
	if calls < 1000 {
		t.Errorf("only %d calls made: are the Sigs still parsed?", calls)
	}
	t.Logf("%d calls", calls)
}

func TestSigParams(t *testing.T) {
	for sig, want := range map[string]string{
		"binascii.hexlify(data [, sep [, bytes_per_sep=1]]) -> string":                                  "data sep bytes_per_sep|",
		"s:setsockopt(level, option, value) or s:setsockopt(level, option, nil, optlen)":                "level option value|",
		"socket.create_server(address [, {family=, backlog=, reuse_port=, dualstack_ipv6=}]) -> socket": "address|family backlog reuse_port dualstack_ipv6",
		"threading.Thread{target=f, args={...}, kwargs=t, name=s, daemon=b} -> Thread":                  "|target args kwargs name daemon",
		"p:add_argument(name_or_flags... [, {action=, nargs=, const=}])":                                "name_or_flags|action nargs const",
	} {
		p, k := sigParams(sig)
		if got := strings.Join(p, " ") + "|" + strings.Join(k, " "); got != want {
			t.Errorf("%s: got %q, want %q", sig, got, want)
		}
	}
}
