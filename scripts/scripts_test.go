// Package scripts holds one netlua script per tutorial example (see
// README.md). This test runs every script — servers and their clients
// together on free loopback ports, scripted stdin for input(), SIGINT for
// the servers that run until Ctrl-C — and compares the output with a golden
// file in testdata/, host-specific values masked. A script that no example
// runs fails the suite. Regenerate the golden files with -update.
package scripts

import (
	"bytes"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"netlua/interp/interptest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var netlua string // the binary, built once

func TestMain(m *testing.M) { interptest.Main(m, &netlua) }

// A step runs one script. In args, stdin and ready, {port} is replaced by
// the example's free port and {port2} by a second one.
type step struct {
	script    string
	args      []string
	stdin     string
	ready     string // for servers: a line on stdout that says it is listening
	interrupt bool   // servers that run until Ctrl-C get SIGINT after the clients
	wantCode  int
	// serverShows, on a client, is text the server must have printed before
	// the next step starts, so that a server thread still finishing with
	// one client cannot interleave its lines with the next client's.
	serverShows string
}

// An example is a server (optional) and the clients run against it.
type example struct {
	name    string
	server  *step
	clients []step
	// standIn starts a loopback stand-in for an internet service the
	// script would reach (HTTP, SNTP); it gets the port and returns a stop.
	standIn func(t *testing.T, port int) func()
}

var examples = []example{
	{name: "create_socket", clients: []step{{script: "01-basics/create_socket.lua"}}},
	{name: "udp_receiver",
		server:  &step{script: "01-basics/udp_receiver.lua", args: []string{"--port", "{port}"}},
		clients: []step{{script: "02-network-programming/udp_client.lua", args: []string{"--port", "{port}", "--message", "hi"}}}},
	{name: "basics_pair",
		server:  &step{script: "01-basics/server.lua", args: []string{"--port", "{port}"}, ready: "Server is listening"},
		clients: []step{{script: "01-basics/client.lua", args: []string{"--port", "{port}"}}}},
	{name: "tcp_server",
		server:  &step{script: "02-network-programming/tcp_server.lua", args: []string{"--port", "{port}"}},
		clients: []step{{script: "02-network-programming/tcp_client.lua", args: []string{"--port", "{port}", "--message", "你好"}}}},
	{name: "makefile_server",
		server:  &step{script: "02-network-programming/makefile_server.lua", args: []string{"--port", "{port}"}},
		clients: []step{{script: "02-network-programming/tcp_client.lua", args: []string{"--port", "{port}", "--message", "0123456789"}}}},
	{name: "socketserver",
		server: &step{script: "02-network-programming/socketserver_server.lua", args: []string{"--port", "{port}"}, interrupt: true},
		clients: []step{
			{script: "02-network-programming/tcp_client.lua", args: []string{"--port", "{port}", "--message", "first"}, serverShows: "Your msg=first\nYour msg=\n"},
			{script: "02-network-programming/tcp_client.lua", args: []string{"--port", "{port}", "--message", "第二"}, serverShows: "Your msg=第二\nYour msg=\n"},
		}},
	{name: "udp_pair",
		server:  &step{script: "02-network-programming/udp_server.lua", args: []string{"--port", "{port}"}, ready: "UDP server on"},
		clients: []step{{script: "02-network-programming/udp_client.lua", args: []string{"--port", "{port}"}}}},
	{name: "edureka_greeting",
		server: &step{script: "03-edureka/server.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}"}, interrupt: true, wantCode: 130},
		clients: []step{
			{script: "03-edureka/client.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}"}},
			{script: "03-edureka/client.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}", "--bufsize", "7"}},
			{script: "03-edureka/client_pieces.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}"}},
		}},
	{name: "edureka_pickle",
		server:  &step{script: "03-edureka/pickle_server.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}"}, interrupt: true, wantCode: 130},
		clients: []step{{script: "03-edureka/pickle_client.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}"}}}},
	{name: "http_client_offline", clients: []step{{script: "04-tcp-programming/http_client.lua", args: []string{"--host", "www.sina.com.cn.invalid"}, wantCode: 1}}},
	{name: "http_client",
		standIn: httpStandIn,
		clients: []step{{script: "04-tcp-programming/http_client.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}", "--output", "{out}"}}}},
	{name: "threaded_pair",
		server:  &step{script: "04-tcp-programming/threaded_server.lua", args: []string{"--port", "{port}", "--delay", "0.01"}, ready: "Waiting for connection", interrupt: true, wantCode: 130},
		clients: []step{{script: "04-tcp-programming/threaded_client.lua", args: []string{"--port", "{port}"}, serverShows: "closed."}}},
	{name: "pool_pair",
		server:  &step{script: "07-beyond/pool_server.lua", args: []string{"--port", "{port}"}, ready: "Serving on", interrupt: true},
		clients: []step{{script: "07-beyond/json_client.lua", args: []string{"--port", "{port}"}, serverShows: "closed"}}},
	{name: "print_machine_info", clients: []step{{script: "05-cookbook/print_machine_info.lua"}}},
	{name: "get_remote_machine_info", clients: []step{{script: "05-cookbook/get_remote_machine_info.lua", args: []string{"--host", "www.python.org.invalid"}}}},
	{name: "get_local_machine_info", clients: []step{{script: "05-cookbook/get_remote_machine_info.lua", args: []string{"--host", "localhost"}}}},
	{name: "ip4_address_conversion_16", clients: []step{{script: "05-cookbook/ip4_address_conversion.lua", stdin: "localhost\n16\n"}}},
	{name: "ip4_address_conversion_2", clients: []step{{script: "05-cookbook/ip4_address_conversion.lua", stdin: "127.0.0.1\n2\n"}}},
	{name: "find_service_name", clients: []step{{script: "05-cookbook/find_service_name.lua", stdin: "80\ntcp\nhttp\ntcp\n"}}},
	{name: "byte_order_conversion", clients: []step{{script: "05-cookbook/byte_order_conversion.lua"}}},
	{name: "socket_timeout", clients: []step{{script: "05-cookbook/socket_timeout.lua"}}},
	{name: "test_socket_modes",
		server: &step{script: "05-cookbook/test_socket_modes.lua", ready: "Trivial Server launched", interrupt: true}},
	{name: "socket_errors_refused", clients: []step{{script: "05-cookbook/socket_errors.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}", "--file", "x"}, wantCode: 1}}},
	{name: "socket_errors_gaierror", clients: []step{{script: "05-cookbook/socket_errors.lua", args: []string{"--host", "www.pytgo.org.invalid", "--port", "8080", "--file", "x"}, wantCode: 1}}},
	{name: "socket_errors_http",
		standIn: httpStandIn,
		clients: []step{{script: "05-cookbook/socket_errors.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}", "--file", "/index.html"}}}},
	{name: "modify_buff_size", clients: []step{{script: "05-cookbook/modify_buff_size.lua"}}},
	{name: "reuse_socket_addr",
		server: &step{script: "05-cookbook/reuse_socket_addr.lua", args: []string{"--port", "{port}"}, ready: "Listening on port", interrupt: true},
		clients: []step{
			{script: "02-network-programming/tcp_client.lua", args: []string{"--port", "{port}", "--encoding", "gbk", "--message", "你好服务端,我是客户端小黑!"}},
			{script: "02-network-programming/tcp_client.lua", args: []string{"--port", "{port}", "--encoding", "gbk", "--message", "你好服务端,我是客户端小黑!"}},
		}},
	{name: "print_time_ntplib",
		standIn: sntpStandIn,
		clients: []step{{script: "05-cookbook/print_time_ntplib.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}"}}}},
	{name: "print_time_sntp",
		standIn: sntpStandIn,
		clients: []step{{script: "05-cookbook/print_time_sntp.lua", args: []string{"--host", "127.0.0.1", "--port", "{port}"}}}},
	{name: "print_time_offline", clients: []step{{script: "05-cookbook/print_time_sntp.lua", args: []string{"--host", "cn.pool.ntp.org.invalid"}, wantCode: 1}}},
	{name: "echo_pair",
		server: &step{script: "05-cookbook/echo_server.lua", args: []string{"--port", "{port}"}, ready: "等待从客户端接收信息", interrupt: true, wantCode: 130},
		// The server prints its echo line after send, so the client can be
		// done first: wait for that line and the next prompt before Ctrl-C.
		clients: []step{{script: "05-cookbook/echo_client.lua", args: []string{"--port", "{port}"}, serverShows: ")\n等待从客户端接收信息"}}},
	{name: "echo_server_usage", clients: []step{{script: "05-cookbook/echo_server.lua", wantCode: 2}}},
}

