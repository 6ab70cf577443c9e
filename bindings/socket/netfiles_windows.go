package socket

import (
	"os"
	"path/filepath"
)

// Windows keeps the same databases under %SystemRoot%\System32\drivers\etc
// (the protocols file is "protocol" there).
var (
	etcDir        = filepath.Join(systemRoot(), "System32", "drivers", "etc")
	hostsPath     = filepath.Join(etcDir, "hosts")
	servicesPath  = filepath.Join(etcDir, "services")
	protocolsPath = filepath.Join(etcDir, "protocol")
)

func systemRoot() string {
	if r := os.Getenv("SystemRoot"); r != "" {
		return r
	}
	return `C:\Windows`
}
