package hardening

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Host values a script may bind to by default: loopback, or the machine's
// own name as the edureka tutorial wrote it (socket.gethostname()).
// Tutorials that wrote 0.0.0.0 or ” would be listed here by file, since
// their readers asked for every interface; none of the ports does.
var loopbackDefaults = map[string]bool{`"127.0.0.1"`: true, `"localhost"`: true, `'127.0.0.1'`: true, `'localhost'`: true, `socket.gethostname()`: true}

var (
	hostDefault = regexp.MustCompile(`add_argument\("--host", \{default = ([^}]+?)\}`)
	hostLocal   = regexp.MustCompile(`local host = ("[^"]*"|'[^']*')`)
	bindLiteral = regexp.MustCompile(`:bind\(\{\s*("[^"]*"|'[^']*')`)
	bindCall    = regexp.MustCompile(`:bind\(`)
)

// TestScriptsBindLoopbackByDefault: every tutorial script that binds a
// socket binds, unless told otherwise on its command line, to loopback or
// to the host's own name, never to every interface. Scripts that only
// connect are not servers and are not checked.
func TestScriptsBindLoopbackByDefault(t *testing.T) {
	files, err := filepath.Glob("../scripts/*/*.lua")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	servers := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		if !bindCall.MatchString(src) {
			continue
		}
		servers++
		var hosts []string
		for _, re := range []*regexp.Regexp{hostDefault, hostLocal, bindLiteral} {
			for _, m := range re.FindAllStringSubmatch(src, -1) {
				hosts = append(hosts, strings.TrimSpace(m[1]))
			}
		}
		if len(hosts) == 0 {
			t.Errorf("%s binds, but no default host was found: add its form to this test", f)
		}
		for _, h := range hosts {
			if !loopbackDefaults[h] {
				t.Errorf("%s: binds by default to %s, not loopback", f, h)
			}
		}
	}
	if servers < 8 {
		t.Errorf("only %d scripts bind: the pattern has stopped matching", servers)
	}
}
