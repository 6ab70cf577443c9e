package argparse_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/argparse"
)

// The tutorial's echo server parser, with CPython 3.11's output written
// down (COLUMNS=80, sys.argv[0] = 'echo_server.py').
const echoServer = `
local parser = argparse.ArgumentParser{description = 'Socket Server Example'}
parser:add_argument('--port', {action = "store", dest = "port", type = "int", required = true})
local given_args = parser:parse_args()
print(given_args, given_args.port)
`

func TestEchoServerParser(t *testing.T) {
	t.Setenv("COLUMNS", "80")
	usage := "usage: echo_server.py [-h] --port PORT\n"
	for _, c := range []struct {
		args           []string
		stdout, stderr string
		status         int
	}{
		{[]string{"-h"}, usage + "\nSocket Server Example\n\noptions:\n  -h, --help   show this help message and exit\n  --port PORT\n", "", 0},
		{nil, "", usage + "echo_server.py: error: the following arguments are required: --port\n", 2},
		{[]string{"--port=9900"}, "Namespace(port=9900)\t9900\n", "", 0},
		{[]string{"--port", "9900"}, "Namespace(port=9900)\t9900\n", "", 0},
		{[]string{"--port", "x"}, "", usage + "echo_server.py: error: argument --port: invalid int value: 'x'\n", 2},
		{[]string{"--port"}, "", usage + "echo_server.py: error: argument --port: expected one argument\n", 2},
		{[]string{"--port", "1", "--x"}, "", usage + "echo_server.py: error: unrecognized arguments: --x\n", 2},
	} {
		stdout, stderr, status := run(t, echoServer, "/home/dang/test/echo_server.py", c.args...)
		if stdout != c.stdout || stderr != c.stderr || status != c.status {
			t.Errorf("%q:\n got %q %q %d\nwant %q %q %d", c.args, stdout, stderr, status, c.stdout, c.stderr, c.status)
		}
	}
}

// parsers are written twice, in Python and in Lua; TestLiveCompare runs
// every argv against both and wants the same stdout, stderr and status.
var parsers = []struct{ python, lua string }{
	{`p = argparse.ArgumentParser(description='Socket Server Example')
p.add_argument('--port', action="store", dest="port", type=int, required=True)
p.add_argument('--host', default='localhost', help='host to bind (default: %(default)s)')
p.add_argument('-v', '--verbose', action='count', default=0)
p.add_argument('--mode', choices=['a', 'b'])
p.add_argument('files', nargs='*', help='files to send, a long help text that must wrap over several lines because it is long')`,
		`p = argparse.ArgumentParser{description='Socket Server Example'}
p:add_argument('--port', {action="store", dest="port", type="int", required=true})
p:add_argument('--host', {default='localhost', help='host to bind (default: %(default)s)'})
p:add_argument('-v', '--verbose', {action='count', default=0})
p:add_argument('--mode', {choices={'a', 'b'}})
p:add_argument('files', {nargs='*', help='files to send, a long help text that must wrap over several lines because it is long'})`},
	{`p = argparse.ArgumentParser(prog='client', description='A client that talks to a server over TCP and prints what it says back.', epilog='Example: client localhost 9999')
p.add_argument('host', help='server host')
p.add_argument('ports', nargs='+', type=int, metavar='PORT', help='one or more ports')
p.add_argument('-c', '--count', type=int, default=3, help='messages per port (default %(default)s)')
p.add_argument('--timeout', type=float, default='2.5')
p.add_argument('-q', '--quiet', action='store_true', help='print nothing')
p.add_argument('--no-color', action='store_false', dest='color')
p.add_argument('--tag', action='append', help='may be repeated')
p.add_argument('--level', type=int, choices=[1, 2, 3])
p.add_argument('--pair', nargs=2, metavar='X')
p.add_argument('--opt', nargs='?', const='c', default='d')
p.add_argument('--mode', action='store_const', const='fast', help='go fast')`,
		`p = argparse.ArgumentParser{prog='client', description='A client that talks to a server over TCP and prints what it says back.', epilog='Example: client localhost 9999'}
p:add_argument('host', {help='server host'})
p:add_argument('ports', {nargs='+', type='int', metavar='PORT', help='one or more ports'})
p:add_argument('-c', '--count', {type='int', default=3, help='messages per port (default %(default)s)'})
p:add_argument('--timeout', {type='float', default='2.5'})
p:add_argument('-q', '--quiet', {action='store_true', help='print nothing'})
p:add_argument('--no-color', {action='store_false', dest='color'})
p:add_argument('--tag', {action='append', help='may be repeated'})
p:add_argument('--level', {type='int', choices={1, 2, 3}})
p:add_argument('--pair', {nargs=2, metavar='X'})
p:add_argument('--opt', {nargs='?', const='c', default='d'})
p:add_argument('--mode', {action='store_const', const='fast', help='go fast'})`},
	{`p = argparse.ArgumentParser(prog='a_really_long_program_name_that_takes_most_of_the_line_width_x', add_help=False)
p.add_argument('--alpha-option', required=True)
p.add_argument('--beta-option', nargs='*')
p.add_argument('source')
p.add_argument('destination', nargs='?')`,
		`p = argparse.ArgumentParser{prog='a_really_long_program_name_that_takes_most_of_the_line_width_x', add_help=false}
p:add_argument('--alpha-option', {required=true})
p:add_argument('--beta-option', {nargs='*'})
p:add_argument('source')
p:add_argument('destination', {nargs='?'})`},
	// None inside the namespace's lists is none; None alone is a missing key
	{`p = argparse.ArgumentParser(prog='nones')
p.add_argument('--a', action='append', nargs='?')
p.add_argument('--c', action='append_const', const=None)
p.add_argument('--k', nargs='?', default=None, const=None)
p.add_argument('-q', action='store_true')
p.add_argument('rest', nargs='*', default=None)`,
		`p = argparse.ArgumentParser{prog='nones'}
p:add_argument('--a', {action='append', nargs='?'})
p:add_argument('--c', {action='append_const', const=nil})
p:add_argument('--k', {nargs='?', default=nil, const=nil})
p:add_argument('-q', {action='store_true'})
p:add_argument('rest', {nargs='*', default=nil})`},
}

