package interptest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BuildNetlua builds the netlua command into dir and returns the binary's
// path, for the tests that run the real program (usually once, in TestMain).
//
// NETLUA_TEST_BINARY, when set, names a netlua already built for the
// platform under test, used as it is: a Windows test binary under Wine, or
// an arm64 one under qemu, cannot run the go command, or the binary it would
// build, itself (.ci/platforms sets it).
func BuildNetlua(dir string) (string, error) {
	if bin := os.Getenv("NETLUA_TEST_BINARY"); bin != "" {
		return bin, nil
	}
	root, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("finding the module root: %v", err)
	}
	bin := filepath.Join(dir, "netlua"+exeSuffix)
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = strings.TrimSpace(string(root))
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// Main is the TestMain of packages whose tests run the real program: it
// builds netlua into a temporary folder, stores its path in *bin, runs the
// tests and removes the folder.
//
//	var netlua string
//	func TestMain(m *testing.M) { interptest.Main(m, &netlua) }
func Main(m *testing.M, bin *string) {
	dir, err := os.MkdirTemp("", "netlua-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *bin, err = BuildNetlua(dir); err != nil {
		fmt.Fprintf(os.Stderr, "building netlua: %v\n", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// ExitCode is the exit status of a command that ran, from cmd.Run's error:
// 0, or the status it exited with. Any other error (it did not start)
// fails the test.
func ExitCode(t testing.TB, err error) int {
	t.Helper()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}
