package bench

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"time"
	"unicode"
)

// Sizes are a run's scenario sizes: Full is issue 6's, Quick a tenth of it,
// Tiny what the smoke test uses.
type Sizes struct {
	Ping1, PingN, Large PingPong
	Idle                []int // connection counts, run in this order
	Dialers             int   // concurrent dials in the idle scenarios
	StartupRuns         int   // start-ups per program per repeat
}

var (
	Full = Sizes{
		Ping1: PingPong{Clients: 1, Rounds: 20000, Size: 64}, PingN: PingPong{Clients: 50, Rounds: 2000, Size: 64}, Large: PingPong{Clients: 8, Rounds: 500, Size: 64 << 10},
		Idle: []int{2000, 10000}, Dialers: 500, StartupRuns: 10,
	}
	Quick = Sizes{
		Ping1: PingPong{Clients: 1, Rounds: 2000, Size: 64}, PingN: PingPong{Clients: 50, Rounds: 200, Size: 64}, Large: PingPong{Clients: 8, Rounds: 50, Size: 64 << 10},
		Idle: []int{200, 1000}, Dialers: 500, StartupRuns: 5,
	}
	Tiny = Sizes{
		Ping1: PingPong{Clients: 1, Rounds: 10, Size: 64}, PingN: PingPong{Clients: 3, Rounds: 10, Size: 64}, Large: PingPong{Clients: 2, Rounds: 3, Size: 64 << 10},
		Idle: []int{20}, Dialers: 8, StartupRuns: 2,
	}
)

// Config is one benchmark run.
type Config struct {
	Bin     *Binaries
	Python  string // python3's path, "" if absent
	Lua51   string // lua5.1's path, "" if absent
	Sizes   Sizes
	Repeats int
	// Backlog is every server's listen backlog in the ping-pong scenarios
	// (issue 6: 128), IdleBacklog in the idle ones; see the note in Run.
	Backlog, IdleBacklog int
	Timeout              time.Duration // bound of one scenario against one server
	// ProfileDir, if set, receives a CPU profile of every netlua server
	// run (NETLUA_CPUPROFILE), named after the scenario and repeat.
	ProfileDir string
	Log        io.Writer // progress and every sample; nil for none
}

// Run measures every scenario against every server, Repeats times. Repeats
// are interleaved (each repeat runs every server once, in a rotated order)
// so drift on this shared machine touches all servers alike; the table
// shows medians. Every server is started fresh for each measurement, so an
// idle baseline is a fresh process's.
func Run(cfg Config) *Report {
	r := &runner{cfg: cfg, rep: &Report{}, kinds: cfg.Bin.Kinds(cfg.Python)}
	// The scenarios add their rows in this order, which is the table's.
	scenarios := []func(round int){r.pingPongs(), r.idles(), r.startup(), r.pureLua()}
	if cfg.Python == "" {
		for _, row := range r.rep.Rows {
			row.Absent(PythonCol, "not installed")
		}
	}
	for round := 0; round < cfg.Repeats; round++ {
		for _, measure := range scenarios {
			measure(round)
		}
	}
	r.rep.Notes = append(r.rep.Notes, r.note())
	return r.rep
}

// A runner holds what every scenario shares. Each scenario method adds the
// scenario's rows to the report and returns the function that measures it
// once per repeat.
type runner struct {
	cfg   Config
	rep   *Report
	kinds []ServerKind
}

func (r *runner) logf(format string, args ...any) {
	if r.cfg.Log != nil {
		fmt.Fprintf(r.cfg.Log, format+"\n", args...)
	}
}

