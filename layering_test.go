package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// goPackage is what the layering rule reads of `go list -json`.
type goPackage struct {
	ImportPath                         string
	Imports, TestImports, XTestImports []string
}

// layeringViolations checks the dependency rule of docs/DESIGN.md on the
// module's packages, and says what breaks it:
//
//   - interp imports nothing from the project (interptest, its test helper,
//     imports only interp);
//   - bindings and stdlib packages import only interp and internal/...;
//   - nothing imports main, repl or exercise except main, tests included;
//   - only tests import interptest.
func layeringViolations(module string, pkgs []goPackage) []string {
	var bad []string
	own := func(imp string) (string, bool) {
		if imp == module {
			return "", true
		}
		rest, ok := strings.CutPrefix(imp, module+"/")
		return rest, ok
	}
	for _, p := range pkgs {
		self, _ := own(p.ImportPath)
		layer, _, _ := strings.Cut(self, "/")
		for _, imp := range p.Imports {
			dep, ok := own(imp)
			if !ok {
				continue
			}
			switch {
			case self == "interp":
				bad = append(bad, p.ImportPath+" imports "+imp+": interp imports nothing from the project")
			case self == "interp/interptest" && dep != "interp":
				bad = append(bad, p.ImportPath+" imports "+imp+": interptest imports only interp")
			case (layer == "bindings" || layer == "stdlib") && dep != "interp" && !strings.HasPrefix(dep, "internal/"):
				bad = append(bad, p.ImportPath+" imports "+imp+": bindings and stdlib import only interp and internal/...")
			case dep == "interp/interptest":
				bad = append(bad, p.ImportPath+" imports "+imp+": only tests use interptest")
			}
		}
		if self == "" {
			continue // main may import anything
		}
		for _, imps := range [][]string{p.Imports, p.TestImports, p.XTestImports} {
			for _, imp := range imps {
				if dep, ok := own(imp); ok && (dep == "" || dep == "repl" || dep == "exercise") && dep != self {
					bad = append(bad, p.ImportPath+" imports "+imp+": only main imports main, repl and exercise")
				}
			}
		}
	}
	return bad
}

// TestLayering runs the rule on the module as it is.
func TestLayering(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	if err := exec.Command(goCmd, "version").Run(); err != nil {
		// The Windows suite runs under Wine, where no Go toolchain does:
		// the native run checks the layering, which is the same for all.
		t.Skipf("SKIP: no go command runs here (%v); the native run checks the layering", err)
	}
	out, err := exec.Command(goCmd, "list", "-json=ImportPath,Imports,TestImports,XTestImports", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	for _, v := range layeringViolations("netlua", pkgs) {
		t.Error(v)
	}
}

// TestLayeringCatchesWrongImports shows the rule failing on a fabricated
// import list with one wrong import of each kind, and passing the right
// ones.
func TestLayeringCatchesWrongImports(t *testing.T) {
	pkgs := []goPackage{
		{ImportPath: "netlua", Imports: []string{"netlua/repl", "netlua/exercise", "netlua/interp", "netlua/bindings/socket"}},
		{ImportPath: "netlua/interp", Imports: []string{"fmt", "netlua/bindings/socket"}},
		{ImportPath: "netlua/interp/interptest", Imports: []string{"netlua/interp", "netlua/stdlib/bit"}},
		{ImportPath: "netlua/bindings/socket", Imports: []string{"netlua/interp", "netlua/internal/prefault", "netlua/bindings/threading"}},
		{ImportPath: "netlua/stdlib/pickle", Imports: []string{"netlua/interp", "netlua/repl"}},
		{ImportPath: "netlua/repl", Imports: []string{"netlua/interp", "netlua/interp/interptest"}},
		{ImportPath: "netlua/bench", XTestImports: []string{"netlua/interp/interptest", "netlua/bindings/socket", "netlua/exercise"}},
		{ImportPath: "netlua/scripts", TestImports: []string{"netlua"}},
	}
	got := layeringViolations("netlua", pkgs)
	want := []string{
		"netlua/interp imports netlua/bindings/socket: interp imports nothing from the project",
		"netlua/interp/interptest imports netlua/stdlib/bit: interptest imports only interp",
		"netlua/bindings/socket imports netlua/bindings/threading: bindings and stdlib import only interp and internal/...",
		"netlua/stdlib/pickle imports netlua/repl: bindings and stdlib import only interp and internal/...",
		"netlua/stdlib/pickle imports netlua/repl: only main imports main, repl and exercise",
		"netlua/repl imports netlua/interp/interptest: only tests use interptest",
		"netlua/bench imports netlua/exercise: only main imports main, repl and exercise",
		"netlua/scripts imports netlua: only main imports main, repl and exercise",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
