package interp

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"
)

// Self returns the receiver of the running method: argument 1, a userdata
// whose Go value is a T. Anything else (most often s.recv(1024), a dot
// written for the colon, which passes 1024 as the receiver) raises
// CPython's TypeError for an unbound method applied to the wrong object,
// naming the method and its type by the method's declared entry (FuncName)
// and adding how to call it from Lua:
//
//	descriptor 'recv' for 'socket.socket' objects doesn't apply to a 'number' object (call it as obj:recv(...), with a colon)
//
// Methods then read their other arguments with UnpackArgs(L, 2, ...). The
// type comes from the entry rather than from an argument because a Type's
// methods cannot refer to the Type variable that lists them (Go rejects the
// initialization cycle).
func Self[T any](L *lua.LState) T {
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if v, ok := ud.Value.(T); ok {
			return v
		}
	}
	method, typ, _ := entryAt(L, 0)
	raiseSelfError(L, typ, L.Get(1), method)
	var none T
	return none
}

// raiseSelfError raises Self's TypeError: method of the type named typ was
// called on v. Self uses it for Go types, and Lua modules reach it as the
// wrong_self function their Source receives (see Module.Source), so that
// every receiver check in netlua says the same thing.
func raiseSelfError(L *lua.LState, typ string, v lua.LValue, method string) {
	msg := fmt.Sprintf("descriptor '%s' for '%s' objects doesn't apply to a '%s' object (call it as obj:%s(...), with a colon)",
		method, typ, TypeName(v), method)
	RaiseValue(L, NewException(L, TypeError, lua.LString(msg)))
}

// wrongSelf is raiseSelfError for Lua code: wrong_self(self, typ [, method]).
// Without method, it names the Lua function that called it by its declared
// entry, as FuncName names a Go builtin.
func wrongSelf(L *lua.LState) int {
	v := L.Get(1)
	typ := L.CheckString(2)
	method := L.OptString(3, "")
	if method == "" {
		method, _, _ = entryAt(L, 1)
	}
	raiseSelfError(L, typ, v, method)
	return 0
}

// argError is the argument check of Lua modules: arg_error(param, message)
// raises UnpackArgs' TypeError, "serve() argument 'address' must be a
// table, not nil" (a number param is a position: "argument 1"), naming the
// function by the entry of the innermost declared function that called it.
func argError(L *lua.LState) int {
	param := L.Get(1)
	msg := L.CheckString(2)
	what := "argument " + lua.LVAsString(param)
	if name, ok := param.(lua.LString); ok {
		what = "argument '" + string(name) + "'"
	}
	text := fmt.Sprintf("%s() %s %s", declaredCaller(L, 1), what, msg)
	RaiseValue(L, NewException(L, TypeError, lua.LString(text)))
	return 0
}

// typeNameOf is type_name(v) for Lua modules: TypeName, so that their
// messages name types as the Go modules' do ("must be a number, not str").
func typeNameOf(L *lua.LState) int {
	L.Push(lua.LString(TypeName(L.Get(1))))
	return 1
}