var argvs = [][]string{
	{"-h"}, {}, {"--help"},
	{"--port", "1", "--x", "-vv", "a", "b"}, {"--port=5", "-vv", "a", "b", "--host", "h"}, {"--port", "abc"},
	{"--port", "1", "--mode", "x"}, {"--po", "7"}, {"--port", "1", "--", "-v"},
	{"h"}, {"h", "1", "2"}, {"h", "x"}, {"-qc", "5", "h", "1"}, {"--tag", "a", "--tag", "b", "h", "1"},
	{"--level", "4", "h", "1"}, {"--level", "2", "h", "1"}, {"--pair", "1", "h", "1"}, {"--pair", "1", "2", "h", "1"},
	{"--opt", "h", "1"}, {"--opt=z", "h", "1"}, {"--co", "2", "h", "1"}, {"--t", "1", "h", "1"},
	{"h", "-5"}, {"-c"}, {"-x", "h", "1"}, {"--timeout=1e-3", "h", "1", "2"}, {"-c5", "--no-color", "--mode", "h", "3"},
	{"--quiet=1", "h", "1"}, {"--alpha-option", "a", "s"}, {"s", "d", "--beta-option"}, {"--alpha-option"},
	{"--a", "--a", "x", "--c", "--k"}, {"-q", "--c", "--c", "p", "--a", "q"}, {"--k", "v", "--a", "r"},
}

func TestLiveCompare(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("SKIP: python3 is not installed; the live comparison with CPython needs it")
	}
	t.Setenv("COLUMNS", "80")
	argvJSON, _ := json.Marshal(argvs)
	for i, p := range parsers {
		prog := `
import argparse, contextlib, io, json, sys
sys.argv[0] = 'server.py'
results = []
for argv in json.loads(sys.argv[1]):
` + indent(p.python) + `
    out, err, code = io.StringIO(), io.StringIO(), 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            print(p.parse_args(argv))
        except SystemExit as e:
            code = e.code
    results.append([out.getvalue(), err.getvalue(), code])
print(json.dumps(results))
`
		cmd := exec.Command(python, "-c", prog, string(argvJSON))
		cmd.Env = append(os.Environ(), "COLUMNS=80")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("python3: %v\n%s", err, out)
		}
		var want [][3]any
		if err := json.Unmarshal(out, &want); err != nil {
			t.Fatalf("python3 output: %v\n%s", err, out)
		}
		for j, argv := range argvs {
			stdout, stderr, status := run(t, "local "+p.lua+"\nprint(p:parse_args())", "dir/server.py", argv...)
			if stdout != want[j][0] || stderr != want[j][1] || float64(status) != want[j][2] {
				t.Errorf("parser %d, argv %q:\n got %q %q %d\nwant %q %q %v", i, argv, stdout, stderr, status, want[j][0], want[j][1], want[j][2])
			}
		}
	}
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

func TestNamespaceAndKnownArgs(t *testing.T) {
	out := interptest.Run(t, `
local p = argparse.ArgumentParser{prog = 'x'}
p:add_argument('--n', {type = tonumber})
p:add_argument('--list', {nargs = '+', type = 'float'})
local ns, extras = p:parse_known_args({'--n', '0x10', '--list', '1.5', '2', '--other', 'y'})
print(ns, ns.n, #extras, extras[1], extras[2])
print(p:format_usage())
local ok, e = pcall(p.add_argument, p, '-h')
print(isinstance(e, argparse.ArgumentError), e)
`, argparse.Module)
	lines := interptest.Lines(out)
	if len(lines) != 4 || lines[0] != "Namespace(n=16, list=[1.5, 2])\t16\t2\t--other\ty" ||
		lines[1] != "usage: x [-h] [--n N] [--list LIST [LIST ...]]" ||
		lines[3] != "true\targument -h: conflicting option string: -h" {
		t.Errorf("got %q", out)
	}
}

