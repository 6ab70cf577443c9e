//go:build unix

package socket

var (
	hostsPath     = "/etc/hosts"
	servicesPath  = "/etc/services"
	protocolsPath = "/etc/protocols"
)
