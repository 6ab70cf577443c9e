// Workaround for gopher-lua 1.1.2's string.gsub, which rebuilds the whole
// subject after each replacement (strGsubDoReplace; no upstream issue):
// quadratic, so ("a"):rep(1e5):gsub("a", "b") took ~9 s and a 16 MB result
// a minute, deaf to Ctrl-C, and a result beyond memory was a fatal error.
// It also kept "%x" as "%x" (Lua 5.1: "x") and accepted any replacement
// value.
//
// What it changes: string.gsub is netlua's, on gopher-lua's matcher
// (package pm): each piece is appended once, the checkpoint is reached
// every 4096 matches, a string replacement's result size is checked before
// it is built, and the answers are Lua 5.1's.
//
// Proof: TestGsubIsLua51s (glua_gsub_test.go) compares 22 cases with
// lua5.1; TestGsubLongAndHuge is interrupted inside a gsub of millions of
// matches. Remove when gopher-lua's gsub is linear and Lua 5.1's.

package interp

import (
	"math"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/pm"
)

// stringGsub is string.gsub.
func stringGsub(L *lua.LState) int {
	str := L.CheckString(1)
	pat := L.CheckString(2)
	L.CheckTypes(3, lua.LTString, lua.LTNumber, lua.LTTable, lua.LTFunction)
	repl := L.Get(3)
	limit := -1 // pm.Find's "all"
	if L.Get(4) != lua.LNil {
		limit = max(L.CheckInt(4), 0) // Lua 5.1: a negative count replaces nothing
	}
	matches, err := pm.Find(pat, []byte(str), 0, limit)
	if err != nil {
		L.RaiseError("%s", err.Error())
	}
	if r, ok := repl.(lua.LString); ok {
		CheckLuaSize(L, expandedSize(L, str, string(r), matches))
	}
	var b strings.Builder
	nextCheck := checkedSize
	prev := 0
	for i, m := range matches {
		if i%4096 == 4095 {
			Checkpoint(L)
		}
		start, end := m.Capture(0), m.Capture(1)
		b.WriteString(str[prev:start])
		var piece string
		switch r := repl.(type) {
		case lua.LString, lua.LNumber:
			piece = expandReplacement(L, str, lua.LVAsString(r), m)
		default:
			piece = replacementValue(L, str, r, m)
		}
		if b.Len()+len(piece) >= nextCheck {
			if !Fits(2 * int64(b.Len()+len(piece))) {
				L.Error(lua.LString("not enough memory"), 0)
			}
			nextCheck *= 2
		}
		b.WriteString(piece)
		prev = end
	}
	b.WriteString(str[prev:])
	L.Push(lua.LString(b.String()))
	L.Push(lua.LNumber(len(matches)))
	return 2
}

// expandedSize is the length of gsub's result for a string replacement,
// computed before building it: a million matches of a megabyte each must
// fail at once, not after gigabytes.
func expandedSize(L *lua.LState, str, repl string, matches []*pm.MatchData) int64 {
	// The replacement's literal bytes and captures are the same for
	// every match: count them once.
	literal, captures := int64(0), []int(nil)
	for i := 0; i < len(repl); i++ {
		if repl[i] == '%' && i+1 < len(repl) {
			i++
			if d := repl[i]; d >= '0' && d <= '9' {
				captures = append(captures, int(d-'0'))
				continue
			}
		}
		literal++
	}
	total := int64(len(str))
	for _, m := range matches {
		size := literal
		for _, c := range captures {
			size += int64(len(lua.LVAsString(capture(L, str, m, c))))
		}
		total += size - int64(m.Capture(1)-m.Capture(0))
		if total > 1<<62 {
			return math.MaxInt64
		}
	}
	return total
}

// capture is capture i (0 the whole match, 1... the captures) of m as
// Lua passes it: a string, or a position for an empty () capture.
func capture(L *lua.LState, str string, m *pm.MatchData, i int) lua.LValue {
	n := m.CaptureLength()/2 - 1 // captures, besides the whole match
	if i == 1 && n == 0 {
		i = 0 // %1 with no captures is the whole match
	}
	if i > n {
		luaError(L, "invalid capture index")
	}
	if m.IsPosCapture(2 * i) {
		return lua.LNumber(m.Capture(2 * i))
	}
	return lua.LString(str[m.Capture(2*i):m.Capture(2*i+1)])
}

// expandReplacement is Lua 5.1's add_s: %0-%9 are captures, %x is x.
func expandReplacement(L *lua.LState, str, repl string, m *pm.MatchData) string {
	if strings.IndexByte(repl, '%') < 0 {
		return repl
	}
	var b strings.Builder
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		if c != '%' || i+1 == len(repl) {
			b.WriteByte(c)
			continue
		}
		i++
		if d := repl[i]; d >= '0' && d <= '9' {
			b.WriteString(lua.LVAsString(capture(L, str, m, int(d-'0'))))
		} else {
			b.WriteByte(d)
		}
	}
	return b.String()
}

// replacementValue looks the first capture up in a table, or calls a
// function with every capture; false or nil keeps the match.
func replacementValue(L *lua.LState, str string, repl lua.LValue, m *pm.MatchData) string {
	var v lua.LValue
	switch r := repl.(type) {
	case *lua.LTable:
		v = L.GetTable(r, capture(L, str, m, 1))
	case *lua.LFunction:
		L.Push(r)
		n := max(m.CaptureLength()/2-1, 1)
		for i := 1; i <= n; i++ {
			L.Push(capture(L, str, m, i))
		}
		L.Call(n, 1)
		v = L.Get(-1)
		L.Pop(1)
	}
	switch v := v.(type) {
	case *lua.LNilType:
		return str[m.Capture(0):m.Capture(1)]
	case lua.LBool:
		if !v {
			return str[m.Capture(0):m.Capture(1)]
		}
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return v.String()
	}
	luaError(L, "invalid replacement value (a "+v.Type().String()+")")
	return ""
}