func TestEveryScriptHasAnExample(t *testing.T) {
	used := map[string]bool{}
	for _, ex := range examples {
		if ex.server != nil {
			used[ex.server.script] = true
		}
		for _, c := range ex.clients {
			used[c.script] = true
		}
	}
	scripts, _ := filepath.Glob("*/*.lua")
	for _, s := range scripts {
		if s = filepath.ToSlash(s); !used[s] {
			t.Errorf("%s has no example in scripts_test.go", s)
		}
	}
}

func TestExamples(t *testing.T) {
	for _, ex := range examples {
		ex := ex
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			got := runExample(t, ex)
			golden := goldenFile(ex.name)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./scripts -update to create it)\noutput:\n%s", err, got)
			}
			if got != string(want) {
				t.Errorf("output differs from %s\n--- got:\n%s\n--- want:\n%s", golden, got, want)
			}
		})
	}
}

// goldenFile is the expected output of example name: testdata/NAME.golden,
// or the platform's own under testdata/GOOS/ where CPython's texts differ
// there (Windows: getaddrinfo's and Winsock's messages, and no laddr in an
// unbound socket's repr, whose getsockname fails).
func goldenFile(name string) string {
	if goldenPlatform != "" {
		own := filepath.Join("testdata", goldenPlatform, name+".golden")
		if _, err := os.Stat(own); err == nil {
			return own
		}
	}
	return filepath.Join("testdata", name+".golden")
}

