// Package argparse is netlua's `argparse` module: Python's argparse, with
// the same parsing rules and byte-identical help, usage and error output
// (CPython 3.11's "options:" section), so that a tutorial's
//
//	parser = argparse.ArgumentParser(description='Socket Server Example')
//	parser.add_argument('--port', action="store", dest="port", type=int, required=True)
//	given_args = parser.parse_args()
//
// ports as
//
//	local parser = argparse.ArgumentParser{description = "Socket Server Example"}
//	parser:add_argument("--port", {action = "store", dest = "port", type = "int", required = true})
//	local given_args = parser:parse_args()
//
// Python's keyword arguments are one table after the names. type is the
// string "int", "float" or "str" (Lua has no int or float to pass), or a
// Lua function from string to value that returns nil or raises an error
// to reject the string. Help goes to stdout, errors to stderr, and exits
// are SystemExit exceptions (2 for errors, 0 after --help), which end a
// script with that status as Python's sys.exit does.
//
// Lua has one number type, so a float value that is integral prints as
// an int: --timeout=1e3 gives Namespace(timeout=1000), not 1000.0.
//
// Files: module.go declares the module and the parser's methods; addarg.go
// is add_argument; action.go an argument's action; parse.go parsing
// (CPython's _parse_known_args); namespace.go the Namespace parse_args
// returns; format.go usage and help (HelpFormatter).
package argparse

