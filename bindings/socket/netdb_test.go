package socket

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"netlua/interp/interptest"
)

// The expected values below were printed by python3.11 on this machine (no
// network; /etc/hosts maps localhost, runsc and vm to 127.0.0.1, and the
// host name is vm) with repr(), then written with Lua's differences: enums
// print as their numbers and bytes as strings. Cases that depend on the
// machine's names go through machineCases, which checks the machine first.

type exprCase struct{ expr, want string }

// runExprs prints repr(expr) for each case in one runtime and compares.
func runExprs(t *testing.T, cases []exprCase) {
	t.Helper()
	var src strings.Builder
	for _, c := range cases {
		fmt.Fprintf(&src, "print(repr(%s))\n", c.expr)
	}
	lines := interptest.Lines(interptest.Run(t, src.String(), Module))
	if len(lines) != len(cases) {
		t.Fatalf("got %d lines for %d cases:\n%s", len(lines), len(cases), strings.Join(lines, "\n"))
	}
	for i, c := range cases {
		if want := platformText(c.want); lines[i] != want {
			t.Errorf("%s\n got: %s\nwant: %s", c.expr, lines[i], want)
		}
	}
}

// errorCases runs each snippet, which must fail, and compares the end of
// the error's message ("Class: text").
func errorCases(t *testing.T, cases []exprCase) {
	t.Helper()
	for _, c := range cases {
		got := interptest.Error(t, c.expr, Module)
		if want := platformText(c.want); !strings.HasSuffix(got, want) {
			t.Errorf("%s\n got: %s\nwant: ...%s", c.expr, got, want)
		}
	}
}

// needHosts skips tests that depend on this machine's /etc/hosts, saying
// why, when it does not look like the one the expectations came from.
func needHosts(t *testing.T) {
	t.Helper()
	// The hosts file is read as the resolver reads it, comments and all:
	// Wine's has only a commented-out "# 127.0.0.1 localhost".
	v4, v6 := false, false
	eachLine(hostsPath, func(f []string) bool {
		v4 = v4 || len(f) >= 2 && f[0] == "127.0.0.1" && f[1] == "localhost"
		v6 = v6 || strings.Contains(f[0], ":")
		return true
	})
	name, _ := os.Hostname()
	if !v4 || v6 || name != "vm" {
		t.Skip("expectations were written for a machine named vm whose /etc/hosts has IPv4 entries only")
	}
}

