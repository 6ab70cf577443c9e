// Workaround for yuin/gopher-lua#440 (open; gopher-lua 1.1.2): a multiple
// assignment with a local among its targets is compiled wrongly. The
// compiler evaluates each right-hand expression straight into its target's
// register, so later expressions read the new value: `x, y = y, x` leaves
// both 2, and `a, b = a + 1, a + b` gives 1, 1 instead of 1, 0. Lua
// evaluates every expression before assigning.
//
// What it changes: every chunk netlua compiles (Compile, in compile.go, for
// scripts, the REPL, loadstring, load, loadfile, dofile and require) has
// its multiple assignments rewritten by FixChunk. Each
//
//	x, t[k] = e1, e2
//
// becomes a block that evaluates first and assigns after, from temporaries
// no user code can name (their names are not Lua identifiers):
//
//	do local (o1), (k1) = t, k; local (v1), (v2) = e1, e2; x, (o1)[(k1)] = (v1), (v2) end
//
// The final assignment reads only temporaries, so the compiler's shortcut
// is harmless there.
//
// Proof: TestMultipleAssignmentEvaluatesFirst (glua_assign_test.go) runs
// swaps, running sums, table and upvalue targets and multiple results, in
// a script and through loadstring, and expects what Lua 5.1 prints; each
// case fails without the rewrite. Remove the AssignStmt case of the walk
// below once gopher-lua compiles them right.

package interp

import (
	"fmt"

	"github.com/yuin/gopher-lua/ast"
)

// FixChunk applies the compiler workarounds to a parsed chunk, in place,
// including inside nested functions: multiple assignments (this file) and
// table constructors (glua_table.go).
func FixChunk(stmts []ast.Stmt) []ast.Stmt {
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
		fixTableExpr(e)
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