// pingPongs is the three ping-pong scenarios: rate, and the server's
// processor time per round trip.
func (r *runner) pingPongs() func(round int) {
	s := r.cfg.Sizes
	type pp struct {
		row  *Row
		p    PingPong
		rate func(PingPongResult) float64
		cpu  *Row
	}
	rtps := func(res PingPongResult) float64 { return res.PerSecond() }
	mibps := func(p PingPong) func(PingPongResult) float64 {
		return func(res PingPongResult) float64 { return res.PerSecond() * float64(p.Size) / (1 << 20) }
	}
	pps := []pp{
		{r.rep.NewRow(fmt.Sprintf("64 B ping-pong, %d client × %d", s.Ping1.Clients, s.Ping1.Rounds), "rt/s", 0,
			Target{PythonCol, true, 1.0}, Target{BaseCol, true, 0.9}), s.Ping1, rtps, nil},
		{r.rep.NewRow(fmt.Sprintf("64 B ping-pong, %d clients × %d", s.PingN.Clients, s.PingN.Rounds), "rt/s", 0,
			Target{PythonCol, true, 1.5}, Target{BaseCol, true, 0.75}), s.PingN, rtps, nil},
		{r.rep.NewRow(fmt.Sprintf("64 KiB echo, %d clients × %d", s.Large.Clients, s.Large.Rounds), "MiB/s", 1,
			Target{PythonCol, true, 1.5}, Target{BaseCol, true, 0.6}), s.Large, mibps(s.Large), nil},
	}
	for i := range pps {
		// Processor time per round trip explains a rate: it does not depend
		// on how busy the shared machine was, only on the server's code.
		pps[i].cpu = r.rep.NewRow(pps[i].row.Name+": server CPU per round trip", "µs", 1)
	}
	return func(round int) {
		for _, sc := range pps {
			for _, k := range rotate(r.kinds, round) {
				v, cpu, err := runPingPong(k, r.cfg, sc.p, sc.rate, r.cfg.profileEnv(k, sc.row, round))
				record(sc.row, k.Name, v, err)
				record(sc.cpu, k.Name, cpu, err)
				r.logf("repeat %d  %-40s %-7s %10.1f %s  %.1f µs CPU/rt %v", round+1, sc.row.Name, k.Name, v, sc.row.Unit, cpu, errText(err))
			}
		}
	}
}

// idles is the idle-connections scenarios, one per size: time to connect
// them all, memory per connection, and whether each was echoed once.
func (r *runner) idles() func(round int) {
	s := r.cfg.Sizes
	type idle struct {
		n                    int
		connect, rss, echoed *Row
	}
	var idles []idle
	for i, n := range s.Idle {
		last := i == len(s.Idle)-1
		var connT, rssT []Target
		if last {
			// Issue 6 sets these on 10,000 connections, the largest size.
			connT = []Target{{"", false, 2}}
			rssT = []Target{{"", false, 16}}
		}
		idles = append(idles, idle{n,
			r.rep.NewRow(fmt.Sprintf("%d idle: all connected", n), "s", 2, connT...),
			r.rep.NewRow(fmt.Sprintf("%d idle: RSS per connection", n), "KiB", 1, rssT...),
			r.rep.NewRow(fmt.Sprintf("%d idle: echoed once", n), fmt.Sprintf("of %d", n), 0, Target{"", true, float64(n)}),
		})
	}
	return func(round int) {
		for _, sc := range idles {
			for _, k := range rotate(r.kinds, round) {
				res, perConn, err := runIdle(k, r.cfg, Idle{sc.n, s.Dialers}, r.cfg.profileEnv(k, sc.connect, round))
				if err == nil || res.Connected > 0 {
					sc.connect.Add(k.Name, res.Connect.Seconds())
					sc.echoed.Add(k.Name, float64(res.Echoed))
					sc.rss.Add(k.Name, perConn/1024)
				}
				if err != nil {
					sc.connect.Fail(k.Name, err)
				}
				r.logf("repeat %d  %-40s %-7s connect %.3fs serve %.3fs echoed %d rss/conn %.1f KiB %v",
					round+1, sc.connect.Name, k.Name, res.Connect.Seconds(), res.Serve.Seconds(), res.Echoed, perConn/1024, errText(err))
			}
		}
	}
}

