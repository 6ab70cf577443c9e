package scripts

import (
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"netlua/internal/testcert"
)

// The TLS scripts' examples (06-tls and the 003 HTTP client's --tls).
// Their certificates are made once per run, next to the test binary's
// netlua (whose directory interptest.Main removes): args say {certs}.

var (
	certsOnce sync.Once
	certs     *testcert.Set
	certsErr  error
)

func tlsCerts(t testing.TB) *testcert.Set {
	t.Helper()
	certsOnce.Do(func() {
		dir := filepath.Join(filepath.Dir(netlua), "certs")
		if certsErr = os.MkdirAll(dir, 0o700); certsErr == nil {
			certs, certsErr = testcert.Write(dir)
		}
	})
	if certsErr != nil {
		t.Fatal(certsErr)
	}
	return certs
}

func init() {
	examples = append(examples,
		example{name: "tls_echo_pair",
			server: &step{script: "06-tls/tls_echo_server.lua", args: []string{"--port", "{port}", "--cert", "{certs}/server.pem", "--key", "{certs}/server.key"},
				ready: "TLS echo server on", interrupt: true, wantCode: 130},
			clients: []step{
				{script: "06-tls/tls_echo_client.lua", args: []string{"--port", "{port}", "--cafile", "{certs}/ca.pem"}, serverShows: "echoed"},
				// Trusting another authority, the client refuses the server...
				{script: "06-tls/tls_echo_client.lua", args: []string{"--port", "{port}", "--cafile", "{certs}/otherca.pem"}, wantCode: 1, serverShows: "failed"},
				// A plaintext client fails its handshake; the server goes on.
				{script: "05-cookbook/echo_client.lua", args: []string{"--port", "{port}"}, serverShows: "WRONG_VERSION_NUMBER"},
				{script: "06-tls/tls_echo_client.lua", args: []string{"--port", "{port}", "--cafile", "{certs}/ca.pem", "--message", "still here"}, serverShows: "echoed 10 bytes"},
			}},
		// Trusting only the system's authorities, the client refuses a
		// certificate from the run's own CA.
		example{name: "tls_echo_client_untrusted",
			standIn: httpsStandIn,
			clients: []step{{script: "06-tls/tls_echo_client.lua", args: []string{"--port", "{port}"}, wantCode: 1}}},
		example{name: "https_client",
			standIn: httpsStandIn,
			clients: []step{{script: "04-tcp-programming/http_client.lua", args: []string{"--tls", "--host", "localhost", "--port", "{port}", "--cafile", "{certs}/ca.pem", "--output", "/dev/null"}}}},
		example{name: "https_client_untrusted",
			standIn: httpsStandIn,
			clients: []step{{script: "04-tcp-programming/http_client.lua", args: []string{"--tls", "--host", "localhost", "--port", "{port}", "--output", "/dev/null"}, wantCode: 1}}},
		example{name: "get_server_certificate",
			standIn: httpsStandIn,
			clients: []step{{script: "06-tls/get_server_certificate.lua", args: []string{"--host", "localhost", "--port", "{port}", "--cafile", "{certs}/ca.pem"}}}},
	)
}

// tlsMasks hides what changes from run to run in TLS output: the
// certificates (made fresh each run) and the cipher suite Go prefers on
// this CPU (AES-GCM with AES instructions, ChaCha20 without).
func tlsMasks(s string) string {
	if certs != nil {
		s = strings.ReplaceAll(s, certs.Dir, "{certs}")
	}
	s = pemBody.ReplaceAllString(s, "-----BEGIN CERTIFICATE-----\n{base64}\n-----END CERTIFICATE-----")
	s = derSize.ReplaceAllString(s, "{n} bytes of DER")
	s = certDate.ReplaceAllString(s, "{date}")
	s = cipherName.ReplaceAllString(s, "{cipher}")
	return s
}

var (
	pemBody    = regexp.MustCompile(`-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----`)
	derSize    = regexp.MustCompile(`\d+ bytes of DER`)
	certDate   = regexp.MustCompile(`[A-Z][a-z][a-z] [ \d]\d \d\d:\d\d:\d\d \d{4} GMT`)
	cipherName = regexp.MustCompile(`TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)`)
)

// httpsStandIn is httpStandIn over TLS, with the run's server certificate
// (valid for localhost and 127.0.0.1, signed by the run's CA).
func httpsStandIn(t *testing.T, port int) func() {
	set := tlsCerts(t)
	cert, err := tls.LoadX509KeyPair(set.Server, set.ServerKey)
	if err != nil {
		t.Fatal(err)
	}
	l, err := tls.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port), &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go serveHTTP(c)
		}
	}()
	return func() { l.Close() }
}

func serveHTTP(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, 4096)
	var req strings.Builder
	for !strings.Contains(req.String(), "\r\n\r\n") {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		req.Write(buf[:n])
	}
	body := "<html><body>hello over TLS</body></html>\n"
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
}
