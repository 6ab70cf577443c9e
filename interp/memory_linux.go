package interp

import (
	"bytes"
	"os"
	"strconv"
)

// availableMemory is what the process could still allocate: the kernel's
// estimate of memory available without swapping (MemAvailable) plus free
// swap, or less when a cgroup (a container, a systemd slice) caps it.
func availableMemory() uint64 {
	avail := meminfo("MemAvailable:") + meminfo("SwapFree:")
	if avail == 0 {
		return 1 << 62 // no /proc: the allocation decides
	}
	if limit, err := cgroupFile("memory.max"); err == nil {
		if used, err := cgroupFile("memory.current"); err == nil && used < limit {
			avail = min(avail, limit-used)
		}
	}
	return avail
}

// meminfo reads one field of /proc/meminfo, in bytes; 0 if absent.
func meminfo(field string) uint64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	i := bytes.Index(data, []byte(field))
	if i < 0 {
		return 0
	}
	line := data[i+len(field):]
	if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	kb, err := strconv.ParseUint(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(line), []byte("kB")))), 10, 64)
	if err != nil {
		return 0
	}
	return kb << 10
}

// cgroupFile reads a number from the process's cgroup v2 directory
// ("max" and a missing file are errors: no limit).
func cgroupFile(name string) (uint64, error) {
	data, err := os.ReadFile("/sys/fs/cgroup/" + name)
	if err != nil {
		return 0, err
	}
	return strconv.ParseUint(string(bytes.TrimSpace(data)), 10, 64)
}