// runExample runs the server (if any) and the clients, and returns their
// masked outputs, each headed by its command line.
func runExample(t *testing.T, ex example) string {
	port := freePort(t)
	var out strings.Builder
	if ex.standIn != nil {
		stop := ex.standIn(t, port)
		defer stop()
	}
	var server *running
	if ex.server != nil {
		server = start(t, *ex.server, port)
		if ex.server.ready != "" {
			server.waitFor(t, ex.server.ready)
		} else {
			waitListening(t, port)
		}
	}
	for _, c := range ex.clients {
		r := start(t, c, port)
		out.WriteString(r.finish(t, c))
		if c.serverShows != "" {
			server.waitFor(t, c.serverShows)
		}
	}
	if server != nil {
		if ex.server.interrupt {
			if err := interptest.Interrupt(server.cmd.Process); err != nil {
				server.cmd.Process.Kill()
				server.waitExit(t)
				t.Skipf("the server runs until Ctrl-C, which cannot be sent here: %v", err)
			}
		}
		server.text = server.finish(t, *ex.server)
		out.WriteString(server.text)
	}
	return mask(out.String(), port)
}

type running struct {
	cmd    *exec.Cmd
	stdout *interptest.SyncBuffer
	stderr *interptest.SyncBuffer
	args   []string
	text   string
}

func start(t *testing.T, s step, port int) *running {
	t.Helper()
	// args as shown in the golden; run is what runs: {out} is a file in a
	// fresh folder (not os.DevNull: Wine cannot open NUL for writing).
	args := []string{s.script}
	run := []string{s.script}
	var out string
	for _, a := range s.args {
		if strings.Contains(a, "{certs}") {
			a = strings.ReplaceAll(a, "{certs}", tlsCerts(t).Dir)
		}
		a = strings.ReplaceAll(a, "{port}", fmt.Sprint(port))
		args = append(args, a)
		if strings.Contains(a, "{out}") && out == "" {
			out = filepath.Join(t.TempDir(), "out")
		}
		run = append(run, strings.ReplaceAll(a, "{out}", out))
	}
	cmd := exec.Command(netlua, run...)
	interptest.Interruptible(cmd)
	cmd.Stdin = strings.NewReader(s.stdin)
	r := &running{cmd: cmd, stdout: &interptest.SyncBuffer{}, stderr: &interptest.SyncBuffer{}, args: args}
	cmd.Stdout, cmd.Stderr = r.stdout, r.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return r
}

