package interp

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"
)

// gopher-lua's runtime errors name nothing: `s:recvv(10)` and `len("abc")`
// both say "attempt to call a non-function object". Lua 5.1 says
// "attempt to call method 'recvv' (a nil value)": it finds the register the
// failing instruction used and names it from the function's debug
// information (ldebug.c's getobjname). nameCulprit does the same from the
// same data, while the failing frame is still on the stack (it runs in the
// error handler of every protected call netlua makes), and for netlua's
// own objects adds what Python would say: the type's name, a suggestion for
// a misspelt method, tostring() for a concatenation.

// Lua instruction fields, in gopher-lua's layout (opcode.go there).
func opcode(i uint32) int { return int(i >> 26) }
func argA(i uint32) int   { return int(i>>18) & 0xff }
func argB(i uint32) int   { return int(i & 0x1ff) }
func argC(i uint32) int   { return int(i>>9) & 0x1ff }
func argBx(i uint32) int  { return int(i & 0x3ffff) }
func argSBx(i uint32) int { return argBx(i) - (1<<18-1)>>1 }

// rkConstant is the constant an RK operand names, or -1 for a register.
func rkConstant(rk int) int {
	if rk&(1<<8) != 0 {
		return rk &^ (1 << 8)
	}
	return -1
}

// vmError matches gopher-lua's messages for the errors its VM raises,
// after the "chunk:line: " position.
var vmError = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(.*?:\d+: )?(attempt to call a non-function object|attempt to index a non-table object\((\w+)\) with key '.*'|cannot perform (\w+) operation between (\w+) and (\w+)|__(unm|len) undefined)$`)
})

// nameCulprit rewrites msg, a runtime error raised by the Lua function at
// stack level `level` of L, to name what failed as Lua 5.1 does. A message
// that is not one of the VM's, or that another instruction raised, comes
// back as it is.
func (rt *Runtime) nameCulprit(L *lua.LState, level int, msg string) string {
	m := vmError().FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	f, ok := frameAt(L, level)
	if !ok {
		return msg
	}
	where := m[1]
	inst := f.fn.Proto.Code[f.pc]
	op := opcode(inst)
	switch {
	case m[2] == "attempt to call a non-function object" && (op == lua.OP_CALL || op == lua.OP_TAILCALL):
		return where + rt.callError(L, f, argA(inst))
	case m[3] != "" && (op == lua.OP_GETTABLE || op == lua.OP_GETTABLEKS || op == lua.OP_SELF):
		return where + rt.operandError(L, f, argB(inst), "index", false)
	case m[3] != "" && (op == lua.OP_SETTABLE || op == lua.OP_SETTABLEKS):
		return where + rt.operandError(L, f, argA(inst), "index", false)
	case m[4] == "concat" && op == lua.OP_CONCAT:
		return where + rt.operandError(L, f, concatCulprit(L, f, argB(inst), argC(inst)), "concatenate", true)
	case m[7] == "unm" && op == lua.OP_UNM:
		return where + rt.operandError(L, f, argB(inst), "perform arithmetic on", false)
	case m[7] == "len" && op == lua.OP_LEN:
		return where + rt.operandError(L, f, argB(inst), "get length of", false)
	case m[4] != "" && op >= lua.OP_ADD && op <= lua.OP_POW:
		// Lua 5.1 blames the left operand unless it is a number.
		r := argB(inst)
		if _, ok := toNumber(rkValue(L, f, r)); ok {
			r = argC(inst)
		}
		hint := ""
		if s, ok := rkValue(L, f, argB(inst)).(lua.LString); ok && op == lua.OP_MOD && strings.Contains(string(s), "%") {
			hint = `; Python's "fmt" % args is ("fmt"):format(args) in Lua`
		}
		if k := rkConstant(r); k >= 0 {
			return where + "attempt to perform arithmetic on a " + valueType(f.fn.Proto.Constants[k]) + " value" + hint
		}
		return where + rt.operandError(L, f, r, "perform arithmetic on", false) + hint
	}
	return msg
}

// toNumber converts as Lua's arithmetic does: numbers and numeric strings.
func toNumber(v lua.LValue) (lua.LNumber, bool) {
	switch v := v.(type) {
	case lua.LNumber:
		return v, true
	case lua.LString:
		if n, err := strconv.ParseFloat(strings.TrimSpace(string(v)), 64); err == nil {
			return lua.LNumber(n), true
		}
	}
	return 0, false
}

