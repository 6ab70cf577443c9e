package socket

import (
	"os"
	"path/filepath"
	"testing"
)

// TestServicesWithoutFile: with no services file at all (a minimal
// container, a Windows or macOS machine without one), getservbyname and
// getservbyport still answer the tutorials' questions from the built-in
// table, with the answers CPython gives on Debian.
func TestServicesWithoutFile(t *testing.T) {
	saved := servicesPath
	servicesPath = filepath.Join(os.TempDir(), "netlua-test-no-such-services-file")
	t.Cleanup(func() { servicesPath = saved })
	runExprs(t, []exprCase{
		{`socket.getservbyname("http")`, `80`},
		{`socket.getservbyname("www", "tcp")`, `80`},
		{`socket.getservbyname("smtp")`, `25`},
		{`socket.getservbyname("domain", "udp")`, `53`},
		{`socket.getservbyname("ssh")`, `22`},
		{`socket.getservbyname("ftp")`, `21`},
		{`socket.getservbyname("telnet")`, `23`},
		{`socket.getservbyname("pop3")`, `110`},
		{`socket.getservbyname("imap")`, `143`},
		{`socket.getservbyname("https")`, `443`},
		{`socket.getservbyname("ntp", "udp")`, `123`},
		{`socket.getservbyport(80)`, `'http'`},
		{`socket.getservbyport(25, "tcp")`, `'smtp'`},
		{`socket.getservbyport(53, "udp")`, `'domain'`},
		{`socket.getservbyport(22)`, `'ssh'`},
		{`socket.getservbyport(143)`, `'imap2'`},
		{`socket.getservbyport(443)`, `'https'`},
		{`socket.getnameinfo({"127.0.0.1", 80}, socket.NI_NUMERICHOST)[2]`, `'http'`},
	})
	errorCases(t, []exprCase{
		{`socket.getservbyname("http", "udp")`, "OSError: service/proto not found"},
		{`socket.getservbyname("nope")`, "OSError: service/proto not found"},
		{`socket.getservbyport(65535)`, "OSError: port/proto not found"},
	})
}
