package interp

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// help is a builtin like Python's: it reads the same entries the modules are
// built from (module.go), so what it says cannot drift from the code. It is
// appended here rather than listed in builtins.go so that the help text stays
// beside the code that prints it.
func init() {
	BuiltinFuncs = append(BuiltinFuncs, Func{
		Name: "help", Fn: builtinHelp, Sig: "help([value [, name]])",
		Doc: "Shows documentation: with no argument, the modules and builtins; for a module, its functions and types; for a function, method, object or type, its signature in Lua form, what it does and its Python equivalent. A string is looked up by name: help(\"socket.recv\"). name is what to look up when value is nil or undocumented (the prompt passes it for help(socket.recv)).",
		Py:  "help([object])",
	})
}

// helpWidth is where help wraps paragraphs: four columns short of the
// terminal's width (Runtime.Columns), or of 80.
func (rt *Runtime) helpWidth() int {
	if rt.Columns != nil {
		if c := rt.Columns(); c >= 40 {
			return c - 4
		}
	}
	return 76
}

func builtinHelp(L *lua.LState) int {
	var v lua.LValue = lua.LNil
	name := ""
	UnpackArgs(L, 1, "value?", &v, "name?", &name)
	rt := Of(L)
	var b strings.Builder
	switch {
	case L.GetTop() == 0:
		rt.helpIntro(&b)
	case v.Type() == lua.LTString:
		rt.helpName(&b, lua.LVAsString(v))
	default:
		if d := rt.docOfValue(L, v); d != nil {
			rt.helpDoc(&b, d)
		} else if cls := classDoc(v, rt.helpWidth()); cls != "" {
			b.WriteString(cls)
		} else if name != "" {
			rt.helpName(&b, name)
		} else {
			fmt.Fprintf(&b, "No documentation for %s.\n", L.ToStringMeta(v).String())
		}
	}
	rt.Out.Write(b.String())
	return 0
}

// docOfValue finds the entry for a value: the value itself (functions,
// modules), or for an object its type, known by the metatable's __index
// table or, when __index is a function (sockets have fields too), by the
// metatable's __name.
func (rt *Runtime) docOfValue(L *lua.LState, v lua.LValue) *Entry {
	if d := rt.EntryOf(v); d != nil {
		return d
	}
	return rt.TypeEntryOf(L, v)
}

// TypeEntryOf returns the documentation of the type of an object made from a
// Type (see TypeMeta), or nil. The REPL completes methods from it.
func (rt *Runtime) TypeEntryOf(L *lua.LState, v lua.LValue) *Entry {
	mt, ok := L.GetMetatable(v).(*lua.LTable)
	if !ok {
		return nil
	}
	if d := rt.EntryOf(mt.RawGetString("__index")); d != nil {
		return d
	}
	if name, ok := mt.RawGetString("__name").(lua.LString); ok && mt == rt.L.G.Registry.RawGetString("meta:"+string(name)) {
		return rt.typeDoc(string(name))
	}
	return nil
}

// typeDoc is the entry of the type named name, looked up by its methods
// table: by name, "socket.socket" is the constructor function.
func (rt *Runtime) typeDoc(name string) *Entry {
	return rt.EntryOf(rt.L.G.Registry.RawGetString("type:" + name))
}

// classDoc describes an exception class table: "class socket.gaierror(OSError)".
func classDoc(v lua.LValue, width int) string {
	t, ok := v.(*lua.LTable)
	if !ok {
		return ""
	}
	name, ok := t.RawGetString("__name").(lua.LString)
	if !ok || t.RawGetString("__index") != t {
		return ""
	}
	base := ""
	if b, ok := t.RawGetString("__base").(*lua.LTable); ok {
		base = lua.LVAsString(b.RawGetString("__name"))
	}
	var b strings.Builder
	b.WriteString(classSig(string(name), base) + "\n")
	wrap(&b, classText(string(name)), "    ", "    ", width)
	return b.String()
}

// classEntry is the entry of a declared exception class, under the name q
// (the class's own, or an alias such as select.error).
func classEntry(q string, c *Class) *Entry {
	base := ""
	if c.Base != nil {
		base = c.Base.Name
	}
	return &Entry{Qualified: q, Name: q[strings.LastIndexByte(q, '.')+1:], Sig: classSig(c.Name, base), Doc: classText(c.Name)}
}

func classSig(name, base string) string {
	if base == "" {
		return "class " + name
	}
	return "class " + name + "(" + base + ")"
}

func classText(name string) string {
	return "An exception class. Raise it with error(" + name + "(...)); after pcall, isinstance(e, " + name + ") tells whether e is one (or of a subclass)."
}