// startup is the start-up time of netlua, python3 and lua5.1, wall and
// processor time.
func (r *runner) startup() func(round int) {
	cfg := r.cfg
	lua51 := "lua5.1 -e ''"
	if cfg.Lua51 == "" {
		lua51 = "no lua5.1"
	}
	startup := r.rep.NewRow("start-up (netlua -e '' · python3 -c '' · "+lua51+")", "ms", 1, Target{"", false, 10})
	startupCPU := r.rep.NewRow("start-up, processor time (user + system)", "ms", 1)
	if cfg.Lua51 == "" {
		startup.Absent(BaseCol, "not installed")
		startupCPU.Absent(BaseCol, "not installed")
	}
	progs := [][]string{{cfg.Bin.Netlua, "-e", ""}}
	cols := []string{NetluaCol}
	if cfg.Python != "" {
		progs, cols = append(progs, []string{cfg.Python, "-c", ""}), append(cols, PythonCol)
	}
	if cfg.Lua51 != "" {
		progs, cols = append(progs, []string{cfg.Lua51, "-e", ""}), append(cols, BaseCol)
	}
	return func(round int) {
		// The runner itself runs on one P meanwhile: with two, its idle
		// threads woke to look for work on the second CPU while the child
		// started, and netlua, whose start uses both CPUs, lost ~0.5-1 ms
		// to them (BENCHMARKS.md, third round); python3 starts on one.
		//
		// Each program's start-ups run back to back after one untimed run,
		// as hyperfine times a command, in an order that rotates with the
		// repeat. Alternating them made each netlua start follow a Python
		// start, whose 60 ms of work leaves the caches cold: 0.6-1 ms more
		// per netlua start than back to back (BENCHMARKS.md, third round).
		procs := runtime.GOMAXPROCS(1)
		for k := range progs {
			j := (k + round) % len(progs)
			StartupTime(progs[j])
			for i := 0; i < cfg.Sizes.StartupRuns; i++ {
				wall, cpu, err := StartupTime(progs[j])
				record(startup, cols[j], float64(wall)/float64(time.Millisecond), err)
				record(startupCPU, cols[j], float64(cpu)/float64(time.Millisecond), err)
			}
		}
		runtime.GOMAXPROCS(procs)
		r.logf("repeat %d  start-up medians so far: netlua %.1f ms (CPU %.1f), python %.1f ms (CPU %.1f)", round+1,
			startup.Median(NetluaCol), startupCPU.Median(NetluaCol), startup.Median(PythonCol), startupCPU.Median(PythonCol))
	}
}

// pureLua is cpu.lua in netlua and in plain gopher-lua: each part's wall
// time, and the whole run's processor time.
func (r *runner) pureLua() func(round int) {
	var cpuRows []*Row
	for _, p := range append(CPUParts, "cpu") {
		var ts []Target
		if p == "cpu" {
			ts = []Target{{BaseCol, false, 1.3}}
		}
		row := r.rep.NewRow("pure Lua, "+cpuName[p]+" (baseline: plain gopher-lua)", "s", 3, ts...)
		row.Absent(PythonCol, "n/a")
		cpuRows = append(cpuRows, row)
	}
	return func(round int) {
		for _, side := range rotateCPU(round) {
			argv := []string{r.cfg.Bin.Netlua, r.cfg.Bin.Script("cpu.lua")}
			col := NetluaCol
			if side == BaseCol {
				argv[0], col = r.cfg.Bin.GluaCPU, BaseCol
			}
			res, err := RunCPU(argv, r.cfg.Timeout)
			for i, p := range CPUParts {
				record(cpuRows[i], col, res.Parts[p], err)
			}
			record(cpuRows[len(CPUParts)], col, res.CPU, err)
			r.logf("repeat %d  cpu.lua %-7s wall %.3fs cpu %.3fs %v checksum %s %v", round+1, col, res.Total, res.CPU, res.Parts, res.Checksum, errText(err))
		}
	}
}

