package repl

// How a typed chunk becomes a function: tried as an expression list first
// (so its values print), help by name, a typed call kept in the
// traceback, top-level locals made globals.

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/ast"
	"github.com/yuin/gopher-lua/parse"

	"netlua/interp"
)

// compile compiles src as an expression list to print if it is one, else as
// statements. A parse error comes back as the *parse.Error (so the caller
// can see an incomplete chunk), other errors as *interp.Error.
func compile(src string) (*lua.FunctionProto, error) {
	// The newline ends a short string left open, which Lua reports as an
	// error rather than waiting for more.
	stmts, rerr := parse.Parse(strings.NewReader("return "+src+"\n"), chunk)
	if rerr != nil {
		var err error
		if stmts, err = parse.Parse(strings.NewReader(src+"\n"), chunk); err != nil {
			return nil, syntaxError(src, err, rerr)
		}
	}
	helpByName(stmts)
	if rerr == nil {
		keepCallerFrame(stmts[0].(*ast.ReturnStmt))
	}
	globalizeLocals(stmts)
	proto, err := lua.Compile(interp.FixChunk(stmts), chunk)
	if err != nil {
		return nil, &interp.Error{Value: lua.LString(err.Error())}
	}
	return proto, nil
}

// syntaxError chooses which parse error to report: the statements' (err),
// unless the expression reading (rerr) got further into the line, as for
// "1 +* 2", where the statement reading stops at once. The reported line
// is kept within the source, which the added newline extends.
func syntaxError(src string, err, rerr error) error {
	pe, ok := err.(*parse.Error)
	if !ok || pe.Pos.Line == parse.EOF {
		return err
	}
	if re, ok := rerr.(*parse.Error); ok && re.Pos.Line != parse.EOF {
		rcol := re.Pos.Column
		if re.Pos.Line == 1 {
			rcol -= len("return ")
		}
		if re.Pos.Line > pe.Pos.Line || re.Pos.Line == pe.Pos.Line && rcol > pe.Pos.Column {
			pe = re
		}
	}
	pe.Pos.Line = min(pe.Pos.Line, strings.Count(src, "\n")+1)
	return pe
}

// keepCallerFrame stops "return f()" from being a tail call, which would
// drop the typed line's frame from the traceback of an error inside f: the
// call becomes the argument of an identity function, (function(...) return
// ... end)(f()).
func keepCallerFrame(ret *ast.ReturnStmt) {
	if len(ret.Exprs) != 1 {
		return
	}
	call, ok := ret.Exprs[0].(*ast.FuncCallExpr)
	if !ok {
		return
	}
	line := func(n interface {
		SetLine(int)
		SetLastLine(int)
	}) {
		n.SetLine(call.Line())
		n.SetLastLine(call.LastLine())
	}
	dots := &ast.Comma3Expr{}
	inner := &ast.ReturnStmt{Exprs: []ast.Expr{dots}}
	identity := &ast.FunctionExpr{ParList: &ast.ParList{HasVargs: true}, Stmts: []ast.Stmt{inner}}
	wrapped := &ast.FuncCallExpr{Func: identity, Args: []ast.Expr{call}}
	line(dots)
	line(inner)
	line(identity)
	line(wrapped)
	ret.Exprs[0] = wrapped
}

// globalizeLocals turns the chunk's top-level `local a, b = ...` and `local
// function f` into assignments to globals, so names defined at the prompt
// stay defined for the next line, as in Python's REPL. Locals inside
// functions and blocks are left alone.
func globalizeLocals(stmts []ast.Stmt) {
	for i, st := range stmts {
		la, ok := st.(*ast.LocalAssignStmt)
		if !ok {
			continue
		}
		as := &ast.AssignStmt{Rhs: la.Exprs}
		for _, name := range la.Names {
			id := &ast.IdentExpr{Value: name}
			id.SetLine(la.Line())
			id.SetLastLine(la.Line())
			as.Lhs = append(as.Lhs, id)
		}
		if len(as.Rhs) == 0 {
			nilExpr := &ast.NilExpr{}
			nilExpr.SetLine(la.Line())
			nilExpr.SetLastLine(la.Line())
			as.Rhs = []ast.Expr{nilExpr}
		}
		as.SetLine(la.Line())
		as.SetLastLine(la.LastLine())
		stmts[i] = as
	}
}

// helpByName passes the text of help's argument along when it is a name
// path, help(socket.recv) becoming help(socket.recv, "socket.recv"): the
// value may be nil (methods are not module fields), and the name still
// finds the entry.
func helpByName(stmts []ast.Stmt) {
	if len(stmts) != 1 {
		return
	}
	var call *ast.FuncCallExpr
	switch st := stmts[0].(type) {
	case *ast.FuncCallStmt:
		call, _ = st.Expr.(*ast.FuncCallExpr)
	case *ast.ReturnStmt:
		if len(st.Exprs) == 1 {
			call, _ = st.Exprs[0].(*ast.FuncCallExpr)
		}
	}
	if call == nil || call.Receiver != nil || len(call.Args) != 1 {
		return
	}
	if f, ok := call.Func.(*ast.IdentExpr); !ok || f.Value != "help" {
		return
	}
	if name := namePath(call.Args[0]); name != "" {
		arg := &ast.StringExpr{Value: name}
		arg.SetLine(call.Line())
		arg.SetLastLine(call.Line())
		call.Args = append(call.Args, arg)
	}
}

// namePath is "a.b.c" for the expression a.b.c (or a["b"].c), else "".
func namePath(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.IdentExpr:
		return e.Value
	case *ast.AttrGetExpr:
		key, ok := e.Key.(*ast.StringExpr)
		if base := namePath(e.Object); ok && base != "" {
			return base + "." + key.Value
		}
	}
	return ""
}
