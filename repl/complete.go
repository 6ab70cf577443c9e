package repl

import (
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// completer answers Tab. readline calls Do on the goroutine that is reading
// the line, without the GIL, while background threads may be changing the
// very tables it would look at; so Do only forwards the question to the
// loop's goroutine, which holds the GIL while it looks (see session.wait).
type completer struct {
	requests chan completion
	offered  func(n int) // told how many names each Tab offered
}

type completion struct {
	text  string // the line up to the cursor
	reply chan []string
}

// Do implements readline.AutoCompleter: candidates are returned as the
// suffixes that follow the word being completed, which is what readline
// inserts or lists.
func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	req := completion{text: string(line[:pos]), reply: make(chan []string, 1)}
	c.requests <- req
	names := <-req.reply
	if c.offered != nil {
		c.offered(len(names))
	}
	_, _, prefix := splitWord(req.text)
	n := len([]rune(prefix))
	out := make([][]rune, len(names))
	for i, name := range names {
		out[i] = []rune(name)[n:]
	}
	return out, n
}

// splitWord takes the expression being typed at the end of text, such as
// "socket.geth" or "s:se", apart: the path to the object ("socket", "s"),
// the separator ('.' or ':', 0 for a global) and the prefix to complete.
func splitWord(text string) (path []string, sep byte, prefix string) {
	start := len(text)
	for start > 0 && isWordByte(text[start-1]) {
		start--
	}
	word := text[start:]
	i := strings.LastIndexAny(word, ".:")
	if i < 0 {
		return nil, 0, word
	}
	path = strings.FieldsFunc(word[:i], func(r rune) bool { return r == '.' || r == ':' })
	return path, word[i], word[i+1:]
}

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// candidates lists the names that complete text: globals and keywords for a
// bare word, the fields of an object after '.', its methods after ':'.
// Fields are found in the object itself and through its metatable's
// __index tables, so a socket's methods are offered. Called with the GIL
// held; it only reads tables raw and never runs Lua code.
func candidates(rt *interp.Runtime, L *lua.LState, text string) []string {
	path, sep, prefix := splitWord(text)
	names := map[string]bool{}
	if sep == 0 {
		for k := range keywords {
			names[k] = true
		}
		fields(L, L.G.Global, false, names)
	} else {
		var v lua.LValue = L.G.Global
		for _, name := range path {
			if v = field(L, v, name); v == lua.LNil {
				return nil
			}
		}
		fields(L, v, sep == ':', names)
		// An object whose __index is a function (a socket has fields as
		// well as methods) cannot be listed, but its type's entry can.
		if d := rt.TypeEntryOf(L, v); d != nil {
			for _, m := range d.Members {
				names[strings.TrimPrefix(m, d.Qualified+".")] = true
			}
		}
	}
	var out []string
	for name := range names {
		// Metamethods and other __ fields are internals unless asked for.
		if strings.HasPrefix(name, prefix) && (!strings.HasPrefix(name, "__") || strings.HasPrefix(prefix, "_")) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// maxChain bounds the walk up __index chains, which a program could make
// circular.
const maxChain = 10

// field is v[name] without metamethod calls: raw fields, then __index tables.
func field(L *lua.LState, v lua.LValue, name string) lua.LValue {
	for range maxChain {
		if t, ok := v.(*lua.LTable); ok {
			if f := t.RawGetString(name); f != lua.LNil {
				return f
			}
		}
		v = index(L, v)
		if v == lua.LNil {
			break
		}
	}
	return lua.LNil
}

// fields adds the string keys of v and of its __index tables to names; only
// those holding functions if methods is set.
func fields(L *lua.LState, v lua.LValue, methods bool, names map[string]bool) {
	for range maxChain {
		if t, ok := v.(*lua.LTable); ok {
			t.ForEach(func(k, val lua.LValue) {
				if s, ok := k.(lua.LString); ok && isIdent(string(s)) {
					if _, fn := val.(*lua.LFunction); fn || !methods {
						names[string(s)] = true
					}
				}
			})
		}
		if v = index(L, v); v == lua.LNil {
			return
		}
	}
}

// index is the __index table of v's metatable, or nil (a function __index
// cannot be listed).
func index(L *lua.LState, v lua.LValue) lua.LValue {
	mt, ok := L.GetMetatable(v).(*lua.LTable)
	if !ok {
		return lua.LNil
	}
	if t, ok := mt.RawGetString("__index").(*lua.LTable); ok {
		return t
	}
	return lua.LNil
}
