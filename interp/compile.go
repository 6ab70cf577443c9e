package interp

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// Compile parses and compiles a chunk the way L.Load does, with the
// multiple-assignment fix. Syntax errors are gopher-lua's.
func Compile(L *lua.LState, r io.Reader, name string) (*lua.LFunction, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	chunk, err := parse.Parse(bytes.NewReader(src), name)
	if pe, ok := err.(*parse.Error); ok {
		lines := bytes.Count(src, []byte("\n")) + 1
		line := pe.Pos.Line
		if line == parse.EOF {
			line = lines
		}
		return nil, errors.New(SyntaxMessage(pe, lines) + SyntaxHint(string(src), line))
	}
	if err != nil {
		return nil, err
	}
	if err := checkSyntaxDepth(chunk, name); err != nil {
		return nil, err
	}
	proto, err := lua.Compile(FixChunk(chunk), name)
	if err != nil {
		return nil, err
	}
	return L.NewFunctionFromProto(proto), nil
}

// compileFile is Compile for a file; "" reads standard input, as lua does.
func compileFile(L *lua.LState, path string) (*lua.LFunction, error) {
	if path == "" {
		return Compile(L, os.Stdin, "stdin")
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s", path)
	}
	defer file.Close()
	return Compile(L, file, path)
}

// installLoaders replaces the builtins that compile code, so that code
// loaded at run time gets the same fix as scripts.
func (rt *Runtime) installLoaders() {
	L := rt.L
	L.SetGlobal("loadstring", L.NewFunction(func(L *lua.LState) int {
		src := L.CheckString(1)
		name := luaChunkID(L.OptString(2, src))
		fn, err := Compile(L, strings.NewReader(src), name)
		return pushLoaded(L, fn, err)
	}))
	L.SetGlobal("load", L.NewFunction(func(L *lua.LState) int {
		reader := L.CheckFunction(1)
		name := luaChunkID(L.OptString(2, "=(load)"))
		var src strings.Builder
		for {
			L.Push(reader)
			L.Call(0, 1)
			piece := L.Get(-1)
			L.Pop(1)
			s, ok := piece.(lua.LString)
			if !ok || s == "" {
				break
			}
			src.WriteString(string(s))
		}
		fn, err := Compile(L, strings.NewReader(src.String()), name)
		return pushLoaded(L, fn, err)
	}))
	L.SetGlobal("loadfile", L.NewFunction(func(L *lua.LState) int {
		fn, err := compileFile(L, L.OptString(1, ""))
		return pushLoaded(L, fn, err)
	}))
	L.SetGlobal("dofile", L.NewFunction(func(L *lua.LState) int {
		fn, err := compileFile(L, L.OptString(1, ""))
		if err != nil {
			L.RaiseError("%s", err.Error())
		}
		top := L.GetTop()
		L.Push(fn)
		L.Call(0, lua.MultRet)
		return L.GetTop() - top
	}))
	// require's searcher for Lua files (package.loaders[2]), on package.path.
	loaders, ok := L.GetField(L.GetGlobal("package"), "loaders").(*lua.LTable)
	if ok {
		loaders.RawSetInt(2, L.NewFunction(func(L *lua.LState) int {
			name := L.CheckString(1)
			path := lua.LVAsString(L.GetField(L.GetGlobal("package"), "path"))
			var tried strings.Builder
			for _, pattern := range strings.Split(path, ";") {
				file := strings.ReplaceAll(pattern, "?", strings.ReplaceAll(name, ".", "/"))
				if _, err := os.Stat(file); err != nil {
					fmt.Fprintf(&tried, "\n\tno file '%s'", file)
					continue
				}
				fn, err := compileFile(L, file)
				if err != nil {
					L.RaiseError("error loading module '%s' from file '%s':\n\t%s", name, file, err.Error())
				}
				L.Push(fn)
				return 1
			}
			L.Push(lua.LString(tried.String()))
			return 1
		}))
	}
}

func pushLoaded(L *lua.LState, fn *lua.LFunction, err error) int {
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	L.Push(fn)
	return 1
}
