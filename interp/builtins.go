package interp

import (
	"bufio"
	"io"
	"os"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"
)

// BuiltinFuncs are the Python-flavoured globals every runtime has. They are
// documented like module functions (help(isinstance)).
var BuiltinFuncs = []Func{
	{Name: "print", Fn: builtinPrint, Sig: "print(...)",
		Doc: "Writes its arguments, converted with tostring and separated by tabs, and a newline, as one line that output from other threads cannot split.",
		Py:  "print(*args, sep='\\t')"},
	{Name: "pcall", Fn: builtinPCall, Sig: "pcall(f, ...) -> true, results... | false, err",
		Doc: "Calls f(...) in protected mode: true and f's results, or false and the error (an exception object, or a string for a plain Lua error). This is Python's try/except: test the error with isinstance. (It also works around gopher-lua bug #448, see interp/glua_pcall.go.)",
		Py:  "try: ... except BaseException as e: ..."},
	{Name: "xpcall", Fn: builtinXPCall, Sig: "xpcall(f, handler) -> true, results... | false, handler(err)",
		Doc: "Like pcall, but on error calls handler(err) while the failed call's stack is still there (debug.traceback works in it) and returns false and what handler returns.",
		Py:  "try: ... except BaseException: traceback.format_exc()"},
	{Name: "isinstance", Fn: builtinIsInstance, Sig: "isinstance(value, class) -> boolean",
		Doc: "True if value is an exception of class or of a subclass of it (socket.timeout is a TimeoutError is an OSError). A plain Lua error string counts as an Exception. Use it after pcall where Python has except clauses."},
	{Name: "repr", Fn: builtinRepr, Sig: "repr(value) -> string",
		Doc: "Python's repr of a value: None, True, 'quoted strings', (tuples,), [lists] for sequences, {dicts} for other tables (keys sorted), ValueError('x') for exceptions."},
	{Name: "bytes_repr", Fn: builtinBytesRepr, Sig: "bytes_repr(s) -> string",
		Doc: "Python's repr of s taken as bytes: b'\\x97eL\\xdf'. Lua strings are bytes; use this where Python prints a bytes value (print(data) of received data, hexlify results).",
		Py:  "repr(data)  # data: bytes"},
	{Name: "input", Fn: builtinInput, Sig: "input([prompt]) -> string",
		Doc: "Writes prompt, reads one line from standard input and returns it without its newline. Raises EOFError at end of input; Ctrl-C raises KeyboardInterrupt."},
	{Name: "exit", Fn: builtinExit, Sig: "exit([code])",
		Doc: "Raises SystemExit: the program (or the REPL) ends with status code, 0 by default, after non-daemon threads finish.",
		Py:  "sys.exit([code])"},
	{Name: "collectgarbage", Fn: builtinCollectGarbage, Sig: "collectgarbage([opt [, arg]]) -> number | boolean",
		Doc: "Lua 5.1's, on Go's collector: \"collect\" (the default) runs a full collection; \"count\" gives the heap in use in KiB; \"step\" collects and gives true; \"stop\" and \"restart\" turn automatic collection off and on; \"setpause\" sets how far the heap grows between collections (200 = double, Go's GOGC plus 100) and gives the previous value; \"setstepmul\" has no Go equivalent and only gives the previous value.",
		Py:  "gc.collect()"},
	{Name: "quit", Fn: builtinExit, Sig: "quit([code])", Doc: "The same as exit."},
}