// rkValue is an RK operand's value: a constant or a register.
func rkValue(L *lua.LState, f luaFrame, rk int) lua.LValue {
	if k := rkConstant(rk); k >= 0 {
		return f.fn.Proto.Constants[k]
	}
	return register(L, f, rk)
}

// concatCulprit is the register Lua 5.1 blames for a failed R(b).. ... ..R(c):
// concatenation runs right to left, and of the first pair that fails the
// left operand is named unless it is a string or number.
func concatCulprit(L *lua.LState, f luaFrame, b, c int) int {
	stringy := func(r int) bool {
		switch register(L, f, r).(type) {
		case lua.LString, lua.LNumber:
			return true
		}
		return false
	}
	if !stringy(c) {
		if c > b && !stringy(c-1) {
			return c - 1
		}
		return c
	}
	for r := c - 1; r >= b; r-- {
		if !stringy(r) {
			return r
		}
	}
	return c
}

// valueType is Lua's name for v's type, as Lua's own messages give it, or a
// netlua object's type name (socket.socket, ConnectionRefusedError).
func valueType(v lua.LValue) string {
	if name := objectTypeName(v); name != "" {
		return name
	}
	return v.Type().String()
}

// isObject reports whether v is one of netlua's objects: a table or
// userdata whose metatable gives it a type name.
func isObject(v lua.LValue) bool { return objectTypeName(v) != "" }

// callError is the message for calling register r, which is not a function.
func (rt *Runtime) callError(L *lua.LState, f luaFrame, r int) string {
	kind, name := objectName(f, r)
	v := register(L, f, r)
	if kind == "method" && v == lua.LNil {
		if self := register(L, f, r+1); isObject(self) || self.Type() == lua.LTString {
			if s := rt.missingMember(L, self, name); s != "" {
				return s
			}
		}
	}
	if kind == "field" && v == lua.LNil {
		if t := tableOperand(L, f, r); t != lua.LNil {
			if s := rt.missingMember(L, t, name); s != "" {
				return s
			}
		}
	}
	msg := describe("call", kind, name, v)
	if kind == "global" && v == lua.LNil {
		if inst := f.fn.Proto.Code[f.pc]; argB(inst) == 2 && register(L, f, r+1).Type() == lua.LTString {
			msg += stringPrefixHints[strings.ToLower(name)]
		}
	}
	return msg
}

// stringPrefixHints: Python's b"...", f"..." and the like are, in Lua, a
// call of the global b with a string; when that global is nil, this says
// what was meant.
var stringPrefixHints = map[string]string{
	"b":  `; Python's b"..." is a plain "..." in Lua, whose strings are bytes`,
	"rb": `; Python's rb"..." is [[...]] in Lua, whose strings are bytes`,
	"br": `; Python's br"..." is [[...]] in Lua, whose strings are bytes`,
	"u":  `; Python's u"..." is a plain "..." in Lua`,
	"r":  `; Python's r"..." is [[...]] in Lua`,
	"f":  `; Lua has no f-strings: string.format("...%s...", x)`,
	"rf": `; Lua has no f-strings: string.format("...%s...", x)`,
	"fr": `; Lua has no f-strings: string.format("...%s...", x)`,
}

// operandError is the message for an operation on register r that its
// value does not support.
func (rt *Runtime) operandError(L *lua.LState, f luaFrame, r int, action string, convert bool) string {
	kind, name := objectName(f, r)
	v := register(L, f, r)
	if convert && isObject(v) {
		// netlua's objects have a tostring that Python's str() would give.
		s := "attempt to " + action + " a " + valueType(v) + " value"
		arg := "x"
		if kind != "" {
			s += " (" + kind + " '" + name + "')"
			if kind != "method" {
				arg = name
			}
		}
		return s + "; use tostring(" + arg + ")"
	}
	return describe(action, kind, name, v)
}

