package interp_test

import (
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"netlua/interp"
)

// Suggest chooses as CPython does: each misspelling below is looked up as an
// attribute of an object holding exactly the candidates, and python3's
// "Did you mean" must be Suggest's answer (or both none).
func TestSuggestMatchesCPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3: not installed")
	}
	candidates := []string{"accept", "bind", "close", "connect", "connect_ex", "fileno",
		"getblocking", "getpeername", "getsockname", "getsockopt", "gettimeout", "listen",
		"makefile", "recv", "recv_into", "recvfrom", "recvfrom_into", "send", "sendall",
		"sendfile", "sendto", "setblocking", "setsockopt", "settimeout", "shutdown"}
	typos := []string{"recvv", "rcv", "sned", "Send", "SENDALL", "conect", "setimeout",
		"settimout", "set_timeout", "getsockname_", "lisen", "acept", "clos", "xyz",
		"recvfrm", "sendo", "shutdwn", "getpeer", "makefil", "file_no", "bnd", "connectex"}
	var src strings.Builder
	src.WriteString("import subprocess, sys\nclass O: pass\no = O()\n")
	fmt.Fprintf(&src, "for n in %s: setattr(o, n, 1)\n", pyList(candidates))
	src.WriteString("for t in " + pyList(typos) + ":\n" +
		"    r = subprocess.run([sys.executable, '-c', 'class O: pass\\no = O()\\nfor n in ' + repr(" + pyList(candidates) + ") + ': setattr(o, n, 1)\\no.' + t], capture_output=True, text=True)\n" +
		"    print(t, r.stderr.strip().splitlines()[-1])\n")
	out, err := exec.Command(python, "-c", src.String()).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	mean := regexp.MustCompile(`Did you mean: '(\w+)'\?`)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(typos) {
		t.Fatalf("python3 printed:\n%s", out)
	}
	suggested := 0
	for _, line := range lines {
		typo, rest, _ := strings.Cut(line, " ")
		want := ""
		if m := mean.FindStringSubmatch(rest); m != nil {
			want = m[1]
			suggested++
		}
		if got := interp.Suggest(typo, candidates); got != want {
			t.Errorf("%s: Suggest says %q, CPython %q (%s)", typo, got, want, rest)
		}
	}
	if suggested < len(typos)/2 {
		t.Errorf("CPython suggested only %d names: is this Python without suggestions?\n%s", suggested, out)
	}
}

func pyList(names []string) string {
	return "['" + strings.Join(names, "', '") + "']"
}
