package argparse

import (
	"fmt"
	"strconv"
	"strings"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// nargs of each action kind, when it fixes them.
var fixedNargs = map[string]string{
	"store_const": "0", "store_true": "0", "store_false": "0", "append_const": "0",
	"count": "0", "help": "0", "version": "0",
}

// addArgument is ArgumentParser.add_argument.
func addArgument(L *lua.LState) int {
	p := interp.Self[*parser](L)
	var (
		flags                                []lua.LValue
		names                                []string
		kind, help, metavar, version         string
		dest, typ, choices, nargs, konst, df lua.LValue = lua.LNil, lua.LNil, lua.LNil, lua.LNil, lua.LNil, lua.LNil
		required                             bool
	)
	// Python's **kwargs are the keywords the Sig's table declares.
	interp.UnpackArgs(L, 2, "*name_or_flags", &flags, "action?", &kind, "dest?", &dest, "type?", &typ,
		"default?", &df, "required?", &required, "choices?", &choices, "help?", &help,
		"metavar?", &metavar, "nargs?", &nargs, "const?", &konst, "version?", &version)
	for i, v := range flags {
		s, ok := v.(lua.LString)
		if !ok {
			interp.Raise(L, interp.TypeError, "%s() argument %d must be a string, not %s", interp.FuncName(L), i+1, interp.TypeName(v))
		}
		names = append(names, string(s))
	}
	a := &action{kind: "store", dflt: lua.LNil, konst: lua.LNil, typeName: "str"}
	if kind != "" {
		a.kind = kind
	}
	if _, ok := map[string]bool{"store": true, "store_const": true, "store_true": true, "store_false": true,
		"append": true, "append_const": true, "count": true, "help": true, "version": true}[a.kind]; !ok {
		interp.Raise(L, interp.ValueError, "unknown action %s", interp.QuoteString(a.kind))
	}
	switch {
	case len(names) == 0:
		interp.Raise(L, interp.TypeError, "%s() missing required argument 'name_or_flags' (pos 1)", interp.FuncName(L))
	case len(names) == 1 && !strings.HasPrefix(names[0], "-"):
		if dest != lua.LNil {
			interp.Raise(L, interp.ValueError, "dest supplied twice for positional argument")
		}
		a.dest = names[0]
	default:
		for _, n := range names {
			if !strings.HasPrefix(n, "-") || n == "-" {
				interp.Raise(L, interp.ValueError, "invalid option string %s: must start with a character '-'", interp.QuoteString(n))
			}
		}
		a.options = names
		a.dest = optionDest(names)
	}
	switch d := dest.(type) {
	case lua.LString:
		a.dest = string(d)
	case *lua.LNilType:
	default:
		interp.Raise(L, interp.TypeError, "%s() argument 'dest' must be a string, not %s", interp.FuncName(L), interp.TypeName(dest))
	}
	a.help = help
	a.hasHelp = a.help != ""
	a.metavar = metavar
	a.version = version
	a.required = required
	if a.required && a.positional() {
		interp.Raise(L, interp.TypeError, "'required' is an invalid argument for positionals")
	}
	a.konst = konst
	a.dflt = df
	switch a.kind {
	case "store_true":
		a.konst = lua.LTrue
		if a.dflt == lua.LNil {
			a.dflt = lua.LFalse
		}
	case "store_false":
		a.konst = lua.LFalse
		if a.dflt == lua.LNil {
			a.dflt = lua.LTrue
		}
	case "help", "version":
		a.dflt = lua.LString(suppress)
		if !a.hasHelp {
			a.help, a.hasHelp = map[string]string{"help": "show this help message and exit",
				"version": "show program's version number and exit"}[a.kind], true
		}
	}
	setNargs(L, a, nargs)
	// The usage repeats the metavar once per argument, as CPython's
	// add_argument does at once (to check the metavar): nargs = 2^40 is
	// MemoryError there, and must not reach Go's allocator here.
	interp.CheckSize(L, interp.MulSize(int64(a.count), int64(max(len(a.metavar), len(a.dest))+3)))
	setType(L, a, typ)
	if c, ok := choices.(*lua.LTable); ok {
		a.choices = []lua.LValue{}
		for i := 1; i <= c.Len(); i++ {
			a.choices = append(a.choices, c.RawGetInt(i))
		}
	}
	if a.positional() && a.nargs != nargsOptional && a.nargs != nargsZeroMore {
		a.required = true
	}
	if a.positional() && a.nargs == nargsZeroMore && a.dflt == lua.LNil {
		a.required = true
	}
	if err := p.add(a); err != nil {
		interp.Raise(L, ArgumentError, "%s", err.Error())
	}
	return 0
}

// optionDest is Python's dest for options: the first long option, else
// the first short one, without dashes and with - as _.
func optionDest(names []string) string {
	d := names[0]
	for _, n := range names {
		if strings.HasPrefix(n, "--") {
			d = n
			break
		}
	}
	return strings.ReplaceAll(strings.TrimLeft(d, "-"), "-", "_")
}

func setNargs(L *lua.LState, a *action, v lua.LValue) {
	fixed, isFixed := fixedNargs[a.kind]
	if v == lua.LNil {
		a.nargs = nargsNone
		if isFixed {
			a.nargs = fixed
		}
		return
	}
	if isFixed {
		interp.Raise(L, interp.TypeError, "action '%s' does not take nargs", a.kind)
	}
	switch v := v.(type) {
	case lua.LNumber:
		if v < 1 || v != lua.LNumber(int(v)) {
			interp.Raise(L, interp.ValueError, "nargs for store actions must be != 0; if you have nothing to store, actions such as store true or store const may be more appropriate")
		}
		a.nargs, a.count = strconv.Itoa(int(v)), int(v)
	case lua.LString:
		switch s := string(v); s {
		case nargsOptional, nargsZeroMore, nargsOneMore:
			a.nargs = s
		default:
			interp.Raise(L, interp.ValueError, "invalid nargs value %s", interp.QuoteString(s))
		}
	default:
		interp.Raise(L, interp.TypeError, "nargs must be a number or '?', '*', '+', not %s", interp.TypeName(v))
	}
}

func setType(L *lua.LState, a *action, v lua.LValue) {
	switch v := v.(type) {
	case *lua.LNilType:
		a.typ = "str"
	case lua.LString:
		switch s := string(v); s {
		case "int", "float", "str":
			a.typ, a.typeName = s, s
		default:
			interp.Raise(L, interp.ValueError, "type must be \"int\", \"float\", \"str\" or a function, not %s", interp.QuoteString(s))
		}
	case *lua.LFunction:
		a.conv, a.typeName = v, functionName(L, v)
	default:
		interp.Raise(L, interp.ValueError, "%s is not callable", interp.TypeName(v))
	}
}

// functionName names a type function in "invalid NAME value" as Python
// uses its __name__: by the global it is stored in (tonumber), else
// "function".
func functionName(L *lua.LState, f *lua.LFunction) string {
	name := "function"
	if g, ok := L.Get(lua.GlobalsIndex).(*lua.LTable); ok {
		g.ForEach(func(k, v lua.LValue) {
			if s, ok := k.(lua.LString); ok && v == f {
				name = string(s)
			}
		})
	}
	return name
}

// add registers an action; option strings must be new, as Python's
// conflict_handler='error' requires.
func (p *parser) add(a *action) error {
	for _, o := range a.options {
		if _, ok := p.options[o]; ok {
			return &argError{a, fmt.Sprintf("conflicting option string: %s", o)}
		}
	}
	for _, o := range a.options {
		p.options[o] = a
	}
	p.actions = append(p.actions, a)
	return nil
}
