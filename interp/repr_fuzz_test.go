package interp

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"
)

// unquote reads back a Python str or bytes literal as QuoteString and
// QuoteBytes write them: a quote, escapes \\ \' \" \n \r \t \xNN \uNNNN
// \UNNNNNNNN, the same quote. For str, \xNN is the character U+00NN.
func unquote(lit string, isBytes bool) (string, bool) {
	if isBytes {
		if !strings.HasPrefix(lit, "b") {
			return "", false
		}
		lit = lit[1:]
	}
	if len(lit) < 2 || (lit[0] != '\'' && lit[0] != '"') || lit[len(lit)-1] != lit[0] {
		return "", false
	}
	q, body := lit[0], lit[1:len(lit)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == q {
			return "", false // an unescaped quote ends the literal early
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i++; i == len(body) {
			return "", false
		}
		n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[body[i]]
		switch body[i] {
		case '\\', '\'', '"':
			b.WriteByte(body[i])
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'x', 'u', 'U':
			if i+n >= len(body) {
				return "", false
			}
			v, err := strconv.ParseUint(body[i+1:i+1+n], 16, 32)
			if err != nil {
				return "", false
			}
			if isBytes {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
			i += n
		default:
			return "", false
		}
	}
	return b.String(), true
}

// FuzzRepr checks repr two ways. Strings: Python reads back what repr
// wrote (QuoteBytes for any bytes, QuoteString for UTF-8 text, where
// netlua's \xNN for a stray byte is ambiguous by design). Tables: a value
// built from the input (lists, dicts, tuples, exceptions, cycles, deep
// nesting) prints or raises RecursionError, never panics or hangs, and
// prints the same twice.
func FuzzRepr(f *testing.F) {
	for _, s := range []string{"", "abc", "it's", `"'`, "\x00\xff\n\\", "测试\u0085\U0001f600", "\x01\x02\x03\x04\x05\x06"} {
		f.Add([]byte(s))
	}
	rt := New()
	f.Fuzz(func(t *testing.T, data []byte) {
		s := string(data)
		if got, ok := unquote(QuoteBytes(s), true); !ok || got != s {
			t.Fatalf("QuoteBytes(%q) = %s, which reads back as %q", s, QuoteBytes(s), got)
		}
		if utf8.ValidString(s) {
			if got, ok := unquote(QuoteString(s), false); !ok || got != s {
				t.Fatalf("QuoteString(%q) = %s, which reads back as %q", s, QuoteString(s), got)
			}
		}
		v := buildValue(rt.L, data)
		first, err := protectedRepr(rt, v)
		second, err2 := protectedRepr(rt, v)
		if first != second || (err == nil) != (err2 == nil) {
			t.Fatalf("repr differs between two calls: %q / %q (%v / %v)", first, second, err, err2)
		}
		if err != nil && !strings.Contains(err.Error(), "maximum recursion depth exceeded") {
			t.Fatalf("repr raised %v", err)
		}
	})
}

func protectedRepr(rt *Runtime, v lua.LValue) (string, error) {
	fn := rt.L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(ReprValue(L, v)))
		return 1
	})
	if err := rt.Call(fn, 1); err != nil {
		return "", err
	}
	s := rt.L.Get(-1).String()
	rt.L.Pop(1)
	return s, nil
}

// buildValue reads the input as instructions for a stack machine of
// values: push a number, a string, a table of the top k values (list,
// dict, tuple or exception), a reference to an earlier table (cycles),
// or a table nested n deep.
func buildValue(L *lua.LState, data []byte) lua.LValue {
	var stack []lua.LValue
	var tables []*lua.LTable
	pop := func(k int) []lua.LValue {
		k = min(k, len(stack))
		vals := append([]lua.LValue(nil), stack[len(stack)-k:]...)
		stack = stack[:len(stack)-k]
		return vals
	}
	for i := 0; i+1 < len(data); i += 2 {
		op, arg := data[i]%8, int(data[i+1])
		switch op {
		case 0:
			stack = append(stack, lua.LNumber(float64(arg)/3-20))
		case 1:
			stack = append(stack, lua.LString(data[i+1:min(len(data), i+1+arg%6)]))
		case 2, 3:
			t := L.NewTable()
			for j, v := range pop(arg % 5) {
				if op == 2 {
					t.RawSetInt(j+1, v)
				} else if k, ok := v.(lua.LString); ok {
					t.RawSetString(string(k), lua.LNumber(j))
				} else {
					t.RawSetInt(arg+j, v)
				}
			}
			tables = append(tables, t)
			stack = append(stack, t)
		case 4:
			stack = append(stack, NewTuple(L, pop(arg%4)...))
		case 5:
			stack = append(stack, NewException(L, ValueError, pop(arg%3)...))
		case 6:
			if len(tables) > 0 && len(stack) > 0 {
				t := tables[arg%len(tables)]
				t.RawSetInt(t.Len()+1, stack[len(stack)-1]) // may make a cycle
			}
		case 7:
			var v lua.LValue = lua.LString("x")
			for n := 0; n < arg*8; n++ {
				t := L.NewTable()
				t.RawSetInt(1, v)
				v = t
			}
			stack = append(stack, v)
		}
	}
	if len(stack) == 0 {
		return lua.LNil
	}
	return NewTuple(L, stack...)
}