func TestTypeFunctionErrors(t *testing.T) {
	stdout, stderr, status := run(t, `
local p = argparse.ArgumentParser()
p:add_argument('--n', {type = tonumber})
p:add_argument('--f', {type = function(s) error('no') end})
p:parse_args()`, "t.lua", "--f", "1")
	if stdout != "" || status != 2 || stderr != "usage: t.lua [-h] [--n N] [--f F]\nt.lua: error: argument --f: invalid function value: '1'\n" {
		t.Errorf("got %q %q %d", stdout, stderr, status)
	}
	_, stderr, _ = run(t, `
local p = argparse.ArgumentParser()
p:add_argument('--n', {type = tonumber})
p:parse_args()`, "t.lua", "--n", "x")
	if stderr != "usage: t.lua [-h] [--n N]\nt.lua: error: argument --n: invalid tonumber value: 'x'\n" {
		t.Errorf("got %q", stderr)
	}
}

func TestAddArgumentErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"p:add_argument('--x', {action = 'bogus'})", "ValueError: add_argument(): unknown action 'bogus'"},
		{"p:add_argument('x', {required = true})", "TypeError: add_argument(): 'required' is an invalid argument for positionals"},
		{"p:add_argument('--x', {nargs = 0})", "ValueError: add_argument(): nargs for store actions must be != 0; if you have nothing to store, actions such as store true or store const may be more appropriate"},
		{"p:add_argument('--x', {type = 'bool'})", `ValueError: add_argument(): type must be "int", "float", "str" or a function, not 'bool'`},
		{"p:add_argument('x', 'y')", "ValueError: add_argument(): invalid option string 'x': must start with a character '-'"},
		{"p:add_argument()", "TypeError: add_argument() missing required argument 'name_or_flags' (pos 1)"},
	} {
		got := interptest.Error(t, "local p = argparse.ArgumentParser()\n"+c.src, argparse.Module)
		if want := "test:2: " + c.want; got != want {
			t.Errorf("%s:\n got %q\nwant %q", c.src, got, want)
		}
	}
}

// TestBinary runs the real netlua binary, for the exit status and the
// split of output between stdout and stderr.
func TestBinary(t *testing.T) {
	bin, err := interptest.BuildNetlua(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(t.TempDir(), "echo_server.lua")
	if err := os.WriteFile(script, []byte("local argparse = require('argparse')\n"+echoServer), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args           []string
		stdout, stderr string
		status         int
	}{
		{nil, "", "usage: echo_server.lua [-h] --port PORT\necho_server.lua: error: the following arguments are required: --port\n", 2},
		{[]string{"--port", "9900"}, "Namespace(port=9900)\t9900\n", "", 0},
		{[]string{"-h"}, "usage: echo_server.lua [-h] --port PORT\n\nSocket Server Example\n\noptions:\n  -h, --help   show this help message and exit\n  --port PORT\n", "", 0},
	} {
		cmd := exec.Command(bin, append([]string{script}, c.args...)...)
		cmd.Env = append(os.Environ(), "COLUMNS=80")
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.Run()
		if stdout.String() != c.stdout || stderr.String() != c.stderr || cmd.ProcessState.ExitCode() != c.status {
			t.Errorf("%q:\n got %q %q %d\nwant %q %q %d", c.args, stdout.String(), stderr.String(), cmd.ProcessState.ExitCode(), c.stdout, c.stderr, c.status)
		}
	}
}

// nargs far beyond memory is MemoryError at add_argument, as in CPython
// (whose add_argument formats the metavar nargs times); the usage built
// from it ended the process with Go's fatal out-of-memory error.
func TestHugeNargsIsMemoryError(t *testing.T) {
	out := interptest.Run(t, `
		local p = argparse.ArgumentParser{prog = "p"}
		for _, n in ipairs{2^40, 2^62} do
			local ok, e = pcall(p.add_argument, p, "x", {nargs = n})
			print(ok, isinstance(e, MemoryError))
		end
		p:add_argument("z", {nargs = 3})
		print(p:format_usage())`, argparse.Module)
	if want := "false\ttrue\nfalse\ttrue\nusage: p [-h] z z z\n\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestNamespaceFields: a declared dest whose value is None is a missing
// key (so `if args.host then` is Python's `if args.host:`) and still
// printed; fields the program adds are printed after the declared ones, in
// the order added, and names that are not identifiers in a **{...}, as
// CPython's Namespace repr does. The expected line is CPython's for the
// same steps (n.extra = 1; n.k = None; setattr(n, 'a-b', 2); n.zz = None).
func TestNamespaceFields(t *testing.T) {
	out := interptest.Run(t, `
local p = argparse.ArgumentParser{prog = 'x'}
p:add_argument('--host')
p:add_argument('--port', {type = 'int', default = 9999})
local n = p:parse_args({})
print(n, n.host == nil, not n.host)
if n.host then print('host is true') end
n.extra = 1 n.host = none n['a-b'] = 2 n.zz = none
print(n)
`, argparse.Module)
	want := "Namespace(host=None, port=9999)\ttrue\ttrue\n" +
		"Namespace(host=None, port=9999, extra=1, zz=None, **{'a-b': 2})\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}
