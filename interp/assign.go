package interp

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/ast"
	"github.com/yuin/gopher-lua/parse"
)

// gopher-lua 1.1.2 compiles a multiple assignment wrongly when a target is
// a local (yuin/gopher-lua#440, open): it evaluates each right-hand
// expression straight into its target's register, so later expressions read
// the new value. `x, y = y, x` leaves both 2; `a, b = a + 1, a + b` gives
// 1, 1 instead of 1, 0. Lua evaluates every expression before assigning.
//
// Every chunk netlua compiles therefore goes through FixAssignments, which
// rewrites each multiple assignment
//
//	x, t[k] = e1, e2
//
// into a block that evaluates first and assigns after, from temporaries no
// user code can name (their names are not Lua identifiers):
//
//	do local (o1), (k1) = t, k; local (v1), (v2) = e1, e2; x, (o1)[(k1)] = (v1), (v2) end
//
// The final assignment reads only temporaries, so the compiler's shortcut
// is harmless there. Compile, and the loadstring, load, loadfile, dofile
// and require (Lua files) installed by the runtime, all use it.

// FixAssignments rewrites the multiple assignments in a parsed chunk, in
// place, including those inside nested functions.
func FixAssignments(stmts []ast.Stmt) []ast.Stmt {
	f := &assignFixer{}
	return f.block(stmts)
}

type assignFixer struct{ n int }

func (f *assignFixer) temp() string {
	f.n++
	return fmt.Sprintf("(%d)", f.n)
}

func (f *assignFixer) block(stmts []ast.Stmt) []ast.Stmt {
	for i, s := range stmts {
		stmts[i] = f.stmt(s)
	}
	return stmts
}

func (f *assignFixer) stmt(s ast.Stmt) ast.Stmt {
	switch s := s.(type) {
	case *ast.AssignStmt:
		f.exprs(s.Lhs)
		f.exprs(s.Rhs)
		if len(s.Lhs) > 1 {
			return f.split(s)
		}
	case *ast.LocalAssignStmt:
		f.exprs(s.Exprs)
	case *ast.FuncCallStmt:
		f.expr(s.Expr)
	case *ast.DoBlockStmt:
		f.block(s.Stmts)
	case *ast.WhileStmt:
		f.expr(s.Condition)
		f.block(s.Stmts)
	case *ast.RepeatStmt:
		f.expr(s.Condition)
		f.block(s.Stmts)
	case *ast.IfStmt:
		f.expr(s.Condition)
		f.block(s.Then)
		f.block(s.Else)
	case *ast.NumberForStmt:
		f.expr(s.Init)
		f.expr(s.Limit)
		f.expr(s.Step)
		f.block(s.Stmts)
	case *ast.GenericForStmt:
		f.exprs(s.Exprs)
		f.block(s.Stmts)
	case *ast.FuncDefStmt:
		f.expr(s.Func)
	case *ast.ReturnStmt:
		f.exprs(s.Exprs)
	}
	return s
}

func (f *assignFixer) exprs(es []ast.Expr) {
	for _, e := range es {
		f.expr(e)
	}
}

// expr visits an expression only to reach the functions inside it.
func (f *assignFixer) expr(e ast.Expr) {
	switch e := e.(type) {
	case *ast.FunctionExpr:
		f.block(e.Stmts)
	case *ast.AttrGetExpr:
		f.expr(e.Object)
		f.expr(e.Key)
	case *ast.TableExpr:
		for _, fl := range e.Fields {
			f.expr(fl.Key)
			f.expr(fl.Value)
		}
	case *ast.FuncCallExpr:
		f.expr(e.Func)
		f.expr(e.Receiver)
		f.exprs(e.Args)
	case *ast.LogicalOpExpr:
		f.expr(e.Lhs)
		f.expr(e.Rhs)
	case *ast.RelationalOpExpr:
		f.expr(e.Lhs)
		f.expr(e.Rhs)
	case *ast.StringConcatOpExpr:
		f.expr(e.Lhs)
		f.expr(e.Rhs)
	case *ast.ArithmeticOpExpr:
		f.expr(e.Lhs)
		f.expr(e.Rhs)
	case *ast.UnaryMinusOpExpr:
		f.expr(e.Expr)
	case *ast.UnaryNotOpExpr:
		f.expr(e.Expr)
	case *ast.UnaryLenOpExpr:
		f.expr(e.Expr)
	}
}

// split turns one multiple assignment into the evaluate-then-assign block.
func (f *assignFixer) split(s *ast.AssignStmt) ast.Stmt {
	line, last := s.Line(), s.LastLine()
	ident := func(name string) *ast.IdentExpr {
		id := &ast.IdentExpr{Value: name}
		id.SetLine(line)
		id.SetLastLine(last)
		return id
	}
	local := func(names []string, exprs []ast.Expr) *ast.LocalAssignStmt {
		l := &ast.LocalAssignStmt{Names: names, Exprs: exprs}
		l.SetLine(line)
		l.SetLastLine(last)
		return l
	}
	var stmts []ast.Stmt
	// Table targets: the table and the key are evaluated first, as Lua does.
	var names []string
	var exprs []ast.Expr
	lhs := make([]ast.Expr, len(s.Lhs))
	for i, target := range s.Lhs {
		get, ok := target.(*ast.AttrGetExpr)
		if !ok {
			lhs[i] = target
			continue
		}
		obj, key := f.temp(), f.temp()
		names = append(names, obj, key)
		exprs = append(exprs, get.Object, get.Key)
		g := &ast.AttrGetExpr{Object: ident(obj), Key: ident(key)}
		g.SetLine(get.Line())
		g.SetLastLine(get.LastLine())
		lhs[i] = g
	}
	if len(names) > 0 {
		stmts = append(stmts, local(names, exprs))
	}
	// Then every value, into as many temporaries as there are targets (a
	// call or ... at the end fills the rest, as in the assignment itself;
	// extra expressions are still evaluated).
	values := make([]string, max(len(s.Lhs), len(s.Rhs)))
	rhs := make([]ast.Expr, len(s.Lhs))
	for i := range values {
		values[i] = f.temp()
		if i < len(rhs) {
			rhs[i] = ident(values[i])
		}
	}
	stmts = append(stmts, local(values, s.Rhs))
	assign := &ast.AssignStmt{Lhs: lhs, Rhs: rhs}
	assign.SetLine(line)
	assign.SetLastLine(last)
	stmts = append(stmts, assign)
	block := &ast.DoBlockStmt{Stmts: stmts}
	block.SetLine(line)
	block.SetLastLine(last)
	return block
}

// Compile parses and compiles a chunk the way L.Load does, with the
// multiple-assignment fix. Syntax errors are gopher-lua's.
func Compile(L *lua.LState, r io.Reader, name string) (*lua.LFunction, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	chunk, err := parse.Parse(bytes.NewReader(src), name)
	if pe, ok := err.(*parse.Error); ok {
		return nil, errors.New(SyntaxMessage(pe, bytes.Count(src, []byte("\n"))+1))
	}
	if err != nil {
		return nil, err
	}
	proto, err := lua.Compile(FixAssignments(chunk), name)
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