// note is the report's note on how it was measured.
func (r *runner) note() string {
	cfg := r.cfg
	note := fmt.Sprintf("Medians of %d interleaved repeats; every server started fresh for each measurement. "+
		"Listen backlog %d for every server in the ping-pong scenarios, %d for every server in the idle ones.",
		cfg.Repeats, cfg.Backlog, cfg.IdleBacklog)
	if cfg.IdleBacklog > cfg.Backlog {
		note += fmt.Sprintf(" Why larger: %d concurrent dials fill a %d-entry accept queue faster than any of the three "+
			"accept loops (Go's included) empties it while sharing the CPUs with the load generator, and a dropped SYN "+
			"is retried after 1 s, then 3 s, so the time would measure retry luck rather than accept speed.",
			cfg.Sizes.Dialers, cfg.Backlog)
	}
	return note + " RSS per connection is (VmRSS with all connections open and echoed once − VmRSS after the ready line) ÷ connections."
}

var cpuName = map[string]string{
	"fib":     "recursive fib(27) ×10, wall",
	"strings": "string building, wall",
	"sort":    "table.sort of 200,000 numbers, wall",
	"cpu":     "all three, process CPU time",
}

// profileEnv asks a netlua server for a CPU profile when cfg.ProfileDir is set.
func (cfg Config) profileEnv(k ServerKind, r *Row, round int) []string {
	if cfg.ProfileDir == "" || k.Name != NetluaCol {
		return nil
	}
	name := strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return '-'
	}, r.Name)
	return []string{"NETLUA_CPUPROFILE=" + filepath.Join(cfg.ProfileDir, fmt.Sprintf("%s-%d.pprof", name, round+1))}
}

// runPingPong returns the scenario's rate and the server's processor time
// per round trip in µs.
func runPingPong(k ServerKind, cfg Config, p PingPong, rate func(PingPongResult) float64, env []string) (float64, float64, error) {
	srv, err := Start(k, cfg.Backlog, 10*time.Second, env...)
	if err != nil {
		return 0, 0, err
	}
	defer srv.Stop()
	cpu0, err := srv.CPU()
	if err != nil {
		return 0, 0, err
	}
	res, err := p.Run(srv.Addr, cfg.Timeout)
	if err != nil {
		return 0, 0, serverErr(srv, err)
	}
	cpu1, err := srv.CPU()
	if err != nil {
		return 0, 0, err
	}
	return rate(res), float64(cpu1-cpu0) / float64(time.Microsecond) / float64(res.RoundTrips), nil
}

// runIdle returns the result and the RSS above the idle baseline per
// connection, in bytes.
func runIdle(k ServerKind, cfg Config, sc Idle, env []string) (IdleResult, float64, error) {
	srv, err := Start(k, cfg.IdleBacklog, 10*time.Second, env...)
	if err != nil {
		return IdleResult{}, 0, err
	}
	defer srv.Stop()
	base, err := srv.RSS()
	if err != nil {
		return IdleResult{}, 0, err
	}
	var held int64
	var rssErr error
	res, err := sc.Run(srv.Addr, cfg.Timeout, func() { held, rssErr = srv.RSS() })
	if err == nil {
		err = rssErr
	}
	if err != nil {
		err = serverErr(srv, err)
	}
	return res, float64(held-base) / float64(sc.Conns), err
}

// serverErr adds what the server said on stderr, which usually explains it.
func serverErr(srv *Server, err error) error {
	if msg := srv.Stderr(); msg != "" {
		return fmt.Errorf("%v (server stderr: %s)", err, msg)
	}
	return err
}

func record(r *Row, col string, v float64, err error) {
	if err != nil {
		r.Fail(col, err)
		return
	}
	r.Add(col, v)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return "ERROR " + err.Error()
}

func rotate(kinds []ServerKind, n int) []ServerKind {
	out := make([]ServerKind, len(kinds))
	for i := range kinds {
		out[i] = kinds[(i+n)%len(kinds)]
	}
	return out
}

func rotateCPU(n int) []string {
	if n%2 == 0 {
		return []string{NetluaCol, BaseCol}
	}
	return []string{BaseCol, NetluaCol}
}
