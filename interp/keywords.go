package interp

import (
	"errors"
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// Python's keyword arguments are one Lua table after the positional
// arguments: data:decode("utf-8", {errors="replace"}) is Python's
// data.decode("utf-8", errors="replace"). A function takes one when its
// declaration says so, in its Sig: the keyword parameters are the names of
// the signature's trailing table, "binascii.b2a_base64(data [,
// {newline=true}])". A name that the Sig also shows before that table
// ("s:decode([encoding [, errors]] [, {encoding=, errors=}])") may be given
// either way, as CPython's positional-or-keyword parameters; one shown only
// in the table is keyword-only (CPython's parameters after "*"). The names
// are UnpackArgs' parameter names, so the Sig, help() and the checks agree
// without a second list.
//
// Which trailing table is the keyword table: the last argument, when it is
// a plain table (no metatable: pickle.dict, tuples and objects are values)
// and the function declares keywords, and
//   - no positional parameter is left for it, or
//   - its keys are strings and the positional parameter it would fill
//     cannot hold a table (a string or a number: unpack_from(fmt,
//     {buffer=data})), or
//   - that parameter is optional, and every key of the table is a string
//     and one of them names a declared keyword (sel:register(f, events,
//     {data=x}) is a keyword; sel:register(f, events, {x=1}) is data).
//
// Otherwise the table is the positional argument it stands in: an address
// {"127.0.0.1", 9999}, a list to pickle, a struct value. The rule is
// keywordTable's; DESIGN.md and help() state it for users.

// A Keyword is one keyword parameter of a declared function.
type Keyword struct {
	Name string
	Only bool // keyword-only: CPython refuses it positionally
}

// sigKeywords reads the keyword parameters from a Lua signature: the names
// of the fields (name= or a bare name) of the trailing table of its
// argument list, or of a call written with a table
// (threading.Thread{target=f, ...}).
func sigKeywords(sig string) []Keyword {
	kws, _, _ := sigTable(sig)
	return kws
}

// sigTable is sigKeywords with where the table is in sig: sig[start:end].
func sigTable(sig string) (kws []Keyword, start, end int) {
	sig, _, _ = strings.Cut(sig, " -> ")
	open := strings.IndexAny(sig, "({")
	if open < 0 {
		return nil, 0, 0
	}
	args := sig[open:]
	if args[0] == '(' {
		args = args[1:matching(args, '(', ')')]
		open++
	}
	brace := strings.LastIndexByte(args, '{')
	// the last table at depth 0: step back over nested tables (args={...})
	for brace >= 0 && depth(args[:brace]) != 0 {
		brace = strings.LastIndexByte(args[:brace], '{')
	}
	if brace < 0 {
		return nil, 0, 0
	}
	table := args[brace : brace+matching(args[brace:], '{', '}')+1]
	if strings.Trim(args[brace+len(table):], "] ") != "" {
		return nil, 0, 0 // a table inside the arguments, not a trailing one
	}
	positional := identifiers(args[:brace])
	for _, field := range splitTop(table[1 : len(table)-1]) {
		name, _, _ := strings.Cut(strings.TrimSpace(field), "=")
		if name = strings.TrimSpace(name); name != "" && strings.IndexFunc(name, func(r rune) bool { return r > 127 || !isIdent(byte(r)) }) < 0 {
			kws = append(kws, Keyword{Name: name, Only: !positional[name]})
		}
	}
	return kws, open + brace, open + brace + len(table)
}

// pyKeywords rewrites a signature's keyword table in Python's spelling for
// pySig: the table goes (its positional-or-keyword names are shown
// already), and keyword-only parameters follow a "*" with their defaults:
// "binascii.b2a_base64(data [, {newline=true}])" is
// "binascii.b2a_base64(data, *, newline=true)".
func pyKeywords(sig string) string {
	kws, start, end := sigTable(sig)
	if kws == nil || sig[start-1] == '.' || isIdent(sig[start-1]) {
		return sig // no table, or a call written with one (Thread{...})
	}
	table := sig[start+1 : end-1]
	before, after := strings.TrimRight(sig[:start], " "), sig[end:]
	if strings.HasSuffix(before, "[,") { // "[, {...}]": the brackets go too
		before = strings.TrimSuffix(before, "[,")
		after = strings.Replace(after, "]", "", 1)
	}
	before = strings.TrimRight(before, " ,")
	var only []string
	for _, part := range splitTop(table) {
		name, dflt, _ := strings.Cut(strings.TrimSpace(part), "=")
		for _, k := range kws {
			if k.Name == name && k.Only {
				if dflt != "" {
					name += "=" + dflt
				}
				only = append(only, name)
			}
		}
	}
	if len(only) > 0 {
		sep := ", "
		if strings.HasSuffix(before, "(") {
			sep = ""
		}
		before += sep + "*, " + strings.Join(only, ", ")
	}
	return before + after
}

// splitTop splits s at the commas outside nested tables.
func splitTop(s string) []string {
	var parts []string
	level, from := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			level++
		case '}':
			level--
		case ',':
			if level == 0 {
				parts = append(parts, s[from:i])
				from = i + 1
			}
		}
	}
	return append(parts, s[from:])
}