import (
	"path/filepath"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// ArgumentError is argparse.ArgumentError, raised by add_argument for
// conflicting options; parse errors exit instead, as in Python.
var ArgumentError = interp.NewClass("argparse.ArgumentError", interp.Exception)

// suppress is argparse.SUPPRESS.
const suppress = "==SUPPRESS=="

var parserType = &interp.Type{
	Name: "argparse.ArgumentParser",
	Doc:  "A command-line parser: add arguments with add_argument, then parse_args.",
	Methods: []interp.Func{
		{Name: "add_argument", Fn: addArgument, PyFunc: true,
			Sig: "p:add_argument(name_or_flags... [, {action=, dest=, type=, default=, required=, choices=, help=, metavar=, nargs=, const=, version=}])",
			Doc: "Adds a positional argument (\"port\") or an option (\"-p\", \"--port\"). action is store (default), store_const, store_true, store_false, append, append_const, count, help or version; type is \"int\", \"float\", \"str\" or a function; nargs is \"?\", \"*\", \"+\" or a count; choices is a list.",
			Py:  "parser.add_argument(*name_or_flags, **kwargs)"},
		{Name: "parse_args", Fn: parseArgs, Sig: "p:parse_args([args]) -> namespace",
			Doc: "Parses args (a list of strings; the script's arg[1..n] by default) and returns a namespace table of dests, which prints as Namespace(port=9999, host='localhost'). On an error prints usage and the message to stderr and raises SystemExit(2); -h prints help and raises SystemExit(0).",
			Py:  "parser.parse_args(args=None)"},
		{Name: "parse_known_args", Fn: parseKnownArgs, Sig: "p:parse_known_args([args]) -> namespace, extras",
			Doc: "Like parse_args, but arguments it does not know are returned in the list extras instead of being an error.",
			Py:  "parser.parse_known_args(args=None)"},
		{Name: "format_usage", Fn: formatUsage, Sig: "p:format_usage() -> string",
			Doc: "Returns the usage line(s), as printed before errors."},
		{Name: "format_help", Fn: formatHelp, Sig: "p:format_help() -> string",
			Doc: "Returns the help text that -h prints."},
		{Name: "print_usage", Fn: printUsage, Sig: "p:print_usage()",
			Doc: "Prints the usage line(s) to stdout."},
		{Name: "print_help", Fn: printHelp, Sig: "p:print_help()",
			Doc: "Prints the help text to stdout."},
		{Name: "error", Fn: parserError, Sig: "p:error(message)",
			Doc: "Prints the usage and \"prog: error: message\" to stderr and raises SystemExit(2)."},
	},
}

var namespaceType = &interp.Type{
	Name: "argparse.Namespace",
	Doc:  "What parse_args returns: a table of values by dest (args.port), printing as Python's Namespace(port=9999, host='localhost'). A None value is a missing key, so args.host is nil and `if args.host then` is Python's `if args.host:`, yet the namespace remembers its declared names and prints host=None as CPython does; fields the program adds print after them. A None inside a list (append with nargs='?', append_const without const) is `none`, since a Lua table cannot hold nil.",
}

// Module is the argparse module.
var Module = &interp.Module{
	Name: "argparse",
	Doc:  "Python's argparse: command-line parsing with Python's help, usage and error output, and exit status 2 on errors.",
	Funcs: []interp.Func{
		{Name: "ArgumentParser", Fn: newParser,
			Sig: "argparse.ArgumentParser([prog] [, {prog=, usage=, description=, epilog=, add_help=true}]) -> parser", PyFunc: true,
			Doc: "Makes a parser. prog defaults to the script's file name (arg[0] without its directory), as Python uses sys.argv[0]; add_help adds -h/--help. A string argument is prog, as Python's first positional parameter.",
			Py:  "argparse.ArgumentParser(prog=None, usage=None, description=None, epilog=None, add_help=True)"},
	},
	Types:   []*interp.Type{parserType, namespaceType},
	Classes: []*interp.Class{ArgumentError},
	Consts: []interp.Const{
		{Name: "SUPPRESS", Value: suppress},
		{Name: "OPTIONAL", Value: nargsOptional},
		{Name: "ZERO_OR_MORE", Value: nargsZeroMore},
		{Name: "ONE_OR_MORE", Value: nargsOneMore},
	},
}

func newParser(L *lua.LState) int {
	p := &parser{options: map[string]*action{}}
	addHelp := true
	interp.UnpackArgs(L, 1, "prog?", &p.prog, "usage?", &p.usage, "description?", &p.description,
		"epilog?", &p.epilog, "add_help?", &addHelp)
	if p.prog == "" {
		p.prog = defaultProg(L)
	}
	if addHelp {
		p.add(&action{options: []string{"-h", "--help"}, dest: "help", kind: "help", nargs: "0",
			help: "show this help message and exit", hasHelp: true, dflt: lua.LString(suppress), konst: lua.LNil})
	}
	L.Push(interp.NewObject(L, parserType, p))
	return 1
}

// defaultProg is os.path.basename(sys.argv[0]): the script's name.
func defaultProg(L *lua.LState) string {
	if t, ok := L.GetGlobal("arg").(*lua.LTable); ok {
		if s, ok := t.RawGet(lua.LNumber(0)).(lua.LString); ok && s != "" {
			return filepath.Base(string(s))
		}
	}
	return "netlua"
}

func formatUsage(L *lua.LState) int {
	p := interp.Self[*parser](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LString(p.formatUsage() + "\n"))
	return 1
}

func formatHelp(L *lua.LState) int {
	p := interp.Self[*parser](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LString(p.formatHelp()))
	return 1
}

func printUsage(L *lua.LState) int {
	p := interp.Self[*parser](L)
	interp.UnpackArgs(L, 2)
	writeOut(L, p.formatUsage()+"\n")
	return 0
}

func printHelp(L *lua.LState) int {
	p := interp.Self[*parser](L)
	interp.UnpackArgs(L, 2)
	p.printHelp(L)
	return 0
}

func (p *parser) printHelp(L *lua.LState) { writeOut(L, p.formatHelp()) }

func writeOut(L *lua.LState, s string) { interp.Of(L).Out.Write(s) }

func parserError(L *lua.LState) int {
	p := interp.Self[*parser](L)
	var msg string
	interp.UnpackArgs(L, 2, "message", &msg)
	p.fail(L, msg)
	return 0
}

// fail is ArgumentParser.error: usage and message to stderr, then
// SystemExit(2).
func (p *parser) fail(L *lua.LState, msg string) {
	interp.Of(L).Out.WriteErr(p.formatUsage() + "\n" + p.prog + ": error: " + msg + "\n")
	exit(L, 2)
}

func exit(L *lua.LState, code int) {
	interp.RaiseValue(L, interp.NewException(L, interp.SystemExit, lua.LNumber(code)))
}

func parseArgs(L *lua.LState) int {
	p := interp.Self[*parser](L)
	ns, extras := p.parseKnown(L)
	if len(extras) > 0 {
		msg := "unrecognized arguments:"
		for _, e := range extras {
			msg += " " + e
		}
		p.fail(L, msg)
	}
	L.Push(ns)
	return 1
}

func parseKnownArgs(L *lua.LState) int {
	p := interp.Self[*parser](L)
	ns, extras := p.parseKnown(L)
	t := L.NewTable()
	for _, e := range extras {
		t.Append(lua.LString(e))
	}
	L.Push(ns)
	L.Push(t)
	return 2
}

func (p *parser) parseKnown(L *lua.LState) (*lua.LTable, []string) {
	var list *lua.LTable
	interp.UnpackArgs(L, 2, "args?", &list)
	if list == nil {
		list, _ = L.GetGlobal("arg").(*lua.LTable)
	}
	var args []string
	if list != nil {
		for i := 1; i <= list.Len(); i++ {
			s, ok := list.RawGetInt(i).(lua.LString)
			if !ok {
				interp.Raise(L, interp.TypeError, "%s() args must be strings, not %s", interp.FuncName(L), interp.TypeName(list.RawGetInt(i)))
			}
			args = append(args, string(s))
		}
	}
	ps, err := p.run(L, args)
	if err != nil {
		p.fail(L, err.Error())
	}
	if ps.exit != nil {
		exit(L, ps.exit.code)
	}
	return newNamespace(L, ps), ps.extras
}
