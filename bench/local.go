package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// StartupTime runs argv once (its output discarded) and returns the wall
// time from start to exit and the processor time the process used.
// hyperfine may be absent, so the runner takes the median of many of these
// itself. Processor time does not grow while the process waits for a CPU,
// so on a busy machine it shows what wall time would be on an idle one.
func StartupTime(argv []string) (wall, cpu time.Duration, err error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall = time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %v: %s", strings.Join(argv, " "), err, out)
	}
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
}

// A CPUResult is one run of cpu.lua: the seconds each part took, as the
// script measured them (wall time), the processor time the whole process
// used, and the checksum that shows the work was done. On a shared machine
// processor time is the steadier figure: waiting for a CPU does not count.
type CPUResult struct {
	Parts    map[string]float64 // "fib", "strings", "sort"
	Total    float64            // sum of Parts
	CPU      float64            // user + system seconds of the process
	Checksum string
}

// CPUParts are the parts of cpu.lua, in the order it runs them.
var CPUParts = []string{"fib", "strings", "sort"}

// RunCPU runs cpu.lua with argv (netlua or gluacpu, the script appended) and
// parses its lines. The parts are timed inside Lua, so process start-up is
// not counted against either side.
func RunCPU(argv []string, timeout time.Duration) (CPUResult, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		return CPUResult{}, err
	}
	timer := time.AfterFunc(timeout, func() { cmd.Process.Kill() })
	err := cmd.Wait()
	timer.Stop()
	if err != nil {
		return CPUResult{}, fmt.Errorf("%s: %v: %s", strings.Join(argv, " "), err, strings.TrimSpace(stderr.String()))
	}
	res := CPUResult{Parts: make(map[string]float64),
		CPU: (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()}
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		if name == "checksum" {
			res.Checksum = value
			continue
		}
		secs, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return res, fmt.Errorf("cpu.lua printed %q", sc.Text())
		}
		res.Parts[name] = secs
		res.Total += secs
	}
	for _, p := range CPUParts {
		if _, ok := res.Parts[p]; !ok {
			return res, fmt.Errorf("cpu.lua did not report %q: %s", p, strings.TrimSpace(stdout.String()))
		}
	}
	return res, nil
}