// waitFor waits (up to 10 s) until the process printed a line containing s.
func (r *running) waitFor(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(r.stdout.String(), s) {
		if time.Now().After(deadline) {
			r.cmd.Process.Kill()
			t.Fatalf("%v never printed %q; stdout %q stderr %q", r.args, s, r.stdout, r.stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitQuiet waits until the process has printed nothing for a while (at
// most 3 s): a server that just printed its "waiting" line is then blocked
// in accept, not still inside print, when Ctrl-C comes; CPython's traceback
// says which, and the interop tests compare tracebacks.
func (r *running) waitQuiet() {
	deadline := time.Now().Add(3 * time.Second)
	last, since := r.stdout.String(), time.Now()
	for time.Now().Before(deadline) && time.Since(since) < 200*time.Millisecond {
		time.Sleep(20 * time.Millisecond)
		if out := r.stdout.String(); out != last {
			last, since = out, time.Now()
		}
	}
}

// waitExit waits (up to 20 s, then kills it) for the process to end.
func (r *running) waitExit(t *testing.T) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- r.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		r.cmd.Process.Kill()
		<-done
		t.Errorf("%q did not finish; stdout %q stderr %q", r.args, r.stdout, r.stderr)
	}
}

// finish waits for the process and returns its report.
func (r *running) finish(t *testing.T, s step) string {
	t.Helper()
	r.waitExit(t)
	code := r.cmd.ProcessState.ExitCode()
	if code != s.wantCode {
		t.Errorf("%v exited %d, want %d; stderr:\n%s", r.args, code, s.wantCode, r.stderr)
	}
	text := fmt.Sprintf("$ netlua %s\n%s", strings.Join(r.args, " "), r.stdout)
	if e := r.stderr.String(); e != "" {
		text += "[stderr]\n" + firstLines(e, 2)
	}
	return text + fmt.Sprintf("[exit %d]\n", code)
}

// firstLines keeps a traceback's message and first frame: the rest names
// netlua internals that may move.
func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	out := strings.Join(lines, "")
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	return out
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

var (
	hostname, _  = os.Hostname()
	ephemeral    = regexp.MustCompile(`(127\.0\.0\.1', |127\.0\.0\.1:|::1', )\d+`)
	fdNumber     = regexp.MustCompile(`fd=\d+`)
	ctimeText    = regexp.MustCompile(`[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}`)
	threadIdents = regexp.MustCompile(`\b1[34]\d{13}\b`)
	objectAddr   = regexp.MustCompile(`object at 0x[0-9a-f]+`)
)

// mask replaces what differs between hosts and runs: the example's port,
// ephemeral client ports, file descriptor numbers, times, the host name.
func mask(s string, port int) string {
	s = strings.ReplaceAll(s, fmt.Sprint(port), "{port}")
	s = ephemeral.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasSuffix(m, "{port}") {
			return m
		}
		return regexp.MustCompile(`\d+$`).ReplaceAllString(m, "{ephemeral}")
	})
	s = fdNumber.ReplaceAllString(s, "fd={fd}")
	s = ctimeText.ReplaceAllString(s, "{ctime}")
	s = threadIdents.ReplaceAllString(s, "{ident}")
	s = objectAddr.ReplaceAllString(s, "object at {addr}")
	s = tlsMasks(s)
	if hostname != "" {
		s = strings.ReplaceAll(s, hostname, "{hostname}")
	}
	return maskPlatform(s)
}

// httpStandIn answers every connection on port with a fixed HTTP response,
// standing in for www.sina.com.cn and www.python.org.
func httpStandIn(t *testing.T, port int) func() {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(10 * time.Second))
				buf := make([]byte, 4096)
				var req []byte
				for !bytes.Contains(req, []byte("\r\n\r\n")) {
					n, err := c.Read(buf)
					if err != nil {
						return
					}
					req = append(req, buf[:n]...)
				}
				body := "<html><body>hello from the stand-in</body></html>\n"
				fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
			}()
		}
	}()
	return func() { l.Close() }
}

// sntpStandIn answers SNTP requests on port with the current time, standing
// in for the NTP pool.
func sntpStandIn(t *testing.T, port int) func() {
	c, err := net.ListenPacket("udp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		// Under Wine, Go's UDP sockets fail: they ask Winsock for
		// SIO_UDP_CONNRESET, which Wine 8 does not have.
		t.Skipf("the stand-in NTP server cannot listen: %v", err)
	}
	go func() {
		buf := make([]byte, 512)
		for {
			n, addr, err := c.ReadFrom(buf)
			if err != nil {
				return
			}
			if n < 48 {
				continue
			}
			resp := make([]byte, 48)
			resp[0] = 0x24 // leap 0, version 4, mode 4 (server)
			resp[1] = 2    // stratum
			now := time.Now()
			secs := uint32(now.Unix() + 2208988800)
			frac := uint32(uint64(now.Nanosecond()) << 32 / 1e9)
			copy(resp[24:32], buf[40:48])           // originate = client's transmit
			for _, off := range []int{16, 32, 40} { // reference, receive, transmit
				resp[off], resp[off+1], resp[off+2], resp[off+3] = byte(secs>>24), byte(secs>>16), byte(secs>>8), byte(secs)
				resp[off+4], resp[off+5], resp[off+6], resp[off+7] = byte(frac>>24), byte(frac>>16), byte(frac>>8), byte(frac)
			}
			c.WriteTo(resp, addr)
		}
	}()
	return func() { c.Close() }
}