// matching returns the index of the bracket closing s[0].
func matching(s string, open, close byte) int {
	level := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case open:
			level++
		case close:
			level--
			if level == 0 {
				return i
			}
		}
	}
	return len(s) - 1
}

// depth is how many tables are open at the end of s.
func depth(s string) int { return strings.Count(s, "{") - strings.Count(s, "}") }

func isIdent(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// identifiers are the names in s outside string literals.
func identifiers(s string) map[string]bool {
	names := map[string]bool{}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			if j := strings.IndexByte(s[i+1:], '"'); j >= 0 {
				i += j + 1
			}
		case isIdent(c):
			j := i
			for j < len(s) && isIdent(s[j]) {
				j++
			}
			names[s[i:j]] = true
			i = j - 1
		}
	}
	return names
}

// runningEntry is the declared entry of the Go function running on L, or nil.
func runningEntry(L *lua.LState) *Entry {
	dbg, ok := L.GetStack(0)
	if !ok {
		return nil
	}
	fn, err := L.GetInfo("f", dbg, lua.LNil)
	if err != nil {
		return nil
	}
	return Of(L).EntryOf(fn)
}

// keywordOf returns the declared keyword called name, or nil.
func (e *Entry) keywordOf(name string) *Keyword {
	for i := range e.Keywords {
		if e.Keywords[i].Name == name {
			return &e.Keywords[i]
		}
	}
	return nil
}

// KeywordHelp is what help() says of an entry's keywords: "" if it has
// none.
func (e *Entry) KeywordHelp() string {
	if len(e.Keywords) == 0 {
		return ""
	}
	var names, only []string
	for _, k := range e.Keywords {
		if k.Only {
			only = append(only, k.Name)
		} else {
			names = append(names, k.Name)
		}
	}
	text := "Keywords, as a last table {name=value}: " + strings.Join(append(names, only...), ", ") + "."
	if len(only) > 0 && len(names) > 0 {
		text += " Only as keywords: " + strings.Join(only, ", ") + "."
	}
	return text
}

// params is UnpackArgs' view of its parameter list.
type params struct {
	names    []string // without "?"
	ptrs     []any
	required int // parameters before the first optional one
	rest     *[]lua.LValue
	restAt   int // the names from here on follow the rest: keyword-only
}

func parseParams(pairs []any) params {
	n := len(pairs) / 2
	p := params{names: make([]string, 0, n), ptrs: make([]any, 0, n), required: -1, restAt: n}
	for i := 0; i < n; i++ {
		name := pairs[2*i].(string)
		if strings.HasPrefix(name, "*") {
			p.rest = pairs[2*i+1].(*[]lua.LValue)
			p.restAt = i
			continue
		}
		if strings.HasSuffix(name, "?") {
			name = name[:len(name)-1]
			if p.required < 0 && p.rest == nil {
				p.required = i
			}
		}
		p.names = append(p.names, name)
		p.ptrs = append(p.ptrs, pairs[2*i+1])
	}
	if p.required < 0 {
		p.required = min(len(p.names), p.restAt)
	}
	return p
}

// positional is how many parameters may be given positionally: all but the
// keyword-only ones (which UnpackArgs lists after the others).
func (p *params) positional(e *Entry) int {
	for i, name := range p.names[:min(p.restAt, len(p.names))] {
		if k := e.keywordOf(name); k != nil && k.Only {
			return i
		}
	}
	return min(p.restAt, len(p.names))
}

// holdsTable says whether the parameter stored through ptr can be a table.
// An Unpacker cannot (bytes-like values, host names) unless it says so, nor
// can a flag: Python's bool of a dict is False when Lua's is true, so no
// port means a table as a flag.
func holdsTable(ptr any) bool {
	switch p := ptr.(type) {
	case *int, *int64, *float64, *string, *bool, **lua.LFunction, **lua.LUserData:
		return false
	case *given:
		return holdsTable(p.ptr)
	case TableArg:
		return true
	case Unpacker:
		return false
	}
	return true
}

