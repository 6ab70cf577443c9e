package interptest

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// BuildNetlua builds the netlua command into dir and returns the binary's
// path, for the tests that run the real program (usually once, in TestMain).
func BuildNetlua(dir string) (string, error) {
	root, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("finding the module root: %v", err)
	}
	bin := filepath.Join(dir, "netlua")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = strings.TrimSpace(string(root))
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}
