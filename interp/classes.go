package interp

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// ClassTable returns the Lua table of cls in this runtime, making it (and its
// bases) on first use. The table is the metatable of its instances, so its
// __tostring is Python's str(e); the class's own metatable makes it callable
// and prints it as <class 'NAME'>.
func (rt *Runtime) ClassTable(cls *Class) *lua.LTable {
	if t, ok := rt.classes[cls]; ok {
		return t
	}
	// Every runtime makes every built-in class at start-up, so the tables
	// are sized for their fields (NewTable reserves 32 array slots and 32
	// map entries), and all classes share one metatable and its two
	// functions: per-class closures made classes a third of interp.New.
	L := rt.L
	t := L.CreateTable(0, 4)
	rt.classes[cls] = t
	rt.classByTable[t] = cls
	t.RawSetString("__name", lua.LString(cls.Name))
	t.RawSetString("__index", t)
	if rt.exceptionStr == nil {
		rt.exceptionStr = L.NewFunction(exceptionStr)
		rt.classMeta = L.CreateTable(0, 2)
		rt.classMeta.RawSetString("__tostring", L.NewFunction(classRepr))
		rt.classMeta.RawSetString("__call", L.NewFunction(rt.callClass))
	}
	// One function for every class, as Python's classes share
	// BaseException.__str__.
	t.RawSetString("__tostring", rt.exceptionStr)
	if cls.Base != nil {
		t.RawSetString("__base", rt.ClassTable(cls.Base))
	}
	L.SetMetatable(t, rt.classMeta)
	return t
}

// classRepr is a class's tostring: <class 'NAME'>.
func classRepr(L *lua.LState) int {
	name := L.CheckTable(1).RawGetString("__name")
	L.Push(lua.LString(fmt.Sprintf("<class '%s'>", lua.LVAsString(name))))
	return 1
}

// callClass makes an instance: calling a class, as in Python.
func (rt *Runtime) callClass(L *lua.LState) int {
	cls := rt.classByTable[L.CheckTable(1)]
	if cls == nil {
		L.ArgError(1, "exception class expected")
	}
	args := make([]lua.LValue, 0, L.GetTop()-1)
	for i := 2; i <= L.GetTop(); i++ {
		args = append(args, L.Get(i))
	}
	L.Push(NewException(L, cls, args...))
	return 1
}

// classOf returns the Go class of an exception instance, or nil.
func (rt *Runtime) classOf(v lua.LValue) *Class {
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil
	}
	mt, ok := t.Metatable.(*lua.LTable)
	if !ok {
		return nil
	}
	return rt.classByTable[mt]
}

// IsInstance reports whether v is an instance of the class table cls,
// following __base links. A plain Lua error (a string) counts as an instance
// of Exception and its bases, so `except Exception` ports naturally.
func (rt *Runtime) IsInstance(v lua.LValue, cls lua.LValue) bool {
	if _, ok := v.(lua.LString); ok {
		return cls == rt.ClassTable(Exception) || cls == rt.ClassTable(BaseException)
	}
	t, ok := v.(*lua.LTable)
	if !ok {
		return false
	}
	for c := t.Metatable; c != lua.LNil; {
		if c == cls {
			return true
		}
		ct, ok := c.(*lua.LTable)
		if !ok {
			return false
		}
		c = ct.RawGetString("__base")
	}
	return false
}

// exceptionStr is Python's str(e).
func exceptionStr(L *lua.LState) int {
	L.Push(lua.LString(ExceptionText(L.Get(1))))
	return 1
}

// ExceptionText is str(e) for an exception instance, or tostring for any
// other value.
func ExceptionText(v lua.LValue) string {
	e, ok := v.(*lua.LTable)
	if !ok {
		return lua.LVAsString(v)
	}
	errno, strerror := e.RawGetString("errno"), e.RawGetString("strerror")
	// A class whose table sets __strerror (ssl.SSLError and its subclasses)
	// prints its strerror alone, as CPython's SSLError.__str__ does.
	if mt, ok := e.Metatable.(*lua.LTable); ok && mt.RawGetString("__strerror") == lua.LTrue {
		if s, ok := strerror.(lua.LString); ok {
			return string(s)
		}
	}
	args, _ := e.RawGetString("args").(*lua.LTable)
	n := argCount(args)
	// CPython's OSError.__str__: made with 2 to 5 arguments, an OSError has
	// errno and strerror, shown with str() even when None ([Errno None] x).
	if n >= 2 && n <= 5 && isOSError(e) {
		s := fmt.Sprintf("[Errno %s] %s", pyStr(errno), pyStr(strerror))
		if w := e.RawGetString("winerror"); w != lua.LNil {
			s = fmt.Sprintf("[WinError %s] %s", Repr(w), pyStr(strerror))
		}
		if f := e.RawGetString("filename"); f != lua.LNil {
			s += ": " + Repr(f)
		}
		return s
	}
	if n == 0 {
		return ""
	}
	if n == 1 {
		a := args.RawGetInt(1)
		// CPython's KeyError.__str__ gives its one argument's repr: the
		// key is shown as a key ('k', not k).
		if s, ok := a.(lua.LString); ok && !instanceOf(e, KeyError) {
			return string(s)
		}
		return Repr(a)
	}
	parts := make([]string, 0, n)
	for i := 1; i <= n; i++ {
		parts = append(parts, Repr(args.RawGetInt(i)))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// isOSError reports whether e is an OSError, of any subclass.
func isOSError(e *lua.LTable) bool { return instanceOf(e, OSError) }

// instanceOf reports whether the exception e is of class c or a subclass.
func instanceOf(e *lua.LTable, c *Class) bool {
	for mt := e.Metatable; mt != lua.LNil; {
		ct, ok := mt.(*lua.LTable)
		if !ok {
			return false
		}
		if ct.RawGetString("__name") == lua.LString(c.Name) {
			return true
		}
		mt = ct.RawGetString("__base")
	}
	return false
}

// pyStr is Python's str() of a value Lua shares with Python: a string as
// it is, anything else as its repr (nil and none are None).
func pyStr(v lua.LValue) string {
	if s, ok := v.(lua.LString); ok {
		return string(s)
	}
	return Repr(v)
}

// ClassName is the class name of an exception instance ("" if v is not one).
func ClassName(v lua.LValue) string {
	if t, ok := v.(*lua.LTable); ok {
		if mt, ok := t.Metatable.(*lua.LTable); ok {
			if n, ok := mt.RawGetString("__name").(lua.LString); ok {
				return string(n)
			}
		}
	}
	return ""
}

// Repr is Python's repr for the values Lua shares with Python: nil is None,
// booleans are True/False, integral numbers print without a fraction, strings
// are quoted the way Python quotes them.
func Repr(v lua.LValue) string {
	switch v := v.(type) {
	case *lua.LNilType:
		return "None"
	case lua.LBool:
		if v {
			return "True"
		}
		return "False"
	case lua.LNumber:
		return FormatNumber(float64(v))
	case lua.LString:
		return QuoteString(string(v))
	case *lua.LUserData:
		if IsNone(v) {
			return "None"
		}
	}
	return v.String()
}

// argCount is the number of an exception's args: a tuple without holes,
// since a nil in it is stored as `none` (see NewException).
func argCount(args *lua.LTable) int {
	if args == nil {
		return 0
	}
	return args.Len()
}
