package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile of the whole run to the file named by
// NETLUA_CPUPROFILE, if set, so the benchmark (bench/) can show where a
// server's time goes. An environment variable rather than an option keeps
// the command line exactly lua(1)'s. The profile is complete when netlua
// exits normally, including by Ctrl-C (SIGINT), not when it is killed.
func startProfile() (stop func()) {
	path := os.Getenv("NETLUA_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "netlua: NETLUA_CPUPROFILE:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
