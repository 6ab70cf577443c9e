// Workaround for yuin/gopher-lua#448 (open; gopher-lua 1.1.2): when an
// error is raised inside a protected call without an error handler,
// gopher-lua closes every open upvalue of the whole state, not only those
// of the frames the error unwinds. A closure in the code that called pcall
// is cut off from its local variable: after
//
//	local c = 1; local function f() return c end; pcall(error, "x"); c = 2
//
// f() still returns 1. pcall is netlua's try/except, so this would break
// ordinary programs (a handler thread no longer seeing the socket variable
// its server assigns). Lua 5.1 closes only the upvalues at or above the
// protected call's base.
//
// What it changes: the pcall and xpcall builtins are netlua's, and they do
// what Lua 5.1 does:
//
//   - they always pass gopher-lua an error handler, which makes raiseError
//     skip closing everything (it checks the state's hasErrorFunc flag);
//   - the handler, which runs before the stack is unwound, closes the
//     upvalues at or above the called function's slot;
//   - gopher-lua's PCall sets hasErrorFunc to false when it returns, even
//     inside an outer protected call, so it is put back as it was.
//
// The two private pieces this needs, the flag and the current frame's base,
// are found by field name with reflect when the package starts (it panics
// at once, in every test, if they move or change kind), and closeUpvalues
// is linked by name (the build fails if it goes).
//
// Proof: TestPCallKeepsCallerUpvaluesOpen (glua_pcall_test.go) prints a
// captured local after failed pcalls, xpcalls and nested ones; with
// gopher-lua's own pcall each line prints the old value. Remove this file's
// workaround (keeping the builtins' Lua 5.1 results) once gopher-lua closes
// only the unwound frames' upvalues.

package interp

import (
	"reflect"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

//go:linkname luaCloseUpvalues github.com/yuin/gopher-lua.(*LState).closeUpvalues
func luaCloseUpvalues(ls *lua.LState, idx int)

var (
	stateType          = reflect.TypeOf(lua.LState{})
	hasErrorFuncOffset = fieldOffset(stateType, "hasErrorFunc", reflect.Bool)
	currentFrameOffset = fieldOffset(stateType, "currentFrame", reflect.Pointer)
	localBaseOffset    = fieldOffset(stateType.Field(fieldIndex(stateType, "currentFrame")).Type.Elem(), "LocalBase", reflect.Int)
)

func fieldIndex(t reflect.Type, name string) int {
	f, ok := t.FieldByName(name)
	if !ok {
		panic("interp: gopher-lua's LState has no field " + name + "; see glua_pcall.go")
	}
	return f.Index[0]
}

func fieldOffset(t reflect.Type, name string, kind reflect.Kind) uintptr {
	f, ok := t.FieldByName(name)
	if !ok || f.Type.Kind() != kind {
		panic("interp: gopher-lua's " + t.Name() + "." + name + " is not what glua_pcall.go expects")
	}
	return f.Offset
}

func hasErrorFunc(L *lua.LState) *bool {
	return (*bool)(unsafe.Add(unsafe.Pointer(L), hasErrorFuncOffset))
}

// argBase is the registry index of the running Go function's first argument.
func argBase(L *lua.LState) int {
	frame := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(L), currentFrameOffset))
	return *(*int)(unsafe.Add(frame, localBaseOffset))
}

// protectedCall calls the function at argument index 1 with the arguments
// after it (the stack top), the way pcall does: it returns true and the
// results, or false and the error value. handler, if not nil, is xpcall's
// message handler.
func protectedCall(L *lua.LState, handler lua.LValue) int {
	t := Current(L)
	t.enterPCall(L)
	defer t.leavePCall(L)
	base := argBase(L)
	nargs := L.GetTop() - 1
	onError := L.NewFunction(func(L *lua.LState) int {
		err := Of(L).nameError(L, L.Get(1))
		if handler != nil {
			L.Push(handler)
			L.Push(err)
			L.Call(1, 1)
			err = L.Get(-1)
		}
		luaCloseUpvalues(L, base)
		L.Push(err)
		return 1
	})
	flag := hasErrorFunc(L)
	saved := *flag
	err := L.PCall(nargs, lua.MultRet, onError)
	*flag = saved
	if err != nil {
		L.Push(lua.LFalse)
		if api, ok := err.(*lua.ApiError); ok {
			L.Push(api.Object)
		} else {
			L.Push(lua.LString(err.Error()))
		}
		return 2
	}
	L.Insert(lua.LTrue, 1)
	return L.GetTop()
}

func builtinPCall(L *lua.LState) int {
	if L.GetTop() == 0 {
		Raise(L, TypeError, "%s() missing required argument 'f' (pos 1)", FuncName(L))
	}
	return protectedCall(L, nil)
}

func builtinXPCall(L *lua.LState) int {
	var f lua.LValue
	var handler *lua.LFunction
	UnpackArgs(L, 1, "f", &f, "handler", &handler)
	L.Remove(2)
	return protectedCall(L, handler)
}

// enterPCall and leavePCall count the protected calls under way in the
// coroutine L, for yield: gopher-lua cannot resume a coroutine that yielded
// from inside a Go function (ours is pcall), and crashed with a nil pointer.
func (t *Thread) enterPCall(L *lua.LState) {
	if t.pcalls == nil {
		t.pcalls = map[*lua.LState]int{}
	}
	t.pcalls[L]++
}

func (t *Thread) leavePCall(L *lua.LState) {
	if t.pcalls[L]--; t.pcalls[L] <= 0 {
		delete(t.pcalls, L)
	}
}
