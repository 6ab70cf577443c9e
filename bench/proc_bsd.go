//go:build darwin || freebsd

package bench

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ps reads one field of process pid with ps(1), which macOS and FreeBSD
// have where Linux has /proc.
func ps(pid int, field string) (string, error) {
	out, err := exec.Command("ps", "-o", field+"=", "-p", strconv.Itoa(pid)).Output()
	if err != nil {
		return "", fmt.Errorf("ps -o %s -p %d: %v", field, pid, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// ProcessCPU is the user and system time of process pid, from ps's time
// field ([[dd-]hh:]mm:ss.cc).
func ProcessCPU(pid int) (time.Duration, error) {
	v, err := ps(pid, "time")
	if err != nil {
		return 0, err
	}
	var d time.Duration
	if days, rest, ok := strings.Cut(v, "-"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, fmt.Errorf("ps time %q", v)
		}
		d, v = time.Duration(n)*24*time.Hour, rest
	}
	parts := strings.Split(v, ":")
	secs, err := strconv.ParseFloat(parts[len(parts)-1], 64)
	if err != nil {
		return 0, fmt.Errorf("ps time %q", v)
	}
	d += time.Duration(secs * float64(time.Second))
	unit := time.Minute
	for i := len(parts) - 2; i >= 0; i-- {
		n, err := strconv.Atoi(parts[i])
		if err != nil {
			return 0, fmt.Errorf("ps time %q", v)
		}
		d += time.Duration(n) * unit
		unit *= 60
	}
	return d, nil
}

// RSS is the resident set size of process pid (ps's rss, in KiB).
func RSS(pid int) (int64, error) {
	v, err := ps(pid, "rss")
	if err != nil {
		return 0, err
	}
	kb, err := strconv.ParseInt(v, 10, 64)
	return kb * 1024, err
}
