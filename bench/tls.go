package bench

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"strconv"

	"netlua/internal/testcert"
)

// The TLS rows (issue 13): the echo servers of the plain rows over TLS,
// netlua's ssl module against Python's ssl and Go's crypto/tls, driven by
// the same load generator with a crypto/tls client. The certificates are
// made for the run (testcert) and removed after it.

// TLSCerts makes a certificate set in a new temporary directory; remove
// Dir when done.
func TLSCerts() (*testcert.Set, error) {
	dir, err := os.MkdirTemp("", "benchcerts")
	if err != nil {
		return nil, err
	}
	set, err := testcert.Write(dir)
	if err != nil {
		os.RemoveAll(dir)
	}
	return set, err
}

// ClientTLS is the load generator's TLS configuration: it trusts the set's
// CA and checks the name, as a real client would.
func ClientTLS(set *testcert.Set) (*tls.Config, error) {
	pem, err := os.ReadFile(set.CA)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("no certificate in %s", set.CA)
	}
	return &tls.Config{RootCAs: pool, ServerName: "localhost"}, nil
}

// TLSKinds are the three TLS echo servers, serving set's server certificate.
func (b *Binaries) TLSKinds(python string, set *testcert.Set) []ServerKind {
	kinds := []ServerKind{
		{NetluaCol, func(port, backlog int) []string {
			return []string{b.Netlua, b.Script("tls_echo_server.lua"), strconv.Itoa(port), strconv.Itoa(backlog), set.Server, set.ServerKey}
		}},
	}
	if python != "" {
		kinds = append(kinds, ServerKind{PythonCol, func(port, backlog int) []string {
			return []string{python, b.Script("tls_echo_server.py"), strconv.Itoa(port), strconv.Itoa(backlog), set.Server, set.ServerKey}
		}})
	}
	return append(kinds, ServerKind{BaseCol, func(port, backlog int) []string {
		return []string{b.GoEcho, strconv.Itoa(port), strconv.Itoa(backlog), set.Server, set.ServerKey}
	}})
}

// RunTLS measures the TLS rows: 64 B × 50 clients and 64 KiB × 8 clients
// (issue 13's sizes at Full), with issue 13's targets, interleaved repeats
// and medians as Run does.
func RunTLS(cfg Config) (*Report, error) {
	set, err := TLSCerts()
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(set.Dir)
	client, err := ClientTLS(set)
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	s := cfg.Sizes
	small, large := s.PingN, s.Large
	small.TLS, large.TLS = client, client
	rows := []struct {
		row, cpu *Row
		p        PingPong
		rate     func(PingPongResult) float64
	}{
		{rep.NewRow(fmt.Sprintf("TLS 64 B ping-pong, %d clients × %d", small.Clients, small.Rounds), "rt/s", 0,
			Target{PythonCol, true, 1.2}, Target{BaseCol, true, 0.6}), nil, small,
			func(r PingPongResult) float64 { return r.PerSecond() }},
		{rep.NewRow(fmt.Sprintf("TLS 64 KiB echo, %d clients × %d", large.Clients, large.Rounds), "MiB/s", 1,
			Target{PythonCol, true, 1.2}, Target{BaseCol, true, 0.6}), nil, large,
			func(r PingPongResult) float64 { return r.PerSecond() * float64(large.Size) / (1 << 20) }},
	}
	for i := range rows {
		rows[i].cpu = rep.NewRow(rows[i].row.Name+": server CPU per round trip", "µs", 1)
	}
	kinds := cfg.Bin.TLSKinds(cfg.Python, set)
	if cfg.Python == "" {
		for _, r := range rep.Rows {
			r.Absent(PythonCol, "not installed")
		}
	}
	for round := 0; round < cfg.Repeats; round++ {
		for _, sc := range rows {
			for _, k := range rotate(kinds, round) {
				v, cpu, err := runPingPong(k, cfg, sc.p, sc.rate, cfg.profileEnv(k, sc.row, round))
				record(sc.row, k.Name, v, err)
				record(sc.cpu, k.Name, cpu, err)
				if cfg.Log != nil {
					fmt.Fprintf(cfg.Log, "repeat %d  %-40s %-7s %10.1f %s  %.1f µs CPU/rt %s\n", round+1, sc.row.Name, k.Name, v, sc.row.Unit, cpu, errText(err))
				}
			}
		}
	}
	rep.Notes = append(rep.Notes, fmt.Sprintf("Medians of %d interleaved repeats; every server started fresh for each measurement. "+
		"TLS 1.3 with an ECDSA P-256 certificate made for the run; the load generator (crypto/tls) verifies it and "+
		"finishes every handshake before the clock starts, so the rows measure records, not handshakes.", cfg.Repeats))
	return rep, nil
}