// A TableArg is an Unpacker that can take a plain table (an address
// {host, port}): a table in its place is then that argument unless its keys
// name a keyword (see keywordTable).
type TableArg interface {
	Unpacker
	TakesTables()
}

// Given wraps a parameter's pointer for UnpackArgs so that *was says whether
// the argument was given, positionally or by keyword: for parameters whose
// absence means something no value does (Event.wait's timeout).
func Given(ptr any, was *bool) Unpacker { return &given{ptr, was} }

type given struct {
	ptr any
	was *bool
}

func (g *given) Unpack(L *lua.LState, v lua.LValue) error {
	if msg := unpackOne(L, v, g.ptr); msg != "" {
		return errors.New(msg)
	}
	*g.was = true
	return nil
}

// keywordTable decides whether t, the last of nargs arguments, is e's
// keyword table (the rule in this file's comment).
func keywordTable(e *Entry, p *params, t *lua.LTable, nargs int) bool {
	if t.Metatable != lua.LNil || len(e.Keywords) == 0 {
		return false
	}
	slot := nargs - 1 // the parameter t would fill
	if slot >= p.positional(e) && p.rest == nil {
		return true
	}
	named := false
	allStrings := true
	t.ForEach(func(k, _ lua.LValue) {
		s, ok := k.(lua.LString)
		allStrings = allStrings && ok
		named = named || ok && e.keywordOf(string(s)) != nil
	})
	var ptr any = p.rest
	if slot < p.restAt {
		ptr = p.ptrs[slot]
	}
	switch {
	case !allStrings:
		return false // a list or an address: the argument, whose check speaks
	case !holdsTable(ptr):
		return true
	case slot < p.required:
		return false
	}
	return named
}

// keywordNames are the keys of the keyword table kw (nil for none),
// sorted so that the first bad one is reported the same every run; a key
// that is not a string is CPython's "keywords must be strings".
func keywordNames(L *lua.LState, kw *lua.LTable) []string {
	if kw == nil {
		return nil
	}
	var keys []string
	kw.ForEach(func(k, _ lua.LValue) {
		s, ok := k.(lua.LString)
		if !ok {
			Raise(L, TypeError, "keywords must be strings")
		}
		keys = append(keys, string(s))
	})
	sort.Strings(keys)
	return keys
}

// checkKeywords raises CPython's TypeError for a keyword e does not
// declare or one also given among the nargs positional arguments:
// Python-level functions (Func.PyFunc) report the unknown name first and
// say it in Python's words; C functions report the one given twice first.
func checkKeywords(L *lua.LState, e *Entry, p *params, keys []string, nargs int) {
	unknown := func() {
		for _, key := range keys {
			if indexOf(p.names, key) < 0 || e.keywordOf(key) == nil {
				if e.PyFunc {
					Raise(L, TypeError, "%s() got an unexpected keyword argument '%s'", e.pyName(L), key)
				}
				Raise(L, TypeError, "'%s' is an invalid keyword argument for %s()", key, e.Name)
			}
		}
	}
	if e.PyFunc {
		unknown()
	}
	for _, key := range keys {
		if i := indexOf(p.names, key); i >= 0 && i < nargs && e.keywordOf(key) != nil {
			if e.PyFunc {
				Raise(L, TypeError, "%s() got multiple values for argument '%s'", e.pyName(L), key)
			}
			pos := i + 1
			if p.names[0] == "self" {
				pos-- // a method that unpacks its receiver: Python counts after it
			}
			Raise(L, TypeError, "argument for %s() given by name ('%s') and position (%d)", e.Name, key, pos)
		}
	}
	unknown()
}

// pyName is what CPython calls a function written in Python in its
// messages: its qualified name, "Event.wait", and "Thread.__init__" for a
// class called to make an object (a Go type's or a Lua module's class).
func (e *Entry) pyName(L *lua.LState) string {
	rt := Of(L)
	if rt.typeDoc(e.Qualified) != nil || e.luaClass {
		return e.Name + ".__init__"
	}
	if owner := rt.docs.byName[e.Owner]; rt.typeDoc(e.Owner) != nil || owner != nil && owner.luaClass {
		return e.Owner[strings.LastIndexByte(e.Owner, '.')+1:] + "." + e.Name
	}
	return e.Name
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
