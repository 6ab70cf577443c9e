package socket

// The files glibc's "files" databases read: /etc/hosts, /etc/services and
// /etc/protocols. They are read on every lookup, as glibc does, so an edit
// takes effect at once; they are small.

import (
	"bufio"
	"net/netip"
	"os"
	"strconv"
	"strings"
)

// hostsPath, servicesPath and protocolsPath are the platform's files
// (netfiles_unix.go, netfiles_windows.go); variables so tests can point them
// at fixtures.

// eachLine calls fn with the fields of every line of path, comments removed,
// until fn returns false. A missing file has no lines.
func eachLine(path string, fn func(fields []string) bool) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if fields := strings.Fields(line); len(fields) > 0 && !fn(fields) {
			return
		}
	}
}

// A hostEntry is one line of /etc/hosts: glibc's struct hostent.
type hostEntry struct {
	Name    string
	Aliases []string
	Addrs   []netip.Addr
}

// lookupHostsFile returns every address /etc/hosts gives name (names are
// case-insensitive), and the canonical name: the first name on the first
// matching line.
func lookupHostsFile(name string) ([]netip.Addr, string) {
	var ips []netip.Addr
	canon := ""
	eachLine(hostsPath, func(f []string) bool {
		ip, err := netip.ParseAddr(f[0])
		if err != nil || len(f) < 2 {
			return true
		}
		for _, n := range f[1:] {
			if strings.EqualFold(n, name) {
				if canon == "" {
					canon = f[1]
				}
				ips = append(ips, ip)
				break
			}
		}
		return true
	})
	return ips, canon
}

// hostsEntryByName is gethostbyname's view of /etc/hosts: the first line
// naming name with an address of the family wanted (4 or 6).
func hostsEntryByName(name string, v4 bool) (hostEntry, bool) {
	var e hostEntry
	found := false
	eachLine(hostsPath, func(f []string) bool {
		ip, err := netip.ParseAddr(f[0])
		if err != nil || len(f) < 2 || ip.Is4() != v4 {
			return true
		}
		for _, n := range f[1:] {
			if strings.EqualFold(n, name) {
				e = hostEntry{Name: f[1], Aliases: f[2:], Addrs: []netip.Addr{ip}}
				found = true
				return false
			}
		}
		return true
	})
	return e, found
}

// hostsEntryByAddr is gethostbyaddr's view: the first line for ip.
func hostsEntryByAddr(ip netip.Addr) (hostEntry, bool) {
	var e hostEntry
	found := false
	eachLine(hostsPath, func(f []string) bool {
		a, err := netip.ParseAddr(f[0])
		if err != nil || len(f) < 2 || a != ip {
			return true
		}
		e = hostEntry{Name: f[1], Aliases: f[2:], Addrs: []netip.Addr{ip}}
		found = true
		return false
	})
	return e, found
}

// A serviceEntry is one line of /etc/services.
type serviceEntry struct {
	Name  string
	Port  int
	Proto string
}

// findService returns the first services-file line that match accepts, or
// else the first built-in entry (services_builtin.go).
func findService(match func(names []string, port int, proto string) bool) (serviceEntry, bool) {
	if e, ok := findServiceFile(match); ok {
		return e, true
	}
	return builtinService(match)
}

func findServiceFile(match func(names []string, port int, proto string) bool) (serviceEntry, bool) {
	var e serviceEntry
	found := false
	eachLine(servicesPath, func(f []string) bool {
		if len(f) < 2 {
			return true
		}
		portStr, proto, ok := strings.Cut(f[1], "/")
		if !ok {
			return true
		}
		port, err := strconv.Atoi(portStr)
		if err != nil {
			return true
		}
		names := append([]string{f[0]}, f[2:]...)
		if match(names, port, proto) {
			e = serviceEntry{Name: f[0], Port: port, Proto: proto}
			found = true
			return false
		}
		return true
	})
	return e, found
}

// lookupService finds a service's port by name or alias (case matters, as
// in glibc) for proto ("" = any protocol).
func lookupService(name, proto string) (int, bool) {
	e, ok := findService(func(names []string, _ int, p string) bool {
		if proto != "" && p != proto {
			return false
		}
		for _, n := range names {
			if n == name {
				return true
			}
		}
		return false
	})
	return e.Port, ok
}

// lookupServicePort finds the service name for a port and proto ("" = any).
func lookupServicePort(port int, proto string) (string, bool) {
	e, ok := findService(func(_ []string, p int, pr string) bool {
		return p == port && (proto == "" || pr == proto)
	})
	return e.Name, ok
}

// lookupProtocol finds a protocol number by name or alias in /etc/protocols.
func lookupProtocol(name string) (int, bool) {
	num, found := 0, false
	eachLine(protocolsPath, func(f []string) bool {
		if len(f) < 2 {
			return true
		}
		for _, n := range append([]string{f[0]}, f[2:]...) {
			if n == name {
				num, _ = strconv.Atoi(f[1])
				found = true
				return false
			}
		}
		return true
	})
	return num, found
}
