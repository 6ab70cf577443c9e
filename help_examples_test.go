package main

import (
	"regexp"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"netlua/interp"
	"netlua/interp/interptest"
)

// TestHelpExamplesAreLua compiles every example of Lua code in every help
// text: the paragraphs of every module, function, type and method, the
// builtins, help() itself and an exception class's help. A learner copies
// these to the prompt, so each must be Lua that compiles. "..." stands for
// code left out, as in the docs.
func TestHelpExamplesAreLua(t *testing.T) {
	rt := interptest.New(t, Modules...)
	var texts []string
	for _, m := range rt.Modules() {
		texts = append(texts, m.Doc)
		for _, f := range m.Funcs {
			texts = append(texts, f.Doc)
		}
		for _, ty := range m.Types {
			texts = append(texts, ty.Doc)
			for _, f := range ty.Methods {
				texts = append(texts, f.Doc)
			}
		}
	}
	for _, f := range interp.BuiltinFuncs {
		texts = append(texts, f.Doc)
	}
	if err := rt.RunString("help() help(ValueError)", "help"); err != nil {
		t.Fatal(err)
	}
	texts = append(texts, rt.Stdout.String())
	checked := 0
	for _, text := range texts {
		for _, ex := range luaExamples(text) {
			checked++
			if err := compiles(ex); err != nil {
				t.Errorf("help example %q is not Lua: %v\nin: %s", ex, err, text)
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d examples found: the extraction is broken", checked)
	}
}

// compiles compiles ex as an expression or as statements, with "..." as
// Lua's vararg or, where that cannot be (inside a function), as code left
// out.
func compiles(ex string) (err error) {
	for _, src := range []string{ex, strings.ReplaceAll(ex, "...", "--[[...]]")} {
		for _, form := range []string{"return " + src, src} {
			chunk, perr := parse.Parse(strings.NewReader(form), "example")
			if perr != nil {
				err = perr
				continue
			}
			if _, err = lua.Compile(chunk, "example"); err == nil {
				return nil
			}
		}
	}
	return err
}

// Text in a help paragraph that is not an example: signatures with
// optional arguments in brackets, Python's keyword arguments (a repr
// Python prints), and asides in parentheses that hold no call.
var (
	optionalArgs = regexp.MustCompile(`\(\s*\[|\[,`)
	keywordArg   = regexp.MustCompile(`[(,]\s*\w+=[^=]`)
	callInside   = regexp.MustCompile(`[\w\])"'][.:]?\w*\(`)
)

// luaExamples finds the Lua code in a help paragraph: each run of text that
// starts at a name (or a string in parentheses, ("x"):method()) and goes on
// through .name, :name and balanced (...) and {...}, holding at least one
// call or table constructor; "function(...)" runs to its "end".
func luaExamples(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		j, calls := scanExample(text, i)
		if calls == 0 {
			i++
			continue
		}
		ex := text[i:j]
		if strings.HasPrefix(ex, "function(") {
			if end := strings.Index(text[j:], " end"); end >= 0 {
				j += end + len(" end")
				ex = text[i:j]
			}
		}
		aside := strings.HasPrefix(ex, "(") && ex[len(ex)-1] == ')' && !callInside.MatchString(ex[1:])
		if !aside && !optionalArgs.MatchString(ex) && !keywordArg.MatchString(ex) {
			out = append(out, ex)
		}
		i = j
	}
	return out
}

// scanExample reads one candidate starting at text[i]: its end and how many
// calls or constructors it holds (0: no example starts here).
func scanExample(text string, i int) (int, int) {
	isName := func(c byte) bool {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	c := text[i]
	if i > 0 && (isName(text[i-1]) || text[i-1] == '.' || text[i-1] == ':') {
		return i, 0
	}
	parenString := c == '(' && i+1 < len(text) && (text[i+1] == '"' || text[i+1] == '\'')
	if !(isName(c) && !(c >= '0' && c <= '9') || parenString) {
		return i, 0
	}
	j, calls := i, 0
	for j < len(text) {
		d := text[j]
		switch {
		case isName(d):
			j++
		case (d == '.' || d == ':') && j+1 < len(text) && isName(text[j+1]):
			j++
		case d == '(' || d == '{':
			if j > i && !isName(text[j-1]) && text[j-1] != ')' && text[j-1] != '}' {
				return j, calls
			}
			closing := map[byte]byte{'(': ')', '{': '}'}[d]
			depth, k := 0, j
			for ; k < len(text); k++ {
				if text[k] == d {
					depth++
				} else if text[k] == closing {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if k == len(text) {
				return j, calls
			}
			j = k + 1
			calls++
		default:
			return j, calls
		}
	}
	return j, calls
}
