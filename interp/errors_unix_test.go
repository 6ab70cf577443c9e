//go:build !windows

package interp_test

import (
	"testing"

	"netlua/interp/interptest"
)

// These compare with CPython on Linux, whose errno numbers they use (111 is
// ECONNREFUSED there; on Windows CPython's OSError(111, ...) stays a plain
// OSError). winsock_windows_test.go checks Windows' own numbers and texts.

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
