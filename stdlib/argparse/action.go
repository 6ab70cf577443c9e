package argparse

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// nargs values besides a count, as Python spells them.
const (
	nargsNone     = ""  // exactly one value, not a list
	nargsOptional = "?" // zero or one
	nargsZeroMore = "*"
	nargsOneMore  = "+"
)

// An action is one add_argument: Python's argparse.Action, with the
// fields the supported actions use.
type action struct {
	options  []string // option strings; none for a positional
	dest     string
	kind     string // store, store_const, store_true, store_false, append, append_const, count, help, version
	nargs    string // "", "?", "*", "+" or a count ("0" for flags)
	count    int    // nargs as a number when it is one
	typ      string // "int", "float", "str", or "" with conv set
	conv     lua.LValue
	typeName string // names the type in "invalid int value"
	dflt     lua.LValue
	konst    lua.LValue
	choices  []lua.LValue
	required bool
	help     string
	hasHelp  bool
	metavar  string
	version  string
}

func (a *action) positional() bool { return len(a.options) == 0 }

// name is how errors name the action: "-p/--port", or the metavar or
// dest of a positional.
func (a *action) name() string {
	if !a.positional() {
		return strings.Join(a.options, "/")
	}
	if a.metavar != "" {
		return a.metavar
	}
	return a.dest
}

// An argError is Python's ArgumentError: "argument --port: msg".
type argError struct {
	a   *action
	msg string
}

func (e *argError) Error() string {
	if e.a == nil {
		return e.msg
	}
	return "argument " + e.a.name() + ": " + e.msg
}

// convert applies the action's type to one command-line string.
func (a *action) convert(L *lua.LState, s string) (lua.LValue, error) {
	invalid := &argError{a, fmt.Sprintf("invalid %s value: %s", a.typeName, interp.QuoteString(s))}
	switch a.typ {
	case "int":
		n, ok := parseInt(s)
		if !ok {
			return nil, invalid
		}
		return lua.LNumber(n), nil
	case "float":
		f, ok := parseFloat(s)
		if !ok {
			return nil, invalid
		}
		return lua.LNumber(f), nil
	case "str":
		return lua.LString(s), nil
	}
	// A Lua function: nil or an error rejects the string, as a Python
	// type function's ValueError does.
	err := L.CallByParam(lua.P{Fn: a.conv, NRet: 1, Protect: true}, lua.LString(s))
	if err != nil {
		return nil, invalid
	}
	v := L.Get(-1)
	L.Pop(1)
	if v == lua.LNil {
		return nil, invalid
	}
	return v, nil
}

// parseInt is Python's int(s) for values a Lua number holds exactly:
// surrounding spaces, a sign, and underscores between digits are allowed.
func parseInt(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 || body == "" || body[0] == '_' || body[len(body)-1] == '_' || strings.Contains(body, "__") {
		return 0, false
	}
	for _, c := range body {
		if (c < '0' || c > '9') && c != '_' {
			return 0, false
		}
	}
	n, ok := new(big.Int).SetString(strings.ReplaceAll(s, "_", ""), 10)
	if !ok || n.CmpAbs(big.NewInt(1<<53)) > 0 {
		return 0, false
	}
	return float64(n.Int64()), true
}

// parseFloat is Python's float(s): also "inf", "nan", "1_000.5".
func parseFloat(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case "inf", "infinity":
		return math.Inf(map[bool]int{true: -1, false: 1}[strings.HasPrefix(s, "-")]), true
	case "nan":
		return math.NaN(), true
	}
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") || strings.Contains(s, "__") ||
		strings.HasPrefix(s, "_") || strings.HasSuffix(s, "_") {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	return f, err == nil || strings.Contains(err.Error(), "range")
}

// checkChoice is Python's _check_value.
func (a *action) checkChoice(L *lua.LState, v lua.LValue) error {
	if a.choices == nil {
		return nil
	}
	parts := make([]string, len(a.choices))
	for i, c := range a.choices {
		if L.Equal(c, v) {
			return nil
		}
		parts[i] = interp.Repr(c)
	}
	return &argError{a, fmt.Sprintf("invalid choice: %s (choose from %s)", interp.Repr(v), strings.Join(parts, ", "))}
}

// nargsPattern is Python's _get_nargs_pattern over the classified
// arguments ('A' argument, 'O' option, '-' for "--"); options take no "--".
func (a *action) nargsPattern() string {
	var p string
	switch a.nargs {
	case nargsNone:
		p = "(-*A-*)"
	case nargsOptional:
		p = "(-*A?-*)"
	case nargsZeroMore:
		p = "(-*[A-]*)"
	case nargsOneMore:
		p = "(-*A[A-]*)"
	default:
		p = "(-*" + strings.Repeat("-*A", a.count) + "-*)"
		if a.count == 0 {
			p = "(-*-*)"
		}
	}
	if !a.positional() {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "-*", ""), "-", "")
	}
	return p
}

// nargsError is Python's message when an option's values do not match.
func (a *action) nargsError() string {
	switch a.nargs {
	case nargsNone:
		return "expected one argument"
	case nargsOptional:
		return "expected at most one argument"
	case nargsOneMore:
		return "expected at least one argument"
	}
	if a.count == 1 {
		return "expected 1 argument"
	}
	return fmt.Sprintf("expected %d arguments", a.count)
}

// pyStr is Python's str() of a value, for %(default)s in help texts.
func pyStr(v lua.LValue) string {
	if s, ok := v.(lua.LString); ok {
		return string(s)
	}
	return interp.Repr(v)
}