func TestHostNames(t *testing.T) {
	needHosts(t)
	runExprs(t, []exprCase{
		{`socket.gethostname()`, `'vm'`},
		{`socket.gethostbyname("localhost")`, `'127.0.0.1'`},
		{`socket.gethostbyname("Localhost")`, `'127.0.0.1'`},
		{`socket.gethostbyname(socket.gethostname())`, `'127.0.0.1'`},
		{`socket.gethostbyname("")`, `'0.0.0.0'`},
		{`socket.gethostbyname("<broadcast>")`, `'255.255.255.255'`},
		{`socket.gethostbyname("1.2.3")`, `'1.2.0.3'`},
		{`socket.gethostbyname("0x7f.1")`, `'127.0.0.1'`},
		{`socket.gethostbyname("0")`, `'0.0.0.0'`},
		{`socket.gethostbyname_ex("vm")`, `('vm', [], ['127.0.0.1'])`},
		{`socket.gethostbyname_ex("LOCALHOST")`, `('localhost', [], ['127.0.0.1'])`},
		{`socket.gethostbyname_ex("runsc")`, `('runsc', [], ['127.0.0.1'])`},
		{`socket.gethostbyname_ex("127.0.0.1")`, `('127.0.0.1', [], ['127.0.0.1'])`},
		{`socket.gethostbyname_ex("1.2.3")`, `('1.2.3', [], ['1.2.0.3'])`},
		{`socket.gethostbyaddr("127.0.0.1")`, `('localhost', [], ['127.0.0.1'])`},
		{`socket.gethostbyaddr("vm")`, `('localhost', [], ['127.0.0.1'])`},
		{`socket.gethostbyaddr("0x7f.1")`, `('localhost', [], ['127.0.0.1'])`},
		{`socket.getfqdn()`, `'localhost'`},
		{`socket.getfqdn("")`, `'localhost'`},
		{`socket.getfqdn("vm")`, `'localhost'`},
		{`socket.getfqdn("127.0.0.1")`, `'localhost'`},
		{`socket.getfqdn("1.2.3.4")`, `'1.2.3.4'`},
		{`socket.getfqdn("::1")`, `'::1'`},
		{`socket.getfqdn("nonexistent.invalid")`, `'nonexistent.invalid'`},
	})
	errorCases(t, []exprCase{
		{`socket.gethostbyname("nonexistent.invalid")`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.gethostbyname("www.python.org")`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.gethostbyname("::1")`, "socket.gaierror: [Errno -9] Address family for hostname not supported"},
		{`socket.gethostbyname("1.2.3.4.5")`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.gethostbyname("256.1.1.1")`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.gethostbyname_ex("nonexistent.invalid")`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.gethostbyname_ex("")`, "socket.herror: [Errno 3] Unknown server error"},
		{`socket.gethostbyname_ex("::1")`, "socket.gaierror: [Errno -9] Address family for hostname not supported"},
		{`socket.gethostbyname_ex("0x7f.1")`, "socket.herror: [Errno 1] Unknown host"},
		{`socket.gethostbyaddr("1.2.3.4")`, "socket.herror: [Errno 1] Unknown host"},
		{`socket.gethostbyaddr("1.2.3")`, "socket.herror: [Errno 1] Unknown host"},
		{`socket.gethostbyaddr("::1")`, "socket.herror: [Errno 1] Unknown host"},
		{`socket.gethostbyaddr("::ffff:127.0.0.1")`, "socket.herror: [Errno 1] Unknown host"},
		{`socket.gethostbyaddr("nonexistent.invalid")`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.gethostbyaddr("")`, "OSError: wildcard resolved to multiple address"},
		{`socket.gethostname(1)`, "TypeError: gethostname() takes at most 0 arguments (1 given)"},
		{`socket.gethostbyname(1)`, "TypeError: gethostbyname() argument 'hostname' must be a string, not int"},
		{`socket.gethostbyname()`, "TypeError: gethostbyname() missing required argument 'hostname' (pos 1)"},
		{`socket.gethostbyaddr({})`, "TypeError: gethostbyaddr() argument 'ip_address' must be a string, not table"},
	})
}

