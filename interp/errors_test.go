package interp_test

import (
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"netlua/interp"
	"netlua/interp/interptest"
)

// Values written down from CPython 3.11: str(e), repr-ish class names and the
// errno → subclass mapping of OSError(errno, strerror).
func TestExceptionTextMatchesCPython(t *testing.T) {
	out := interptest.Run(t, `
		print(OSError(111, "Connection refused"))
		print(ConnectionRefusedError)
		print(TimeoutError("timed out"))
		print(OSError("x"))
		print(tostring(OSError()) == "")
		print(ValueError("a", "b"))
		print(OSError(2, "No such file or directory", "f.txt"))
		print(OSError(111, "Connection refused").__name)
		print(OSError(32, "Broken pipe").__name, OSError(104, "x").__name, OSError(11, "x").__name)
		print(ValueError(1.5, nil, true))
		print(isinstance(OSError(111, "x"), ConnectionError), isinstance(ValueError(), OSError))
		print(isinstance("plain lua error", Exception), isinstance("plain", ValueError))
		local e = OSError(2, "No such file or directory", "f.txt")
		print(e.errno, e.strerror, e.filename, #e.args)
	`)
	want := `[Errno 111] Connection refused
<class 'ConnectionRefusedError'>
timed out
x
true
('a', 'b')
[Errno 2] No such file or directory: 'f.txt'
ConnectionRefusedError
BrokenPipeError	ConnectionResetError	BlockingIOError
(1.5, None, True)
true	false
true	false
2	No such file or directory	f.txt	2
`
	if out != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestStrerrorMatchesPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed: strerror texts not compared with CPython")
	}
	out, err := exec.Command(py, "-c", "import os\nfor i in range(1, 134): print(os.strerror(i))").Output()
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if got := interp.Strerror(syscall.Errno(i + 1)); got != want {
			t.Errorf("errno %d: %q, CPython %q", i+1, got, want)
		}
	}
}

func TestUncaughtErrorMessage(t *testing.T) {
	msg := interptest.Error(t, "\n\nerror(ConnectionRefusedError(111, 'Connection refused'))")
	if msg != "test:3: ConnectionRefusedError: [Errno 111] Connection refused" {
		t.Fatalf("got %q", msg)
	}
	msg = interptest.Error(t, "local x = nil\nx.y = 1")
	if !strings.HasPrefix(msg, "test:2: attempt to index") {
		t.Fatalf("got %q", msg)
	}
}

func TestReprAndTuples(t *testing.T) {
	cases := map[string]string{
		"it's":        `"it's"`,
		"a'b\"c":      `'a\'b"c'`,
		"\x00\xff\n":  `'\x00\xff\n'`,
		"你好":          `'你好'`,
		"tab\there\\": `'tab\there\\'`,
	}
	for in, want := range cases {
		if got := interp.QuoteString(in); got != want {
			t.Errorf("QuoteString(%q) = %s, want %s", in, got, want)
		}
	}
	byteCases := map[string]string{
		"\x97eL\xdf":   `b'\x97eL\xdf'`,
		"7f000001":     `b'7f000001'`,
		"it's\n\t\\":   `b"it's\n\t\\"`,
		"\xe4\xbd\xa0": `b'\xe4\xbd\xa0'`,
	}
	for in, want := range byteCases {
		if got := interp.QuoteBytes(in); got != want {
			t.Errorf("QuoteBytes(%q) = %s, want %s", in, got, want)
		}
	}
	nums := map[float64]string{1: "1", -3: "-3", 0.1: "0.1", 1.5e-05: "1.5e-05", 1e20: "1e+20", 123.25: "123.25"}
	for in, want := range nums {
		if got := interp.FormatNumber(in); got != want {
			t.Errorf("FormatNumber(%v) = %s, want %s", in, got, want)
		}
	}
}

func TestUnpackArgsMessages(t *testing.T) {
	cases := []struct{ src, want string }{
		{"exit(1, 2)", "TypeError: exit() takes at most 1 argument (2 given)"},
		{"isinstance(1)", "TypeError: isinstance() missing required argument 'class' (pos 2)"},
		{"input(42)", "TypeError: input() argument 'prompt' must be a string, not int"},
		{"isinstance(1, 2)", "TypeError: isinstance() arg 2 must be a class, not int"},
	}
	for _, c := range cases {
		if got := interptest.Error(t, c.src); got != "test:1: "+c.want {
			t.Errorf("%s: got %q, want %q", c.src, got, "test:1: "+c.want)
		}
	}
}

func TestReprBuiltin(t *testing.T) {
	out := interptest.Run(t, `
		print(repr({1, "a", true}))
		print(repr({[1] = "Client", [2] = "Server"}))
		print(repr({[2] = "Client", [3] = "Server"}))
		print(repr({b = 1, a = {1, 2}, [10] = nil}))
		local t = {} t[1] = t print(repr(t))
		print(repr(ValueError("bad")), repr(OSError(111, "Connection refused")))
		print(repr("it's"), repr(nil), repr(1.5), repr({}))
	`)
	want := `[1, 'a', True]
['Client', 'Server']
{2: 'Client', 3: 'Server'}
{'a': [1, 2], 'b': 1}
[[...]]
ValueError('bad')	ConnectionRefusedError(111, 'Connection refused')
"it's"	None	1.5	[]
`
	if out != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out, want)
	}
}