// describe is Lua 5.1's "attempt to ACTION KIND 'NAME' (a TYPE value)", or
// "attempt to ACTION a TYPE value" for a value with no name.
func describe(action, kind, name string, v lua.LValue) string {
	if kind == "" {
		return fmt.Sprintf("attempt to %s a %s value", action, valueType(v))
	}
	return fmt.Sprintf("attempt to %s %s '%s' (a %s value)", action, kind, name, valueType(v))
}

// objectName is ldebug.c's getobjname: how the value in register r at the
// frame's pc came there — a local variable, a global, a field or method
// read with a constant key, an upvalue — and its name. ("", "") when it is
// a temporary with no name.
func objectName(f luaFrame, r int) (kind, name string) {
	p := f.fn.Proto
	if name, ok := localName(p, r, f.pc); ok {
		return "local", name
	}
	pc := lastWriter(p, f.pc, r)
	if pc < 0 {
		return "", ""
	}
	i := p.Code[pc]
	switch opcode(i) {
	case lua.OP_GETGLOBAL:
		return "global", constantName(p, argBx(i))
	case lua.OP_MOVE:
		if b := argB(i); b < argA(i) {
			return objectName(luaFrame{fn: f.fn, pc: pc}, b)
		}
	case lua.OP_GETTABLE, lua.OP_GETTABLEKS:
		if k := rkConstant(argC(i)); k >= 0 {
			return "field", constantName(p, k)
		}
	case lua.OP_GETUPVAL:
		if b := argB(i); b < len(p.DbgUpvalues) {
			return "upvalue", p.DbgUpvalues[b]
		}
	case lua.OP_SELF:
		if k := rkConstant(argC(i)); k >= 0 {
			return "method", constantName(p, k)
		}
	}
	return "", ""
}

// tableOperand is the table a field was read from into register r, when
// that table is still known: a global, a local or an upvalue (it was not a
// temporary overwritten since). LNil otherwise.
func tableOperand(L *lua.LState, f luaFrame, r int) lua.LValue {
	p := f.fn.Proto
	pc := lastWriter(p, f.pc, r)
	if pc < 0 || (opcode(p.Code[pc]) != lua.OP_GETTABLE && opcode(p.Code[pc]) != lua.OP_GETTABLEKS) {
		return lua.LNil
	}
	tr := argB(p.Code[pc])
	if _, ok := localName(p, tr, pc); ok && lastWriter(p, f.pc, tr) < pc {
		return register(L, f, tr)
	}
	src := lastWriter(p, pc, tr)
	if src < 0 {
		return lua.LNil
	}
	switch i := p.Code[src]; opcode(i) {
	case lua.OP_GETGLOBAL:
		if f.fn.Env != nil {
			return f.fn.Env.RawGetString(constantName(p, argBx(i)))
		}
	case lua.OP_GETUPVAL:
		if b := argB(i); b < len(f.fn.Upvalues) {
			return f.fn.Upvalues[b].Value()
		}
	}
	return lua.LNil
}

func constantName(p *lua.FunctionProto, k int) string {
	if k < len(p.Constants) {
		if s, ok := p.Constants[k].(lua.LString); ok {
			return string(s)
		}
	}
	return "?"
}

// localName is the name of the local variable in register r at pc, as Lua
// 5.1's luaF_getlocalname: the r-th variable active at pc.
func localName(p *lua.FunctionProto, r, pc int) (string, bool) {
	n := r + 1
	for _, v := range p.DbgLocals {
		if v.StartPc > pc {
			break
		}
		if pc < v.EndPc {
			n--
			if n == 0 {
				return v.Name, true
			}
		}
	}
	return "", false
}

