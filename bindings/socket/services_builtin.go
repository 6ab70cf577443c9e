package socket

// builtinServices answers getservbyname and getservbyport, and
// getnameinfo's service names, when the platform's services file is
// missing or lacks the name (a minimal container, Windows without its
// %SystemRoot%\System32\drivers\etc\services, a stripped macOS): the
// services the tutorials and common programs ask about, as Debian's
// /etc/services (netbase) lists them, in its order, so the answers are the
// ones CPython gives on Linux.
var builtinServices = []struct {
	name    string
	port    int
	proto   string
	aliases []string
}{
	{"echo", 7, "tcp", nil},
	{"echo", 7, "udp", nil},
	{"discard", 9, "tcp", []string{"sink", "null"}},
	{"discard", 9, "udp", []string{"sink", "null"}},
	{"daytime", 13, "tcp", nil},
	{"daytime", 13, "udp", nil},
	{"chargen", 19, "tcp", []string{"ttytst", "source"}},
	{"chargen", 19, "udp", []string{"ttytst", "source"}},
	{"ftp-data", 20, "tcp", nil},
	{"ftp", 21, "tcp", nil},
	{"ssh", 22, "tcp", nil},
	{"telnet", 23, "tcp", nil},
	{"smtp", 25, "tcp", []string{"mail"}},
	{"time", 37, "tcp", []string{"timserver"}},
	{"time", 37, "udp", []string{"timserver"}},
	{"whois", 43, "tcp", []string{"nicname"}},
	{"domain", 53, "tcp", nil},
	{"domain", 53, "udp", nil},
	{"bootps", 67, "udp", nil},
	{"bootpc", 68, "udp", nil},
	{"tftp", 69, "udp", nil},
	{"gopher", 70, "tcp", nil},
	{"finger", 79, "tcp", nil},
	{"http", 80, "tcp", []string{"www"}},
	{"kerberos", 88, "tcp", []string{"kerberos5", "krb5", "kerberos-sec"}},
	{"kerberos", 88, "udp", []string{"kerberos5", "krb5", "kerberos-sec"}},
	{"pop3", 110, "tcp", []string{"pop-3"}},
	{"sunrpc", 111, "tcp", []string{"portmapper"}},
	{"sunrpc", 111, "udp", []string{"portmapper"}},
	{"auth", 113, "tcp", []string{"authentication", "tap", "ident"}},
	{"nntp", 119, "tcp", []string{"readnews", "untp"}},
	{"ntp", 123, "udp", nil},
	{"netbios-ns", 137, "udp", nil},
	{"netbios-dgm", 138, "udp", nil},
	{"netbios-ssn", 139, "tcp", nil},
	{"imap2", 143, "tcp", []string{"imap"}},
	{"snmp", 161, "tcp", nil},
	{"snmp", 161, "udp", nil},
	{"snmp-trap", 162, "tcp", []string{"snmptrap"}},
	{"snmp-trap", 162, "udp", []string{"snmptrap"}},
	{"bgp", 179, "tcp", nil},
	{"ldap", 389, "tcp", nil},
	{"ldap", 389, "udp", nil},
	{"https", 443, "tcp", nil},
	{"https", 443, "udp", nil},
	{"microsoft-ds", 445, "tcp", nil},
	{"rtsp", 554, "tcp", nil},
	{"rtsp", 554, "udp", nil},
	{"ipp", 631, "tcp", nil},
	{"syslog", 514, "udp", nil},
	{"printer", 515, "tcp", []string{"spooler"}},
	{"submission", 587, "tcp", nil},
	{"ldaps", 636, "tcp", nil},
	{"ldaps", 636, "udp", nil},
	{"rsync", 873, "tcp", nil},
	{"ftps", 990, "tcp", nil},
	{"telnets", 992, "tcp", nil},
	{"imaps", 993, "tcp", nil},
	{"pop3s", 995, "tcp", nil},
	{"socks", 1080, "tcp", nil},
	{"openvpn", 1194, "tcp", nil},
	{"openvpn", 1194, "udp", nil},
	{"nfs", 2049, "tcp", nil},
	{"nfs", 2049, "udp", nil},
	{"mysql", 3306, "tcp", nil},
	{"sip", 5060, "tcp", nil},
	{"sip", 5060, "udp", nil},
	{"xmpp-client", 5222, "tcp", []string{"jabber-client"}},
	{"mdns", 5353, "udp", nil},
	{"postgresql", 5432, "tcp", []string{"postgres"}},
	{"x11", 6000, "tcp", []string{"x11-0"}},
	{"redis", 6379, "tcp", nil},
}

// builtinService finds the first built-in entry that match accepts.
func builtinService(match func(names []string, port int, proto string) bool) (serviceEntry, bool) {
	for _, s := range builtinServices {
		if match(append([]string{s.name}, s.aliases...), s.port, s.proto) {
			return serviceEntry{Name: s.name, Port: s.port, Proto: s.proto}, true
		}
	}
	return serviceEntry{}, false
}