// installBuiltins sets the globals: the functions above, the exception
// classes, and coroutine functions that keep coroutines interruptible.
func (rt *Runtime) installBuiltins() {
	L := rt.L
	for i := range BuiltinFuncs {
		f := &BuiltinFuncs[i]
		fn := L.NewFunction(f.Fn)
		L.SetGlobal(f.Name, fn)
		rt.docs.add(fn, f.doc(f.Name))
	}
	for _, cls := range BuiltinClasses {
		L.SetGlobal(cls.Name, rt.ClassTable(cls))
	}
	rt.installNone()
	// string.format's %s honours __tostring (format.go).
	if str, ok := L.GetGlobal("string").(*lua.LTable); ok {
		str.RawSetString("format", L.NewFunction(stringFormat))
	}
	// io.write goes through the same line-atomic output as print.
	if io, ok := L.GetGlobal("io").(*lua.LTable); ok {
		io.RawSetString("write", L.NewFunction(builtinWrite))
	}
	rt.fixCoroutines()
	installRandom(rt)
	rt.installLoaders()
	rt.installPythonNames()
}

func builtinPrint(L *lua.LState) int {
	var b strings.Builder
	top := L.GetTop()
	for i := 1; i <= top; i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		b.WriteString(L.ToStringMeta(L.Get(i)).String())
	}
	b.WriteByte('\n')
	Of(L).Out.Write(b.String())
	return 0
}

func builtinWrite(L *lua.LState) int {
	var b strings.Builder
	for i := 1; i <= L.GetTop(); i++ {
		switch v := L.Get(i).(type) {
		case lua.LString, lua.LNumber:
			b.WriteString(v.String())
		default:
			L.ArgError(i, "string expected, got "+v.Type().String())
		}
	}
	Of(L).Out.Write(b.String())
	L.Push(L.GetGlobal("io").(*lua.LTable).RawGetString("stdout"))
	return 1
}

func builtinBytesRepr(L *lua.LState) int {
	var s string
	UnpackArgs(L, 1, "s", &s)
	L.Push(lua.LString(QuoteBytes(s)))
	return 1
}

func builtinIsInstance(L *lua.LState) int {
	var v, cls lua.LValue
	UnpackArgs(L, 1, "value", &v, "class", &cls)
	if _, ok := cls.(*lua.LTable); !ok {
		Raise(L, TypeError, "%s() arg 2 must be a class, not %s", FuncName(L), TypeName(cls))
	}
	L.Push(lua.LBool(Of(L).IsInstance(v, cls)))
	return 1
}

func builtinExit(L *lua.LState) int {
	var code lua.LValue = lua.LNil
	UnpackArgs(L, 1, "code?", &code)
	args := []lua.LValue{}
	if code != lua.LNil {
		args = append(args, code)
	}
	RaiseValue(L, NewException(L, SystemExit, args...))
	return 0
}

func builtinInput(L *lua.LState) int {
	prompt := ""
	UnpackArgs(L, 1, "prompt?", &prompt)
	rt := Of(L)
	type result struct {
		line string
		err  error
	}
	// The read runs on its own goroutine so that Ctrl-C can end the wait
	// even though a read from a terminal or pipe cannot be cancelled.
	results := make(chan result, 1)
	var r result
	t := Current(L)
	Block(L, nil, func() {
		go func() {
			line, err := rt.ReadLine(prompt)
			results <- result{line, err}
		}()
		select {
		case r = <-results:
		case <-t.Woken(): // Interrupt set the pending flag first: Block raises it
		}
	})
	line, err := r.line, r.err
	if err != nil {
		if err == io.EOF {
			Raise(L, EOFError, "EOF when reading a line")
		}
		RaiseOSError(L, err)
	}
	L.Push(lua.LString(line))
	return 1
}

// stdin is read by one goroutine at a time; the reader is shared so that
// buffered input is not lost between calls.
var (
	stdinOnce   sync.Once
	stdinReader *bufio.Reader
)

// stdinReadLine is the default ReadLine: the prompt goes to stdout, the line
// comes from stdin without its line ending.
func stdinReadLine(prompt string) (string, error) {
	stdinOnce.Do(func() { stdinReader = bufio.NewReader(os.Stdin) })
	if prompt != "" {
		os.Stdout.WriteString(prompt)
	}
	line, err := stdinReader.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