// lastWriter is the index of the last instruction before pc that set
// register r, following forward jumps that stay before pc as Lua 5.1's
// symbexec does; -1 when none did.
func lastWriter(p *lua.FunctionProto, lastpc, r int) int {
	last := -1
	for pc := 0; pc < lastpc; pc++ {
		i := p.Code[pc]
		a := argA(i)
		switch op := opcode(i); op {
		case lua.OP_LOADNIL:
			if a <= r && r <= argB(i) {
				last = pc
			}
		case lua.OP_CALL, lua.OP_TAILCALL:
			if r >= a {
				last = pc
			}
		case lua.OP_TFORLOOP:
			if r >= a+2 {
				last = pc
			}
		case lua.OP_SELF:
			if r == a || r == a+1 {
				last = pc
			}
		case lua.OP_VARARG:
			if r >= a {
				last = pc
			}
		case lua.OP_JMP:
			if dest := pc + 1 + argSBx(i); pc < dest && dest <= lastpc {
				pc = dest - 1
			}
		case lua.OP_CLOSURE:
			if r == a {
				last = pc
			}
			// The closure's upvalues follow as pseudo-instructions.
			if k := argBx(i); k < len(p.FunctionPrototypes) {
				pc += int(p.FunctionPrototypes[k].NumUpvalues)
			}
		case lua.OP_SETLIST:
			if argC(i) == 0 {
				pc++ // the next word is the block number, not an instruction
			}
		case lua.OP_SETGLOBAL, lua.OP_SETUPVAL, lua.OP_SETTABLE, lua.OP_SETTABLEKS,
			lua.OP_EQ, lua.OP_LT, lua.OP_LE, lua.OP_TEST, lua.OP_RETURN,
			lua.OP_CLOSE, lua.OP_NOP:
		default:
			if r == a {
				last = pc
			}
		}
	}
	return last
}

// missingMember is the message for calling a name that v (a module, a
// netlua object or a string) does not have, with the nearest of its names
// as Python 3.12 suggests one; "" when v is none of those.
func (rt *Runtime) missingMember(L *lua.LState, v lua.LValue, name string) string {
	var what string
	var names []string
	short := func(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }
	if doc := rt.EntryOf(v); doc != nil && len(doc.Members) > 0 {
		what = fmt.Sprintf("module '%s' has no attribute '%s'", doc.Qualified, name)
		for _, q := range doc.Members {
			names = append(names, short(q))
		}
	} else {
		typeName := "string"
		if doc := rt.TypeEntryOf(L, v); doc != nil {
			typeName = doc.Qualified
			for _, q := range doc.Members {
				names = append(names, short(q))
			}
		} else if _, ok := v.(lua.LString); !ok {
			return ""
		}
		what = fmt.Sprintf("%s has no method '%s'", typeName, name)
		// Methods a type has beyond its documented ones (all of Lua's
		// string functions for a string) are in its __index table.
		if mt, ok := L.GetMetatable(v).(*lua.LTable); ok {
			if index, ok := mt.RawGetString("__index").(*lua.LTable); ok {
				index.ForEach(func(k, _ lua.LValue) {
					if k, ok := k.(lua.LString); ok && !slices.Contains(names, string(k)) {
						names = append(names, string(k))
					}
				})
			}
		}
	}
	slices.Sort(names)
	near := Suggest(name, names)
	if near == "" {
		if _, ok := v.(lua.LString); ok {
			return "" // Lua's own message says as much for a string
		}
		return what
	}
	return what + "; did you mean '" + near + "'?"
}

// nameError is what an error handler passes on for error value v: a VM
// error's message with its culprit named. The handler runs at stack level
// 0, so the frame that raised is level 1.
func (rt *Runtime) nameError(L *lua.LState, v lua.LValue) lua.LValue {
	if s, ok := v.(lua.LString); ok {
		return lua.LString(rt.nameCulprit(L, 1, string(s)))
	}
	return v
}

// callTop calls fn(args...) on L, protected, as the outermost call of a
// thread (a script's main chunk, a REPL chunk, a thread's target). Its
// error handler names a runtime error's culprit and takes the traceback
// while the failed frames are still on the stack, and closes the upvalues
// of those frames (see pcall.go for why gopher-lua must not).
func (rt *Runtime) callTop(L *lua.LState, fn lua.LValue, nret int, args ...lua.LValue) error {
	base := registryTop(L)
	traceback := ""
	handler := L.NewFunction(func(L *lua.LState) int {
		v := rt.nameError(L, L.Get(1))
		traceback = luaStackTrace(L, 1)
		luaCloseUpvalues(L, base)
		L.Push(v)
		return 1
	})
	flag := hasErrorFunc(L)
	saved := *flag
	err := L.CallByParam(lua.P{Fn: fn, NRet: nret, Protect: true, Handler: handler}, args...)
	*flag = saved
	if err == nil {
		return nil
	}
	if api, ok := err.(*lua.ApiError); ok && api.StackTrace == "" {
		api.StackTrace = traceback
	}
	return FromLuaError(rt, err)
}
