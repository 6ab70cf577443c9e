package interp

import (
	"reflect"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// Naming the culprit of a runtime error (culprit.go) needs three things
// gopher-lua keeps private: which instruction of a Lua function's frame was
// running (the frame's pc), where the frame's registers start, and the
// registers' values (and, for a yield, whether a frame has one below it). They are read here as pcall.go reads the error-handler
// flag: fields found by name with reflect (a test fails if they move), read
// with unsafe. The stack traceback of an error is gopher-lua's own,
// linked by name.

//go:linkname luaStackTrace github.com/yuin/gopher-lua.(*LState).stackTrace
func luaStackTrace(ls *lua.LState, level int) string

var (
	debugType         = reflect.TypeOf(lua.Debug{})
	debugFrameOffset  = fieldOffset(debugType, "frame", reflect.Pointer)
	frameType         = debugType.Field(fieldIndex(debugType, "frame")).Type.Elem()
	frameFnOffset     = fieldOffset(frameType, "Fn", reflect.Pointer)
	framePcOffset     = fieldOffset(frameType, "Pc", reflect.Int)
	frameParentOffset = fieldOffset(frameType, "Parent", reflect.Pointer)
	frameBaseOffset   = fieldOffset(frameType, "LocalBase", reflect.Int)
	regOffset         = fieldOffset(stateType, "reg", reflect.Pointer)
	registryType      = stateType.Field(fieldIndex(stateType, "reg")).Type.Elem()
	regArrayOffset    = fieldOffset(registryType, "array", reflect.Slice)
	regTopOffset      = fieldOffset(registryType, "top", reflect.Int)
)

// A luaFrame is a running Lua function: its prototype, the index of the
// instruction it is executing, and the registry index of its register 0.
type luaFrame struct {
	fn   *lua.LFunction
	pc   int
	base int
}

// frameAt is the Lua function running at stack level (0 = the running
// function), or false when that level is a Go function or does not exist.
func frameAt(L *lua.LState, level int) (luaFrame, bool) {
	dbg, ok := L.GetStack(level)
	if !ok {
		return luaFrame{}, false
	}
	frame := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(dbg), debugFrameOffset))
	if frame == nil {
		return luaFrame{}, false
	}
	fn := *(**lua.LFunction)(unsafe.Add(frame, frameFnOffset))
	pc := *(*int)(unsafe.Add(frame, framePcOffset))
	if fn == nil || fn.IsG || fn.Proto == nil || pc <= 0 || pc > len(fn.Proto.Code) {
		return luaFrame{}, false
	}
	// The VM advances pc before executing an instruction: pc-1 is the one
	// that raised.
	return luaFrame{fn: fn, pc: pc - 1, base: *(*int)(unsafe.Add(frame, frameBaseOffset))}, true
}

// register is the value of register r of frame f (nil beyond the stack).
func register(L *lua.LState, f luaFrame, r int) lua.LValue {
	reg := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(L), regOffset))
	array := *(*[]lua.LValue)(unsafe.Add(reg, regArrayOffset))
	if i := f.base + r; i >= 0 && i < len(array) && array[i] != nil {
		return array[i]
	}
	return lua.LNil
}

// registryTop is the index of the first free slot of L's registry: where a
// function pushed now, to be called, will sit.
func registryTop(L *lua.LState) int {
	reg := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(L), regOffset))
	return *(*int)(unsafe.Add(reg, regTopOffset))
}

// calledByBottom reports whether the running Go function was called by the
// bottom Lua frame of L's stack (a coroutine's body): the frame below the
// Go function's has none below it.
func calledByBottom(L *lua.LState) bool {
	goFrame := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(L), currentFrameOffset))
	if goFrame == nil {
		return false
	}
	caller := *(*unsafe.Pointer)(unsafe.Add(goFrame, frameParentOffset))
	return caller != nil && *(*unsafe.Pointer)(unsafe.Add(caller, frameParentOffset)) == nil
}
