// Workaround for gopher-lua 1.1.2's compiler recursing over the syntax
// tree without a limit (no upstream issue). The parser is table-driven, but
// the compiler (and FixChunk) walk the tree recursively, and the tree
// nests where Lua's grammar only loops: `1 .. 1 .. 1 ...`, `a + b + c ...`,
// elseif chains. A chunk of 300,000 concatenations compiled for minutes, and
// a deep enough one would exhaust the Go stack, a fatal error.
//
// What it changes: Compile (compile.go) refuses a tree deeper than
// maxSyntaxDepth with Lua 5.1's "chunk has too many syntax levels" (Lua
// stops at 200 nested levels), before anything else walks it.
//
// Proof: TestCompilerDepthIsBounded (limits_test.go), nine shapes of deep
// chunk. Remove when gopher-lua's compiler counts its levels.

package interp

import (
	"fmt"
	"reflect"

	"github.com/yuin/gopher-lua/ast"
)

// maxSyntaxDepth is the deepest syntax tree Compile accepts, counting each
// operator of a chain as a level: far above what written code nests (a
// chain of 990 additions compiles), far below what the Go stack or
// the compiler's time would notice (a few milliseconds).
const maxSyntaxDepth = 1000

var (
	exprType = reflect.TypeOf((*ast.Expr)(nil)).Elem()
	stmtType = reflect.TypeOf((*ast.Stmt)(nil)).Elem()
)

// checkSyntaxDepth returns Lua's error for a tree deeper than
// maxSyntaxDepth, naming the line where the limit was passed. The walk
// itself stops at the limit, so it is safe on any tree.
func checkSyntaxDepth(chunk []ast.Stmt, name string) error {
	line, deep := tooDeep(reflect.ValueOf(chunk), 0)
	if !deep {
		return nil
	}
	return fmt.Errorf("%s:%d: chunk has too many syntax levels", name, line)
}

// tooDeep walks v, a node or a slice or field holding nodes, whose depth
// is depth; it reports the line of the first node past the limit.
func tooDeep(v reflect.Value, depth int) (int, bool) {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return 0, false
		}
		return tooDeep(v.Elem(), depth)
	case reflect.Pointer:
		if v.IsNil() {
			return 0, false
		}
		if v.Type().Implements(exprType) || v.Type().Implements(stmtType) {
			depth++
			if depth > maxSyntaxDepth {
				return v.Interface().(ast.PositionHolder).Line(), true
			}
		}
		return tooDeep(v.Elem(), depth)
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if line, deep := tooDeep(v.Index(i), depth); deep {
				return line, true
			}
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue // ast.Node's position
			}
			if line, deep := tooDeep(v.Field(i), depth); deep {
				return line, true
			}
		}
	}
	return 0, false
}
