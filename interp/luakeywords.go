package interp

import (
	"errors"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// Modules written in Lua (socketserver, ntplib) take CPython's keyword
// arguments as the Go modules do: in a last table, with the names, the rule
// for telling that table from a table argument, and the TypeErrors of
// keywords.go. Their Source receives keywords(name, ...), which reads the
// keyword parameters from the Sig of the module's entry name and returns
// the arguments ... with the keyword table spread into its places, in the
// Sig's order (positional parameters, then keyword-only ones):
//
//	-- socketserver.TCPServer(server_address, RequestHandlerClass
//	--     [, bind_and_activate=true] [, {bind_and_activate=}])
//	function TCPServer:__init__(...)
//	  local server_address, RequestHandlerClass, bind_and_activate =
//	    keywords("TCPServer", ...)
//
// TCPServer(addr, H, {bind_and_activate=false}) then gives false as the
// third value, and TCPServer(addr, H, {x=1}) raises CPython's TypeError:
// TCPServer.__init__() got an unexpected keyword argument 'x'. The
// arguments are counted as CPython counts them, keywords or not: too many
// positional ones, or a required one missing (given neither way), is
// CPython's TypeError too.
//
// The entry's Func is a PyFunc (the function is Python code in CPython),
// so the messages are a Python function's, named by its qualified name: a
// class's (an entry whose value is a table) is NAME.__init__, a method's
// is CLASS.METHOD ("NTPClient.request"). A parameter shown with a default
// that is not a table (bind_and_activate=true, timeout=5) cannot hold a
// table, so a table in its place is keywords, as a Go function's int or
// bool parameter; the others (server_address, an address table) may.

// luaKeywordsEntry is what FuncName sees while keywords runs: an entry
// without a name, so Raise adds no "keywords(): " to the messages, which
// name the Lua function themselves.
var luaKeywordsEntry = &Entry{Qualified: "interp.keywords"}

// luaKeywords makes keywords(name, ...) for module m's Lua source.
func (rt *Runtime) luaKeywords(m *Module) *lua.LFunction {
	fn := rt.L.NewFunction(func(L *lua.LState) int {
		name := L.CheckString(1)
		e := Of(L).docs.byName[m.Name+"."+name]
		if e == nil || len(e.Keywords) == 0 {
			L.RaiseError("keywords: %s.%s declares no keywords", m.Name, name)
		}
		p := luaParams(e)
		nargs := L.GetTop() - 1
		var kw *lua.LTable
		if t, ok := L.Get(L.GetTop()).(*lua.LTable); ok && nargs > 0 && keywordTable(e, &p, t, nargs) {
			kw = t
			nargs--
		}
		// Counted as CPython counts a Python function's arguments, with or
		// without keywords: too many, an unknown or doubled keyword, then
		// what is missing.
		checkPositional(L, e, &p, nargs)
		if kw != nil {
			checkKeywords(L, e, &p, keywordNames(L, kw), nargs)
		}
		checkMissing(L, e, &p, kw, nargs)
		for i, name := range p.names {
			var v lua.LValue = lua.LNil
			if i < nargs {
				v = L.Get(2 + i)
			}
			if kw != nil {
				if kv := kw.RawGetString(name); kv != lua.LNil {
					v = kv
				}
			}
			L.Push(v)
		}
		return len(p.names)
	})
	rt.docs.byValue[fn] = luaKeywordsEntry
	return fn
}

// luaParams are the parameters of a Lua function's Sig: the positional
// ones before its keyword table (required until the first "["), then the
// keyword-only ones. Each is a *lua.LValue, or a scalar if its default is
// not a table.
func luaParams(e *Entry) params {
	sig, _, _ := strings.Cut(e.Sig, " -> ")
	_, start, _ := sigTable(sig)
	args := sig[strings.IndexByte(sig, '(')+1 : start]
	p := params{required: -1}
	optional := false // a "[" came before: the parameters from here on are optional
	for _, part := range splitTop(args) {
		part = strings.TrimSpace(part)
		optional = optional || strings.HasPrefix(part, "[")
		name, dflt, hasDefault := strings.Cut(strings.Trim(part, " [],"), "=")
		if name = strings.TrimSpace(name); name != "" && name != "..." {
			if optional && p.required < 0 {
				p.required = len(p.names)
			}
			p.names = append(p.names, name)
			if hasDefault && !strings.HasPrefix(strings.TrimSpace(dflt), "{") {
				p.ptrs = append(p.ptrs, &scalarArg{})
			} else {
				p.ptrs = append(p.ptrs, new(lua.LValue))
			}
		}
		optional = optional || strings.Contains(part, "[")
	}
	if p.required < 0 {
		p.required = len(p.names)
	}
	for _, k := range e.Keywords {
		if k.Only {
			p.names = append(p.names, k.Name)
			p.ptrs = append(p.ptrs, &scalarArg{})
		}
	}
	p.restAt = len(p.names)
	return p
}

// scalarArg is a Lua module's parameter that is never a table.
type scalarArg struct{}

func (*scalarArg) Unpack(L *lua.LState, v lua.LValue) error {
	if _, ok := v.(*lua.LTable); ok {
		return errors.New("must not be a table")
	}
	return nil
}
