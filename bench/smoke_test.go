package bench

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// The smoke tests run every scenario at tiny size through the same code the
// runner uses, so the harness cannot rot while nobody runs the benchmark.

var (
	buildOnce sync.Once
	built     *Binaries
	buildErr  error
	buildDir  string
)

func binaries(t *testing.T) *Binaries {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "benchsmoke")
		if buildErr == nil {
			// BENCH_NETLUA names a prebuilt netlua to test instead.
			built, buildErr = Build(buildDir, os.Getenv("BENCH_NETLUA"))
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return built
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

const smokeTimeout = 20 * time.Second

func TestServersEchoAtTinySize(t *testing.T) {
	bin := binaries(t)
	python := FindPython()
	names := map[string]ServerKind{}
	for _, k := range bin.Kinds(python) {
		names[k.Name] = k
	}
	for _, name := range []string{NetluaCol, PythonCol, BaseCol} {
		t.Run(name, func(t *testing.T) {
			k, ok := names[name]
			if !ok {
				t.Skip("python3 not found: the Python echo server is not exercised")
			}
			for _, p := range []PingPong{Tiny.Ping1, Tiny.PingN, Tiny.Large} {
				srv, err := Start(k, 128, smokeTimeout)
				if err != nil {
					t.Fatal(err)
				}
				res, err := p.Run(srv.Addr, smokeTimeout)
				srv.Stop()
				if err != nil {
					t.Fatalf("%+v: %v (stderr: %s)", p, err, srv.Stderr())
				}
				if want := p.Clients * p.Rounds; res.RoundTrips != want || res.PerSecond() <= 0 {
					t.Errorf("%+v: %d round trips in %v, want %d", p, res.RoundTrips, res.Elapsed, want)
				}
				if srv.Alive() {
					t.Errorf("server %d still running after Stop", srv.Pid)
				}
			}
			srv, err := Start(k, 128, smokeTimeout)
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Stop()
			base, err := srv.RSS()
			if err != nil || base <= 0 {
				t.Fatalf("RSS of %d: %d, %v", srv.Pid, base, err)
			}
			var held int64
			sc := Idle{Conns: Tiny.Idle[0], Dialers: Tiny.Dialers}
			res, err := sc.Run(srv.Addr, smokeTimeout, func() { held, _ = srv.RSS() })
			if err != nil {
				t.Fatalf("idle: %v (stderr: %s)", err, srv.Stderr())
			}
			if res.Connected != sc.Conns || res.Echoed != sc.Conns || held <= 0 {
				t.Errorf("idle: %+v, RSS %d while held, want all %d connected and echoed", res, held, sc.Conns)
			}
		})
	}
}

func TestStartupAndCPU(t *testing.T) {
	bin := binaries(t)
	if wall, cpu, err := StartupTime([]string{bin.Netlua, "-e", ""}); err != nil || wall <= 0 || cpu < 0 {
		t.Errorf("netlua -e '': %v wall, %v CPU, %v", wall, cpu, err)
	}
	lua, err := RunCPU([]string{bin.Netlua, bin.Script("cpu.lua")}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := RunCPU([]string{bin.GluaCPU, bin.Script("cpu.lua")}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if lua.Checksum == "" || lua.Checksum != plain.Checksum {
		t.Errorf("checksums differ: netlua %q, gopher-lua %q", lua.Checksum, plain.Checksum)
	}
}

func TestRunnerTableAtTinySize(t *testing.T) {
	bin := binaries(t)
	cfg := Config{Bin: bin, Python: FindPython(), Sizes: Tiny, Repeats: 1,
		Backlog: 128, IdleBacklog: 128, Timeout: smokeTimeout}
	rep := Run(cfg)
	md := rep.Markdown()
	for _, r := range rep.Rows {
		if !strings.Contains(md, "| "+r.Name+" |") {
			t.Errorf("table lacks row %q", r.Name)
		}
		if e := r.Err(NetluaCol); e != "" {
			t.Errorf("%s: netlua failed: %s", r.Name, e)
		}
		if len(r.Samples(NetluaCol)) == 0 {
			t.Errorf("%s: no netlua sample", r.Name)
		}
	}
	if t.Failed() {
		t.Log("\n" + md)
	}
}

func TestMedianAndTargets(t *testing.T) {
	rep := &Report{}
	r := rep.NewRow("x", "rt/s", 0, Target{PythonCol, true, 1.5}, Target{"", false, 100})
	for _, v := range []float64{90, 10, 30} {
		r.Add(NetluaCol, v)
	}
	r.Add(PythonCol, 20)
	r.Add(PythonCol, 40)
	if m := r.Median(NetluaCol); m != 30 {
		t.Errorf("median of 90, 10, 30 = %v, want 30", m)
	}
	if m := r.Median(PythonCol); m != 30 {
		t.Errorf("median of 20, 40 = %v, want 30", m)
	}
	if r.Met() {
		t.Errorf("ratio 1.0 met a 1.5× target")
	}
	r.Add(PythonCol, 10) // median 20: ratio 1.5
	if !r.Met() {
		t.Errorf("ratio %.2f and value 30 did not meet ≥ 1.5×, ≤ 100", r.Ratio(PythonCol))
	}
	r.Fail(NetluaCol, os.ErrDeadlineExceeded)
	if r.Met() || !strings.Contains(rep.Markdown(), "failed once") {
		t.Errorf("a failed run still meets its targets:\n%s", rep.Markdown())
	}
}

// TestTLSServersEchoAtTinySize runs the TLS rows' servers through the TLS
// load generator at tiny size.
func TestTLSServersEchoAtTinySize(t *testing.T) {
	bin := binaries(t)
	set, err := TLSCerts()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(set.Dir)
	client, err := ClientTLS(set)
	if err != nil {
		t.Fatal(err)
	}
	python := FindPython()
	if python == "" {
		t.Log("python3 not found: the Python TLS server is not exercised")
	}
	for _, k := range bin.TLSKinds(python, set) {
		t.Run(k.Name, func(t *testing.T) {
			for _, p := range []PingPong{Tiny.PingN, Tiny.Large} {
				p.TLS = client
				srv, err := Start(k, 128, smokeTimeout)
				if err != nil {
					t.Fatal(err)
				}
				res, err := p.Run(srv.Addr, smokeTimeout)
				srv.Stop()
				if err != nil {
					t.Fatalf("%+v: %v (stderr: %s)", p, err, srv.Stderr())
				}
				if want := p.Clients * p.Rounds; res.RoundTrips != want {
					t.Errorf("%d round trips, want %d", res.RoundTrips, want)
				}
			}
		})
	}
}
