package interp

import (
	"fmt"
	"io"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// An Error is a Lua error that escaped a chunk: the raised value and the
// traceback at the point it was raised.
type Error struct {
	Value     lua.LValue // an exception instance, or a string for plain Lua errors
	Class     *Class     // nil for plain Lua errors
	Traceback string     // "stack traceback:\n\t..."
}

func (e *Error) Error() string { return e.Message() }

// IsA reports whether the error is an exception of class cls (or a subclass).
func (e *Error) IsA(cls *Class) bool { return e.Class != nil && e.Class.Is(cls) }

// Message is the first line of the report: "script.lua:3: message" for
// plain Lua errors, "script.lua:3: ConnectionRefusedError: [Errno 111]
// Connection refused" for exceptions (Lua's position, Python's text).
func (e *Error) Message() string {
	t, ok := e.Value.(*lua.LTable)
	if !ok || ClassName(t) == "" {
		return lua.LVAsString(e.Value)
	}
	where := lua.LVAsString(t.RawGetString("__where"))
	if where == "" {
		where = firstLuaFrame(e.Traceback)
	}
	if where != "" {
		where += " "
	}
	msg := ClassName(t)
	if s := ExceptionText(t); s != "" {
		msg += ": " + s
	}
	return where + msg
}

// Report is the message followed by the traceback.
func (e *Error) Report() string {
	if e.Traceback == "" {
		return e.Message()
	}
	return e.Message() + "\n" + e.Traceback
}

// FromLuaError turns an error from PCall/CallByParam/DoString into an *Error.
func FromLuaError(rt *Runtime, err error) *Error {
	if e, ok := err.(*Error); ok {
		return e
	}
	if api, ok := err.(*lua.ApiError); ok {
		e := &Error{Value: api.Object, Traceback: api.StackTrace}
		if e.Value == nil || e.Value == lua.LNil {
			e.Value = lua.LString(api.Error())
		}
		e.Class = rt.classOf(e.Value)
		return e
	}
	return &Error{Value: lua.LString(err.Error())}
}

// Call calls fn with args on the main thread, protected; a raised error comes
// back as an *Error. Results are left to the caller via nret (MultRet works).
//
// A Ctrl-C that came during the chunk's last library call, after its last
// checkpoint, is still pending when the chunk returns; it is raised then,
// as CPython raises it at the next bytecode, so a script that ends just
// after still exits 130 with KeyboardInterrupt instead of losing it.
func (rt *Runtime) Call(fn lua.LValue, nret int, args ...lua.LValue) error {
	base := rt.L.GetTop()
	if err := rt.callTop(rt.L, fn, nret, args...); err != nil {
		return err
	}
	if rt.current == rt.Main && rt.Main.pending.Load() {
		rt.Main.ClearInterrupt()
		rt.L.SetTop(base)
		return &Error{Value: NewException(rt.L, KeyboardInterrupt), Class: KeyboardInterrupt}
	}
	return nil
}

// Load compiles a chunk; a syntax error comes back as an *Error whose text is
// Lua's ("stdin:1: ... near 'x'").
func (rt *Runtime) Load(r io.Reader, name string) (*lua.LFunction, error) {
	fn, err := Compile(rt.L, r, name)
	if err != nil {
		return nil, &Error{Value: lua.LString(strings.TrimSpace(err.Error()))}
	}
	return fn, nil
}

// RunFile runs a script file as the main chunk, with arguments as lua(1)
// gives them: in the global arg table (arg[0] the script) and as `...`.
func (rt *Runtime) RunFile(path string, args []string) error {
	rt.SetArgs(path, args)
	fn, err := compileFile(rt.L, path)
	if err != nil {
		return &Error{Value: lua.LString(strings.TrimSpace(err.Error()))}
	}
	vals := make([]lua.LValue, len(args))
	for i, a := range args {
		vals[i] = lua.LString(a)
	}
	return rt.Call(fn, 0, vals...)
}

// RunString runs a chunk of source named name ("=(command line)" style names
// are used as they are).
func (rt *Runtime) RunString(src, name string) error {
	fn, err := rt.Load(strings.NewReader(src), name)
	if err != nil {
		return err
	}
	return rt.Call(fn, 0)
}

// SetArgs sets the global arg table: arg[0] is the script, arg[1..] its args.
func (rt *Runtime) SetArgs(script string, args []string) {
	t := rt.L.NewTable()
	t.RawSetInt(0, lua.LString(script))
	for i, a := range args {
		t.RawSetInt(i+1, lua.LString(a))
	}
	rt.L.SetGlobal("arg", t)
}

// ExitCode is the process exit status for an error that ended the program:
// 130 for KeyboardInterrupt, SystemExit's code, 1 otherwise.
func (e *Error) ExitCode() int {
	switch {
	case e.IsA(KeyboardInterrupt):
		return 130
	case e.IsA(SystemExit):
		t := e.Value.(*lua.LTable)
		args, _ := t.RawGetString("args").(*lua.LTable)
		if argCount(args) == 0 || IsNone(args.RawGetInt(1)) {
			return 0
		}
		if n, ok := args.RawGetInt(1).(lua.LNumber); ok {
			return int(n)
		}
		return 1
	}
	return 1
}

// ExitMessage is what to print when e ends the program: nothing for a
// SystemExit with a numeric code, its text for one with a message, Python's
// "KeyboardInterrupt" for Ctrl-C, the report otherwise.
func (e *Error) ExitMessage() string {
	switch {
	case e.IsA(SystemExit):
		t := e.Value.(*lua.LTable)
		args, _ := t.RawGetString("args").(*lua.LTable)
		if argCount(args) > 0 {
			if s, ok := args.RawGetInt(1).(lua.LString); ok {
				return string(s) + "\n"
			}
		}
		return ""
	case e.IsA(KeyboardInterrupt):
		return "KeyboardInterrupt\n"
	}
	return fmt.Sprintf("%s\n", e.Report())
}

// firstLuaFrame finds "file:line:" of the innermost Lua frame in a gopher-lua
// traceback, for exceptions raised with error() rather than by a binding.
func firstLuaFrame(traceback string) string {
	for _, line := range strings.Split(traceback, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[G]") || !strings.Contains(line, ": in ") {
			continue
		}
		return line[:strings.Index(line, ": in ")+1]
	}
	return ""
}