// The errors are exceptions of the right classes, catchable as socket.error.
func TestLookupErrorClasses(t *testing.T) {
	out := interptest.Run(t, `
		local ok, e = pcall(socket.gethostbyname, "nonexistent.invalid")
		print(isinstance(e, socket.gaierror), isinstance(e, socket.error), e.errno, e.strerror)
		ok, e = pcall(socket.gethostbyaddr, "1.2.3.4")
		print(isinstance(e, socket.herror), isinstance(e, OSError), e.errno, e.strerror)
		print(isinstance(e, socket.gaierror))
	`, Module)
	want := platformText("true\ttrue\t-2\tName or service not known\ntrue\ttrue\t1\tUnknown host\nfalse\n")
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestGetaddrinfo(t *testing.T) {
	needHosts(t)
	runExprs(t, []exprCase{
		{`socket.getaddrinfo("localhost", 80)`, `[(2, 1, 6, '', ('127.0.0.1', 80)), (2, 2, 17, '', ('127.0.0.1', 80)), (2, 3, 0, '', ('127.0.0.1', 80))]`},
		{`socket.getaddrinfo("localhost", "http")`, `[(2, 1, 6, '', ('127.0.0.1', 80))]`},
		{`socket.getaddrinfo("localhost", "domain")`, `[(2, 1, 6, '', ('127.0.0.1', 53)), (2, 2, 17, '', ('127.0.0.1', 53))]`},
		{`socket.getaddrinfo("localhost", "80")`, `[(2, 1, 6, '', ('127.0.0.1', 80)), (2, 2, 17, '', ('127.0.0.1', 80)), (2, 3, 0, '', ('127.0.0.1', 80))]`},
		{`socket.getaddrinfo("localhost", nil)`, `[(2, 1, 6, '', ('127.0.0.1', 0)), (2, 2, 17, '', ('127.0.0.1', 0)), (2, 3, 0, '', ('127.0.0.1', 0))]`},
		{`socket.getaddrinfo(nil, 80)`, `[(10, 1, 6, '', ('::1', 80, 0, 0)), (10, 2, 17, '', ('::1', 80, 0, 0)), (10, 3, 0, '', ('::1', 80, 0, 0)), (2, 1, 6, '', ('127.0.0.1', 80)), (2, 2, 17, '', ('127.0.0.1', 80)), (2, 3, 0, '', ('127.0.0.1', 80))]`},
		{`socket.getaddrinfo(nil, 80, 0, 0, 0, socket.AI_PASSIVE)`, `[(2, 1, 6, '', ('0.0.0.0', 80)), (2, 2, 17, '', ('0.0.0.0', 80)), (2, 3, 0, '', ('0.0.0.0', 80)), (10, 1, 6, '', ('::', 80, 0, 0)), (10, 2, 17, '', ('::', 80, 0, 0)), (10, 3, 0, '', ('::', 80, 0, 0))]`},
		{`socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM)`, `[(2, 1, 6, '', ('127.0.0.1', 80))]`},
		{`socket.getaddrinfo("::1", 80)`, `[(10, 1, 6, '', ('::1', 80, 0, 0)), (10, 2, 17, '', ('::1', 80, 0, 0)), (10, 3, 0, '', ('::1', 80, 0, 0))]`},
		{`socket.getaddrinfo("vm", 80, 0, socket.SOCK_STREAM, 0, socket.AI_CANONNAME)`, `[(2, 1, 6, 'vm', ('127.0.0.1', 80))]`},
		{`socket.getaddrinfo("LOCALHOST", 80, 0, 1, 0, socket.AI_CANONNAME)`, `[(2, 1, 6, 'localhost', ('127.0.0.1', 80))]`},
		{`socket.getaddrinfo("localhost", 80, 0, 0, 0, socket.AI_CANONNAME)`, `[(2, 1, 6, 'localhost', ('127.0.0.1', 80)), (2, 2, 17, '', ('127.0.0.1', 80)), (2, 3, 0, '', ('127.0.0.1', 80))]`},
		{`socket.getaddrinfo("127.0.0.1", 80, 0, 1, 0, socket.AI_CANONNAME)`, `[(2, 1, 6, '127.0.0.1', ('127.0.0.1', 80))]`},
		{`socket.getaddrinfo("localhost", 80, 0, 0, 6)`, `[(2, 1, 6, '', ('127.0.0.1', 80))]`},
		{`socket.getaddrinfo("localhost", nil, 0, 0, 99)`, `[(2, 3, 99, '', ('127.0.0.1', 0))]`},
		{`socket.getaddrinfo("localhost", nil, 0, socket.SOCK_RAW, 6)`, `[(2, 3, 6, '', ('127.0.0.1', 0))]`},
		{`socket.getaddrinfo("fe80::1%lo", 80, 0, 1)`, `[(10, 1, 6, '', ('fe80::1', 80, 0, 1))]`},
		{`socket.getaddrinfo("1.2.3", 80, 0, 1)`, `[(2, 1, 6, '', ('1.2.0.3', 80))]`},
		{`socket.getaddrinfo("localhost", 70000)`, `[(2, 1, 6, '', ('127.0.0.1', 4464)), (2, 2, 17, '', ('127.0.0.1', 4464)), (2, 3, 0, '', ('127.0.0.1', 4464))]`},
	})
	errorCases(t, []exprCase{
		{`socket.getaddrinfo("::1", 80, socket.AF_INET)`, "socket.gaierror: [Errno -9] Address family for hostname not supported"},
		{`socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET6)`, "socket.gaierror: [Errno -9] Address family for hostname not supported"},
		{`socket.getaddrinfo("localhost", 80, socket.AF_INET6)`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.getaddrinfo("localhost", "nosuch")`, "socket.gaierror: [Errno -8] Servname not supported for ai_socktype"},
		{`socket.getaddrinfo("localhost", 80, 0, socket.SOCK_RAW)`, "socket.gaierror: [Errno -8] Servname not supported for ai_socktype"},
		{`socket.getaddrinfo("localhost", 0, 0, socket.SOCK_RAW)`, "socket.gaierror: [Errno -8] Servname not supported for ai_socktype"},
		{`socket.getaddrinfo("localhost", 80, 0, 99)`, "socket.gaierror: [Errno -7] ai_socktype not supported"},
		{`socket.getaddrinfo("localhost", 80, 0, 0, 99)`, "socket.gaierror: [Errno -8] Servname not supported for ai_socktype"},
		{`socket.getaddrinfo("localhost", 80, 0, socket.SOCK_STREAM, 17)`, "socket.gaierror: [Errno -7] ai_socktype not supported"},
		{`socket.getaddrinfo("localhost", -1)`, "socket.gaierror: [Errno -8] Servname not supported for ai_socktype"},
		{`socket.getaddrinfo("localhost", 80, 99)`, "socket.gaierror: [Errno -6] ai_family not supported"},
		{`socket.getaddrinfo("localhost", 80, 0, 1, 0, socket.AI_NUMERICHOST)`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.getaddrinfo("localhost", "http", 0, 1, 0, socket.AI_NUMERICSERV)`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.getaddrinfo(nil, 80, 0, 1, 0, socket.AI_CANONNAME)`, "socket.gaierror: [Errno -1] Bad value for ai_flags"},
		{`socket.getaddrinfo("localhost", 80, 0, 1, 0, 0x4000)`, "socket.gaierror: [Errno -1] Bad value for ai_flags"},
		{`socket.getaddrinfo("<broadcast>", 80)`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.getaddrinfo("nonexistent.invalid", 80)`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.getaddrinfo("", 80)`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.getaddrinfo(nil, nil)`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.getaddrinfo("localhost", 1.5)`, "OSError: Int or String expected"},
		{`socket.getaddrinfo("localhost", {})`, "OSError: Int or String expected"},
		{`socket.getaddrinfo(1, 80)`, "TypeError: getaddrinfo() argument 'host' must be string or nil"},
		{`socket.getaddrinfo("localhost", 80, "x")`, "TypeError: getaddrinfo() argument 'family' must be int, not str"},
	})
}

// lookupAddrs is what create_connection uses: the same answers as
// getaddrinfo, without Lua.
func TestLookupAddrs(t *testing.T) {
	needHosts(t)
	infos, err := lookupAddrs("localhost", 8080, 0, 1, 0, 0)
	if err != nil || len(infos) != 1 || infos[0].Family != 2 || infos[0].Proto != 6 {
		t.Fatalf("lookupAddrs(localhost) = %+v, %v", infos, err)
	}
	if _, err := lookupAddrs("", 80, 0, 1, 0, 0); err != errNoName {
		t.Errorf("lookupAddrs(\"\") error = %v, want %v", err, errNoName)
	}
}

func TestGetnameinfo(t *testing.T) {
	needHosts(t)
	runExprs(t, []exprCase{
		{`socket.getnameinfo({"127.0.0.1", 80}, 0)`, `('localhost', 'http')`},
		{`socket.getnameinfo({"127.0.0.1", 80}, socket.NI_NUMERICHOST)`, `('127.0.0.1', 'http')`},
		{`socket.getnameinfo({"127.0.0.1", 80}, socket.NI_NUMERICSERV)`, `('localhost', '80')`},
		{`socket.getnameinfo({"127.0.0.1", 80}, socket.NI_NUMERICHOST + socket.NI_NUMERICSERV)`, `('127.0.0.1', '80')`},
		{`socket.getnameinfo({"127.0.0.1", 53}, socket.NI_DGRAM)`, `('localhost', 'domain')`},
		{`socket.getnameinfo({"127.0.0.1", 12345}, 0)`, `('localhost', '12345')`},
		{`socket.getnameinfo({"1.2.3.4", 80}, 0)`, `('1.2.3.4', 'http')`},
		{`socket.getnameinfo({"::1", 80}, 0)`, `('::1', 'http')`},
		{`socket.getnameinfo({"::1", 80, 0, 0}, socket.NI_NUMERICHOST)`, `('::1', 'http')`},
		{`socket.getnameinfo({"fe80::1", 80, 0, 1}, socket.NI_NUMERICHOST)`, `('fe80::1%lo', 'http')`},
		{`socket.getnameinfo({"127.0.0.1", 70000}, 0)`, `('localhost', '4464')`},
		{`socket.getnameinfo({"127.0.0.1", 80}, socket.NI_NOFQDN)`, `('localhost', 'http')`},
	})
	errorCases(t, []exprCase{
		{`socket.getnameinfo({"1.2.3.4", 80}, socket.NI_NAMEREQD)`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.getnameinfo({"localhost", 80}, 0)`, "socket.gaierror: [Errno -2] Name or service not known"},
		{`socket.getnameinfo({"127.0.0.1", -1}, 0)`, "socket.gaierror: [Errno -8] Servname not supported for ai_socktype"},
		{`socket.getnameinfo({"127.0.0.1", 80}, 0x1000)`, "socket.gaierror: [Errno -1] Bad value for ai_flags"},
		{`socket.getnameinfo({"127.0.0.1"}, 0)`, "TypeError: getnameinfo(): illegal sockaddr argument"},
		{`socket.getnameinfo({1, 80}, 0)`, "TypeError: getnameinfo(): illegal sockaddr argument"},
		{`socket.getnameinfo({"127.0.0.1", 80, 1}, 0)`, "OSError: IPv4 sockaddr must be 2 tuple"},
		{`socket.getnameinfo({"::1", 80, 2^20}, 0)`, "OverflowError: getnameinfo(): flowinfo must be 0-1048575."},
		{`socket.getnameinfo({"127.0.0.1", "80"}, 0)`, "TypeError: getnameinfo(): 'str' object cannot be interpreted as an integer"},
		{`socket.getnameinfo("x", 0)`, "TypeError: getnameinfo() argument 'sockaddr' must be a table, not str"},
		{`socket.getnameinfo({"127.0.0.1", 80})`, "TypeError: getnameinfo() missing required argument 'flags' (pos 2)"},
	})
}

// needDebianServices skips tests of the services file that were written
// from Debian's (netbase) /etc/services.
func needDebianServices(t *testing.T) {
	t.Helper()
	if name, ok := lookupServicePort(8080, "tcp"); !ok || name != "http-alt" {
		t.Skip("expectations were written for Debian's /etc/services (8080/tcp http-alt)")
	}
}

func TestServices(t *testing.T) {
	needDebianServices(t)
	runExprs(t, []exprCase{
		{`socket.getservbyname("http", "tcp")`, `80`},
		{`socket.getservbyname("http")`, `80`},
		{`socket.getservbyname("www", "tcp")`, `80`},
		{`socket.getservbyname("domain", "udp")`, `53`},
		{`socket.getservbyport(80, "tcp")`, `'http'`},
		{`socket.getservbyport(80)`, `'http'`},
		{`socket.getservbyport(8080)`, `'http-alt'`},
		{`socket.getservbyport(7)`, `'echo'`},
		{`socket.getservbyname("echo", "ddp")`, `4`},
		{`socket.getprotobyname("tcp")`, `6`},
		{`socket.getprotobyname("TCP")`, `6`},
		{`socket.getprotobyname("udp")`, `17`},
		{`socket.getprotobyname("icmp")`, `1`},
	})
	errorCases(t, []exprCase{
		{`socket.getservbyname("http", "udp")`, "OSError: service/proto not found"},
		{`socket.getservbyname("HTTP")`, "OSError: service/proto not found"},
		{`socket.getservbyname("nope")`, "OSError: service/proto not found"},
		{`socket.getservbyport(80, "udp")`, "OSError: port/proto not found"},
		{`socket.getservbyport(65535)`, "OSError: port/proto not found"},
		{`socket.getservbyport(65536)`, "OverflowError: getservbyport: port must be 0-65535."},
		{`socket.getservbyport(-1)`, "OverflowError: getservbyport: port must be 0-65535."},
		{`socket.getservbyport("80")`, "TypeError: getservbyport() argument 'port' must be int, not str"},
		{`socket.getservbyname(1)`, "TypeError: getservbyname() argument 'servicename' must be a string, not int"},
		{`socket.getprotobyname("nope")`, "OSError: protocol not found"},
	})
}
