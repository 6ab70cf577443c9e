package interp

import (
	lua "github.com/yuin/gopher-lua"
)

// NameError is raised when a program reads a global that is a Python
// spelling netlua does not define (True, None, len...), as Python raises it
// for an undefined name.
var NameError = NewClass("NameError", Exception)

// pythonNames are Python's spellings that a program ported from Python reads
// as globals, each with how Lua spells it. In Lua such a read silently gives
// nil: `while True do` never runs, `x == None` is always false. Reading one
// that the program has not defined raises NameError instead, with this hint.
// The list is Python's constants, the builtins the tutorials' code calls and
// Python's other common builtins, and names Python code reads without
// defining (self, __name__, sys). Names netlua defines as globals (print,
// input, repr, isinstance, exit...) and Lua's own (type, next, select...)
// are not here: they are never undefined.
var pythonNames = map[string]string{
	"True":  "Lua spells it true",
	"False": "Lua spells it false",
	"None":  "Lua spells it nil",

	"len":       "Lua spells it #x (the length of a string or a sequence)",
	"str":       "Lua spells it tostring(x)",
	"int":       "Lua spells it math.floor(tonumber(x))",
	"float":     "Lua spells it tonumber(x)",
	"bool":      "Lua spells it not not x",
	"bytes":     "Lua strings are bytes: use a string",
	"bytearray": "Lua strings are bytes: use a string",
	"list":      "Lua spells it {a, b, c} (a table)",
	"tuple":     "Lua spells it {a, b} (a table)",
	"dict":      "Lua spells it {key = value} (a table)",
	"set":       "Lua spells it {[v] = true} (a table)",
	"range":     "Lua spells it for i = a, b - 1 do ... end",
	"enumerate": "Lua spells it for i, v in ipairs(t) do ... end",
	"zip":       "Lua spells it for i = 1, #a do ... a[i], b[i] ... end",
	"sorted":    "Lua spells it table.sort(t) (in place)",
	"reversed":  "Lua spells it for i = #t, 1, -1 do ... end",
	"sum":       "Lua spells it a loop: for _, v in ipairs(t) do total = total + v end",
	"min":       "Lua spells it math.min(a, b)",
	"max":       "Lua spells it math.max(a, b)",
	"abs":       "Lua spells it math.abs(x)",
	"round":     "Lua spells it math.floor(x + 0.5)",
	"pow":       "Lua spells it x ^ y",
	"divmod":    "Lua spells it math.floor(a / b), a % b",
	"hex":       "Lua spells it string.format(\"0x%x\", n)",
	"oct":       "Lua spells it string.format(\"0o%o\", n)",
	"ord":       "Lua spells it string.byte(c)",
	"chr":       "Lua spells it string.char(n)",
	"format":    "Lua spells it string.format(fmt, ...)",
	"open":      "Lua spells it io.open(path, mode)",
	"iter":      "Lua spells it pairs(t) or ipairs(t)",
	"map":       "Lua spells it a loop over ipairs(t)",
	"filter":    "Lua spells it a loop over ipairs(t)",
	"any":       "Lua spells it a loop over ipairs(t)",
	"all":       "Lua spells it a loop over ipairs(t)",
	"callable":  "Lua spells it type(x) == \"function\"",
	"getattr":   "Lua spells it obj[name]",
	"setattr":   "Lua spells it obj[name] = value",
	"hasattr":   "Lua spells it obj[name] ~= nil",
	"id":        "Lua spells it tostring(t) (which shows the address)",
	"dir":       "Lua spells it for k in pairs(t) do print(k) end, or help(x)",
	"globals":   "Lua spells it _G",
	"object":    "Lua spells it a table with a metatable",
	"super":     "Lua spells it Base.method(self, ...)",
	"self":      "Lua has self only in a function declared with a colon: function Class:method() ... end",
	"__name__":  "a Lua script's main chunk simply runs: drop the if __name__ == '__main__' test",
	"sys":       "Lua spells sys.argv as arg and sys.exit() as exit()",
}

// installPythonNames makes reading an undefined Python spelling raise
// NameError: the globals table gets a metatable whose __index looks the name
// up in pythonNames. Any other undefined global reads as nil, as in Lua.
func (rt *Runtime) installPythonNames() {
	L := rt.L
	meta := L.CreateTable(0, 1)
	meta.RawSetString("__index", L.NewFunction(undefinedGlobal))
	L.SetMetatable(L.G.Global, meta)
}

// undefinedGlobal is the globals table's __index: called only for a name
// that is not set.
func undefinedGlobal(L *lua.LState) int {
	name, ok := L.Get(2).(lua.LString)
	if !ok {
		return 0
	}
	hint, ok := pythonNames[string(name)]
	if !ok {
		return 0
	}
	if name == "None" && L.G.Global.RawGetString("none") != lua.LNil {
		hint += " (and none inside a table, where nil would end it)"
	}
	Raise(L, NameError, "name '%s' is not defined; %s", string(name), hint)
	return 0
}
