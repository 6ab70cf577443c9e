// Workaround for gopher-lua 1.1.2's table constructors (no upstream issue
// found): when the last field of a constructor is a keyed one whose value
// is a call or `...`, the compiler takes it for a last list item that
// spreads its results, and ends the list with SETLIST "up to the top", so
// the key and value it has just set are stored again as list items:
// {f("a"), k = f("b")} held [2] = "k" and [3] = "b" beside k = "b". Lua 5.1
// spreads only a last list item; a keyed value is always one value.
//
// What it changes: FixChunk marks such a last keyed value as adjusted to
// one result (as if written in parentheses, which is what it is in Lua
// 5.1), so the compiler ends the list with its count.
//
// Proof: TestTableConstructorKeyedLast (glua_table_test.go) prints such
// constructors as Lua 5.1 does; without the fix each holds extra items.
// Remove this file, and its call in FixChunk, once gopher-lua checks that
// the last field is a list item.

package interp

import "github.com/yuin/gopher-lua/ast"

// fixTableExpr adjusts the last field of t if it is keyed and its value
// could spread.
func fixTableExpr(t *ast.TableExpr) {
	if len(t.Fields) == 0 {
		return
	}
	last := t.Fields[len(t.Fields)-1]
	if last.Key == nil {
		return
	}
	switch v := last.Value.(type) {
	case *ast.FuncCallExpr:
		v.AdjustRet = true
	case *ast.Comma3Expr:
		v.AdjustRet = true
	}
}
