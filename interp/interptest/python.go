package interptest

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Python3 runs a Python program (python3 -c program args...) with stdin
// and returns what it printed, for tests that compare netlua with CPython.
// The hash seed is fixed, so that set order repeats from run to run. Where
// python3 is not installed the test is skipped, saying so; a program that
// fails ends the test with its error output.
func Python3(t testing.TB, program, stdin string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("SKIP: python3 is not installed; this comparison with CPython needs it")
	}
	cmd := exec.Command(path, append([]string{"-c", program}, args...)...)
	cmd.Env = append(os.Environ(), "PYTHONHASHSEED=0")
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, stderr.String())
	}
	return string(out)
}
