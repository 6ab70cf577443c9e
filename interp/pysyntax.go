package interp

import (
	"regexp"
	"strings"
	"sync"
)

// A pythonForm is a piece of Python syntax a learner types out of habit,
// recognised on a line that did not parse, and the Lua form to write.
type pythonForm struct {
	pattern string // matched against the line with its strings blanked
	hint    string // ${1} is the pattern's first group
}

// pythonForms are tried in order; the first that matches gives the hint.
var pythonForms = []pythonForm{
	{`^\s*import\s+(\w+)\s*$`, `Lua has no import: local ${1} = require("${1}")`},
	{`^\s*from\s+(\w+)\s+import\b`, `Lua has no import: local ${1} = require("${1}"), then ${1}.name`},
	{`^\s*def\s+\w+\s*\(`, `Lua spells def as function name(args) ... end`},
	{`^\s*class\s+\w+`, `Lua has no class: a table of functions, with setmetatable for instances`},
	{`\belif\b`, `Lua spells elif as elseif`},
	{`!=`, `Lua spells != as ~=`},
	{`^\s*try\s*:`, `Lua has no try: local ok, err = pcall(function() ... end)`},
	{`^\s*except\b`, `Lua has no except: test the error pcall returns, with isinstance(err, cls)`},
	{`^\s*(if|while|for|else|with)\b.*:\s*$`, `Lua blocks have no colon: if cond then ... end, while cond do ... end, for i = 1, n do ... end`},
	{`^\s*#`, `Lua comments start with --`},
	{`[\w\]\)]\s*(\+|-|\*|/|%|\.\.)=`, `Lua has no augmented assignment: x = x + 1`},
	{`//`, `Lua has no // operator: math.floor(a / b)`},
	{`\blambda\b`, `Lua spells lambda x: e as function(x) return e end`},
	{`\bwith\b.*\bas\b`, `Lua has no with: call close() yourself`},
}

var pythonFormRes = sync.OnceValue(func() []*regexp.Regexp {
	res := make([]*regexp.Regexp, len(pythonForms))
	for i, f := range pythonForms {
		res[i] = regexp.MustCompile(f.pattern)
	}
	return res
})

// quoted matches a short string literal on one line, to blank it: a "!="
// inside a string is no Python habit.
var quoted = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`"(\\.|[^"\\])*"|'(\\.|[^'\\])*'`)
})

// SyntaxHint is the pointer to the Lua form when the syntax error reported
// at line (1-based) of src comes from Python syntax: "; Lua spells elif as
// elseif". It looks at that line and, for a construct whose error shows only
// later (a colon ending an if), the two before it. "" when none matches.
func SyntaxHint(src string, line int) string {
	lines := strings.Split(src, "\n")
	for n := min(line, len(lines)); n >= 1 && n >= line-2; n-- {
		text := lines[n-1]
		if n == 1 && strings.HasPrefix(text, "#!") {
			continue // Lua skips a first line that starts with #
		}
		text = quoted().ReplaceAllString(text, `""`)
		for i, re := range pythonFormRes() {
			if m := re.FindStringSubmatchIndex(text); m != nil {
				return "; " + string(re.ExpandString(nil, pythonForms[i].hint, text, m))
			}
		}
	}
	return ""
}