// helpName looks a name up: exactly ("socket.socket.recv"), then as a
// method written with its module only ("socket.recv" finds
// socket.socket.recv), then by any entry ending in it ("recv").
func (rt *Runtime) helpName(b *strings.Builder, name string) {
	if name == "keywords" {
		wrap(b, keywordRule, "", "", rt.helpWidth())
		return
	}
	name = strings.Replace(name, ":", ".", 1)
	if d := rt.EntryNamed(name); d != nil {
		rt.helpDoc(b, d)
		return
	}
	var matches []string
	mod, rest, dotted := strings.Cut(name, ".")
	for _, n := range rt.EntryNames() {
		if dotted && strings.HasPrefix(n, mod+".") && strings.HasSuffix(n, "."+rest) ||
			!dotted && strings.HasSuffix(n, "."+name) {
			matches = append(matches, n)
		}
	}
	switch len(matches) {
	case 0:
		fmt.Fprintf(b, "No documentation found for '%s'. help() lists the modules.\n", name)
	case 1:
		rt.helpDoc(b, rt.EntryNamed(matches[0]))
	default:
		fmt.Fprintf(b, "'%s' could be any of:\n", name)
		for _, m := range matches {
			b.WriteString("    " + m + "\n")
		}
	}
}

// helpDoc shows one entry: a function as its signature, paragraph and
// Python equivalent; a module or type as its paragraph and members.
func (rt *Runtime) helpDoc(b *strings.Builder, d *Entry) {
	if d.Members == nil && d.Sig != "" {
		width := rt.helpWidth()
		wrap(b, d.Sig, "", "    ", width)
		wrap(b, d.Doc, "    ", "    ", width)
		wrap(b, d.KeywordHelp(), "    ", "    ", width)
		if d.Py != "" {
			wrap(b, d.Py, "    Python: ", "        ", width)
		}
		// A constructor shares its name with its type: show the methods too.
		if td := rt.typeDoc(d.Qualified); td != nil {
			b.WriteString("\n")
			rt.helpDoc(b, td)
		}
		return
	}
	kind := "type"
	for _, m := range rt.modules {
		if m.Name == d.Qualified {
			kind = "module"
		}
	}
	b.WriteString(kind + " " + d.Qualified + "\n")
	wrap(b, d.Doc, "    ", "    ", rt.helpWidth())
	if len(d.Members) > 0 {
		b.WriteString("\n")
	}
	for i, m := range d.Members {
		if i > 0 && m == d.Members[i-1] {
			continue // a constructor and its type share a name
		}
		md := rt.EntryNamed(m)
		switch {
		case md == nil:
			b.WriteString("    " + m + "\n")
		case md.Members != nil || md.Sig == "":
			wrap(b, m+"  (type: help("+m+") for its methods)", "    ", "        ", rt.helpWidth())
		default:
			wrap(b, md.Sig, "    ", "        ", rt.helpWidth())
		}
	}
}

// keywordRule is help("keywords"): keywords.go's rule for users.
const keywordRule = "Python's keyword arguments are a last table with Python's names: " +
	"data:decode(\"utf-8\", {errors=\"replace\"}) is data.decode('utf-8', errors='replace'). " +
	"help(f) lists the keywords f takes; names CPython takes only as keywords are refused positionally, " +
	"an unknown or repeated name raises CPython's TypeError. A last table is the keywords when f " +
	"takes keywords, the table has no metatable, and either no positional parameter is left for it, " +
	"or its keys are strings and the parameter it would fill cannot be a table (a string, a number, " +
	"a flag), or that parameter is optional and the keys are strings naming at least one keyword. " +
	"Otherwise it is that argument, as an address {\"127.0.0.1\", 9999} or a list to pickle is: " +
	"pickle.dumps({protocol=2}) pickles the table. true and false are the ints 1 and 0 wherever " +
	"Python takes an int; an integral number is an int and 1.5 a float, which an int parameter refuses."

// helpIntro is help() with no argument: what there is and how to ask.
func (rt *Runtime) helpIntro(b *strings.Builder) {
	b.WriteString("netlua: Lua 5.1 with Python's socket library. Modules (imported at the\n" +
		"prompt; in scripts: local socket = require(\"socket\")):\n\n")
	width := 0
	for _, m := range rt.modules {
		width = max(width, len(m.Name))
	}
	for _, m := range rt.modules {
		first := fmt.Sprintf("    %-*s  ", width, m.Name)
		wrap(b, firstSentence(m.Doc), first, strings.Repeat(" ", len(first)), rt.helpWidth())
	}
	var builtins []string
	for _, n := range rt.EntryNames() {
		if !strings.Contains(n, ".") {
			builtins = append(builtins, n)
		}
	}
	b.WriteString("\nBuiltins: " + strings.Join(builtins, ", ") + ".\n" +
		"help(x) shows x: help(socket), help(socket.socket), help(s.recv), help(\"socket.recv\").\n" +
		"Keyword arguments are a last table: f(x, {key=v}) is Python's f(x, key=v);\n" +
		"help(\"keywords\") says when a last table is one.\n")
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// wrap writes text as lines of at most width columns, the first indented
// with first, the others with indent.
func wrap(b *strings.Builder, text, first, indent string, width int) {
	line, start := first, len(first)
	for _, w := range strings.Fields(text) {
		if len(line) > start && len(line)+1+len(w) > width {
			b.WriteString(line + "\n")
			line, start = indent, len(indent)
		}
		if len(line) > start {
			line += " "
		}
		line += w
	}
	if len(line) > start {
		b.WriteString(line + "\n")
	}
}
