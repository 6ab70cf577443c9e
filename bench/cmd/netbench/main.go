// Command netbench is issue 6's benchmark: it builds netlua, starts the
// netlua, Python 3 and Go echo servers one at a time on free loopback ports,
// drives them with a Go load generator, stops each by PID, measures start-up
// and pure-Lua speed, and prints one Markdown table (the one in
// BENCHMARKS.md). Run from anywhere in the module:
//
//	go run ./bench/cmd/netbench          # full sizes, 3 repeats (a few minutes)
//	go run ./bench/cmd/netbench -quick   # a tenth of the sizes
//	go run ./bench/cmd/netbench -tls     # the TLS rows of issue 13 instead
//
// Progress and every sample go to stderr, the table to stdout.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"netlua/bench"
)

func main() {
	quick := flag.Bool("quick", false, "a tenth of issue 6's sizes")
	repeats := flag.Int("repeats", 3, "interleaved repeats (the table shows medians)")
	noPython := flag.Bool("nopython", false, "leave the Python server out")
	idleBacklog := flag.Int("idle-backlog", 4096, "every server's listen backlog in the idle scenarios")
	netlua := flag.String("netlua", "", "use this netlua binary instead of building one")
	profile := flag.String("profile", "", "write a CPU profile of every netlua server run into this directory")
	tlsRows := flag.Bool("tls", false, "measure the TLS echo rows (netlua's ssl, Python's ssl, Go's crypto/tls) instead")
	timeout := flag.Duration("timeout", 60*time.Second, "bound of one scenario against one server")
	luasocket := flag.Bool("luasocket", false, "compare the LuaSocket-API echo servers instead (issue 16)")
	flag.Parse()

	limit, err := bench.RaiseFileLimit()
	check(err)
	dir, err := os.MkdirTemp("", "netbench")
	check(err)
	defer os.RemoveAll(dir)
	fmt.Fprintln(os.Stderr, "building netlua, goecho, gluacpu...")
	bin, err := bench.Build(dir, *netlua)
	check(err)

	if *luasocket {
		lua51, _ := exec.LookPath("lua5.1")
		kinds := bin.LuaSocketKinds(lua51, bench.HasCopas(lua51))
		scenarios := []bench.LinePingPong{{Clients: 1, Rounds: 20000, Size: 64}, {Clients: 50, Rounds: 2000, Size: 64}, {Clients: 8, Rounds: 500, Size: 64 << 10}}
		if *quick {
			scenarios = []bench.LinePingPong{{Clients: 1, Rounds: 2000, Size: 64}, {Clients: 50, Rounds: 200, Size: 64}, {Clients: 8, Rounds: 50, Size: 64 << 10}}
		}
		fmt.Print(bench.LuaSocketRun(kinds, scenarios, *repeats, *timeout, func(s string) { fmt.Fprintln(os.Stderr, s) }))
		return
	}
	cfg := bench.Config{
		Bin: bin, Sizes: bench.Full, Repeats: *repeats,
		Backlog: 128, IdleBacklog: *idleBacklog, ProfileDir: *profile, Timeout: *timeout, Log: os.Stderr,
	}
	if *quick {
		cfg.Sizes = bench.Quick
	}
	if !*noPython {
		cfg.Python = bench.FindPython()
	}
	cfg.Lua51, _ = exec.LookPath("lua5.1")
	if int(limit) < 2*cfg.Sizes.Idle[len(cfg.Sizes.Idle)-1]+100 {
		fmt.Fprintf(os.Stderr, "warning: open-files limit %d is too low for %d connections\n", limit, cfg.Sizes.Idle[len(cfg.Sizes.Idle)-1])
	}
	start := time.Now()
	if *tlsRows {
		rep, err := bench.RunTLS(cfg)
		check(err)
		rep.Notes = append(rep.Notes, machine(cfg.Python, time.Since(start), os.Args[1:]))
		fmt.Print(rep.Markdown())
		return
	}
	rep := bench.Run(cfg)
	rep.Notes = append(rep.Notes, machine(cfg.Python, time.Since(start), os.Args[1:]))
	fmt.Print(rep.Markdown())
}

// machine describes where and how the table was made.
func machine(python string, took time.Duration, args []string) string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	py := "absent"
	if out, err := exec.Command(python, "--version").Output(); python != "" && err == nil {
		py = strings.TrimSpace(string(out))
	}
	cmd := strings.TrimSpace("go run ./bench/cmd/netbench " + strings.Join(args, " "))
	return fmt.Sprintf("Machine: %d CPUs (nproc), %s, %s/%s, %s, %s. Date: %s. Run took %s. Reproduce with `%s`.",
		runtime.NumCPU(), model, runtime.GOOS, runtime.GOARCH, runtime.Version(), py,
		time.Now().Format("2006-01-02 15:04 MST"), took.Round(time.Second), cmd)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "netbench:", err)
		os.Exit(1)
	}
}
