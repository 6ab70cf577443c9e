package interp

import (
	"fmt"
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// A Module is declared once, as data: its functions, types, exception
// classes and constants with their documentation. Preload registers it with
// require, and help() reads the same entries, so the documentation cannot
// drift from the code.
type Module struct {
	Name  string // require name: "socket"
	Doc   string // one paragraph: what the module is, its Python counterpart
	Funcs []Func
	Types []*Type
	// Classes are the module's exception classes, each the module field
	// named by the last part of its name ("socket.gaierror" is gaierror).
	Classes []*Class
	// Consts are the module's other fields: numbers, strings and classes
	// under another name (select.error is OSError). help lists them with
	// their values.
	Consts []Const
	// Open, if set, adds what is not a declaration (a metatable for the
	// module or its objects, a private helper for its Lua source) once the
	// declared fields are set.
	Open func(L *lua.LState, mod *lua.LTable)
	// Init, if set, runs when a runtime is made, before any require: for
	// modules that extend built-in types (codecs adds string:encode).
	Init func(L *lua.LState)
	// Source, if set, is Lua code for the module (modules written in Lua):
	// it runs after Funcs are registered and receives four arguments: the
	// table; wrong_self(self, typ [, method]), which raises Self's
	// TypeError for a method of the type named typ called on the wrong
	// object (method defaults to the calling function's entry name);
	// arg_error(param, message), which raises UnpackArgs' TypeError for
	// the innermost declared function on the stack; and type_name(v),
	// TypeName's Python name of v's type for those messages ("str"); and
	// keywords(name, ...), which spreads a keyword table into the
	// arguments of the entry name as UnpackArgs would (luakeywords.go). Its Funcs entries
	// with a nil Fn document the functions it defines. A dotted name
	// ("TCPServer.serve_forever") documents a function in a table the
	// source made (a method of a class written in Lua).
	Source string
	// LuaErrors marks a module written in Lua after a library whose
	// functions check no arguments (LuaSocket's ltn12, mime, url, http...):
	// a bad argument ends in Lua's own error from deeper down, as it does
	// in lua5.1, which is what a LuaSocket user's code expects. Every
	// other module names the function and the problem.
	LuaErrors bool
}

// A Const is a module field that is not a function. Value is an int, a
// float64, a string, a bool, a *Class, or a func(*lua.LState) lua.LValue
// for a value made when the module opens (time.tzname, from the zone).
type Const struct {
	Name  string
	Value any
}

// value is c's Lua value in L's runtime.
func (c *Const) value(L *lua.LState) lua.LValue {
	switch v := c.Value.(type) {
	case int:
		return lua.LNumber(v)
	case float64:
		return lua.LNumber(v)
	case string:
		return lua.LString(v)
	case bool:
		return lua.LBool(v)
	case *Class:
		return Of(L).ClassTable(v)
	case func(*lua.LState) lua.LValue:
		return v(L)
	}
	panic(fmt.Sprintf("interp: constant %s has a value of type %T", c.Name, c.Value))
}

// A Func is one documented function or method. Its Name is also what
// messages call it (FuncName): no function spells its own name.
type Func struct {
	Name string // "recv"
	Fn   lua.LGFunction
	Sig  string // Lua form: "s:recv(bufsize [, flags]) -> string"
	Doc  string // one paragraph
	// Py is the Python equivalent: "socket.create_connection(address)".
	// Leave it empty where it would only restate Sig: help() then shows
	// Sig in Python's spelling (pySig). "-" means there is none.
	Py string
	// PyFunc says CPython's counterpart is written in Python
	// (socket.create_connection, Thread.__init__), not in C: its keyword
	// errors then have Python's wording ("got an unexpected keyword
	// argument 'x'") instead of C's ("'x' is an invalid keyword argument").
	PyFunc bool
}

// pySig is a Lua signature in Python's spelling, the default of Func.Py:
// without its result, a method called with a dot, optional arguments
// bracketed without a space, keywords as Python writes them (pyKeywords):
// "s:recv(bufsize [, flags]) -> string" is "s.recv(bufsize[, flags])".
func pySig(sig string) string {
	sig, _, _ = strings.Cut(sig, " -> ")
	sig = pyKeywords(sig)
	if open := strings.IndexByte(sig, '('); open > 0 {
		sig = strings.Replace(sig[:open], ":", ".", 1) + sig[open:]
	}
	return strings.ReplaceAll(strings.TrimSpace(sig), " [", "[")
}

// A Type is an object type a module defines (socket.socket, threading.Event).
// Its methods live in the table Methods returns; the binding builds the
// metatable around it (see Runtime.TypeMeta).
type Type struct {
	Name    string // qualified: "socket.socket"
	Doc     string
	Methods []Func
	// Repr, if set, is its objects' __tostring: Python's repr of them
	// ("<threading.Event at 0x...: unset>").
	Repr lua.LGFunction
}

// NewObject makes an object of type t holding v: a userdata with t's
// metatable, which Self[T] gives back to t's methods as v.
func NewObject(L *lua.LState, t *Type, v any) *lua.LUserData {
	ud := L.NewUserData()
	ud.Value = v
	ud.Metatable = Of(L).TypeMeta(t)
	return ud
}

// An Entry is what the runtime knows of one declared name: what help()
// shows, and what FuncName reads.
type Entry struct {
	Qualified string // "socket.socket.recv"
	Name      string // what messages call it: "recv" (see FuncName)
	Owner     string // the type or module it belongs to: "socket.socket"
	Sig       string
	Doc       string
	Py        string
	Members   []string // for modules and types: their documented members
	// Keywords are the keyword parameters its Sig declares (keywords.go).
	Keywords []Keyword
	PyFunc   bool // see Func.PyFunc
	luaClass bool // a class written in Lua (socketserver.TCPServer): pyName's NAME.__init__
}

type docIndex struct {
	byName  map[string]*Entry
	byValue map[lua.LValue]*Entry
}

func (d *docIndex) init() {
	d.byName = make(map[string]*Entry)
	d.byValue = make(map[lua.LValue]*Entry)
}

func (d *docIndex) add(v lua.LValue, doc *Entry) {
	d.byName[doc.Qualified] = doc
	if v != nil && v != lua.LNil {
		d.byValue[v] = doc
	}
}

// Preload makes m available to require.
func (rt *Runtime) Preload(m *Module) {
	rt.modules = append(rt.modules, m)
	if m.Init != nil {
		m.Init(rt.L)
	}
	rt.L.PreloadModule(m.Name, func(L *lua.LState) int {
		L.Push(rt.open(L, m))
		return 1
	})
}

func (rt *Runtime) open(L *lua.LState, m *Module) *lua.LTable {
	mod := L.NewTable()
	modDoc := &Entry{Qualified: m.Name, Doc: m.Doc}
	for _, f := range m.Funcs {
		if f.Fn != nil {
			mod.RawSetString(f.Name, L.NewFunction(f.Fn))
		}
	}
	for _, t := range m.Types {
		rt.TypeMethods(t)
		modDoc.Members = append(modDoc.Members, t.Name)
	}
	for _, c := range m.Classes {
		mod.RawSetString(c.Name[strings.LastIndexByte(c.Name, '.')+1:], rt.ClassTable(c))
		rt.docs.add(nil, classEntry(c.Name, c))
		modDoc.Members = append(modDoc.Members, c.Name)
	}
	for i := range m.Consts {
		c := &m.Consts[i]
		v := c.value(L)
		mod.RawSetString(c.Name, v)
		q := m.Name + "." + c.Name
		e := &Entry{Qualified: q, Name: c.Name, Owner: m.Name, Sig: q + " = " + ReprValue(L, v)}
		if cls, ok := c.Value.(*Class); ok {
			e = classEntry(q, cls)
		}
		rt.docs.add(nil, e)
		modDoc.Members = append(modDoc.Members, q)
	}
	if m.Open != nil {
		m.Open(L, mod)
	}
	if m.Source != "" {
		fn, err := Compile(L, strings.NewReader(m.Source), m.Name+".lua")
		if err != nil {
			panic(fmt.Sprintf("interp: module %s does not compile: %v", m.Name, err))
		}
		L.Push(fn)
		L.Push(mod)
		L.Push(L.NewFunction(wrongSelf))
		L.Push(L.NewFunction(argError))
		L.Push(L.NewFunction(typeNameOf))
		L.Push(rt.luaKeywords(m))
		L.Call(5, 1)
		if t, ok := L.Get(-1).(*lua.LTable); ok {
			mod = t
		}
		L.Pop(1)
	}
	for i := range m.Funcs {
		f := &m.Funcs[i]
		q := m.Name + "." + f.Name
		v := field(mod, f.Name)
		e := f.doc(q)
		_, e.luaClass = v.(*lua.LTable)
		e.luaClass = e.luaClass && m.Source != ""
		rt.docs.add(v, e)
		modDoc.Members = append(modDoc.Members, q)
	}
	sort.Strings(modDoc.Members)
	rt.docs.add(mod, modDoc)
	return mod
}

// field returns t[name], following dots through nested tables without
// metamethods, so that a Func named "TCPServer.serve_forever" documents a
// method that Lua source defined on a class table. Missing is nil.
func field(t *lua.LTable, name string) lua.LValue {
	var v lua.LValue = t
	for _, part := range strings.Split(name, ".") {
		tt, ok := v.(*lua.LTable)
		if !ok {
			return lua.LNil
		}
		v = tt.RawGetString(part)
	}
	return v
}

// doc is f's entry for help() and FuncName, under the qualified name q.
func (f *Func) doc(q string) *Entry {
	dot := strings.LastIndexByte(q, '.')
	py := f.Py
	switch py {
	case "":
		py = pySig(f.Sig)
	case "-":
		py = ""
	}
	return &Entry{Qualified: q, Name: q[dot+1:], Owner: q[:max(dot, 0)], Sig: f.Sig, Doc: f.Doc, Py: py,
		Keywords: sigKeywords(f.Sig), PyFunc: f.PyFunc}
}

// TypeMethods returns the table of t's methods in this runtime (made once),
// with each method documented as "TYPE.METHOD".
func (rt *Runtime) TypeMethods(t *Type) *lua.LTable {
	key := "type:" + t.Name
	if v, ok := rt.L.G.Registry.RawGetString(key).(*lua.LTable); ok {
		return v
	}
	L := rt.L
	methods := L.NewTable()
	typeDoc := &Entry{Qualified: t.Name, Doc: t.Doc}
	for _, f := range t.Methods {
		fn := L.NewFunction(f.Fn)
		methods.RawSetString(f.Name, fn)
		q := t.Name + "." + f.Name
		rt.docs.add(fn, f.doc(q))
		typeDoc.Members = append(typeDoc.Members, q)
	}
	sort.Strings(typeDoc.Members)
	rt.docs.add(methods, typeDoc)
	L.G.Registry.RawSetString(key, methods)
	return methods
}

// TypeMeta returns a metatable for objects of type t, made once per runtime:
// __index is the methods table, __name the type name (used by TypeName),
// __tostring t.Repr. Bindings may add __eq and the like to it.
func (rt *Runtime) TypeMeta(t *Type) *lua.LTable {
	key := "meta:" + t.Name
	if v, ok := rt.L.G.Registry.RawGetString(key).(*lua.LTable); ok {
		return v
	}
	meta := rt.L.NewTable()
	meta.RawSetString("__index", rt.TypeMethods(t))
	meta.RawSetString("__name", lua.LString(t.Name))
	if t.Repr != nil {
		meta.RawSetString("__tostring", rt.L.NewFunction(t.Repr))
	}
	rt.L.G.Registry.RawSetString(key, meta)
	return meta
}

// EntryOf returns the documentation of a value (a documented function, a
// module or a methods table), or nil.
func (rt *Runtime) EntryOf(v lua.LValue) *Entry { return rt.docs.byValue[v] }

// EntryNamed returns the documentation for a qualified name, like
// "socket.recv" or "socket.socket.recv", or nil.
func (rt *Runtime) EntryNamed(name string) *Entry { return rt.docs.byName[name] }

// EntryNames lists every documented name, sorted.
func (rt *Runtime) EntryNames() []string {
	names := make([]string, 0, len(rt.docs.byName))
	for n := range rt.docs.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Modules lists the preloaded modules, in the order given to New.
func (rt *Runtime) Modules() []*Module { return rt.modules }
