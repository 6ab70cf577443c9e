package luasocket_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
)

// httpServer is the test's HTTP server: plain, chunked and redirecting
// replies, and an echo of what the client sent.
func httpServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("X-Test", "one")
		w.Header().Add("X-Test", "two")
		fmt.Fprint(w, "hello, world\n")
	})
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Trailer")
		for i := 1; i <= 5; i++ {
			fmt.Fprintf(w, "chunk %d %s\n", i, strings.Repeat("z", i*1000))
			w.(http.Flusher).Flush()
		}
		w.Header().Set("X-Trailer", "done")
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush() // no length: chunked
		for i := 0; i < 1000; i++ {
			fmt.Fprintf(w, "%04d %s\n", i, strings.Repeat("b", 1000))
		}
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var names []string
		for name := range r.Header {
			if name != "User-Agent" {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		fmt.Fprintf(w, "%s %s %s\n", r.Method, r.URL.RequestURI(), r.Proto)
		for _, name := range names {
			fmt.Fprintf(w, "%s: %s\n", name, strings.Join(r.Header[name], ", "))
		}
		fmt.Fprintf(w, "chunked=%v length=%d body=%q\n", len(r.TransferEncoding) > 0, len(body), body)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/plain", http.StatusFound)
	})
	mux.HandleFunc("/redirect2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "redirect", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/nocontent", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestHTTPDifferential runs testdata/http.lua against the test's server
// under real LuaSocket and under netlua.
func TestHTTPDifferential(t *testing.T) {
	lua := realLuaSocket(t)
	srv := httpServer(t)
	want := runReal(t, lua, "testdata/http.lua", srv.URL)
	got := runOurs(t, "testdata/http.lua", srv.URL)
	if normalize(got) != normalize(want) {
		t.Errorf("netlua and LuaSocket differ\n%s", lineDiff(normalize(want), normalize(got)))
	}
}

// TestHTTP checks socket.http's results themselves (the differential test
// only compares them), so that it runs where lua5.1 is missing too.
func TestHTTP(t *testing.T) {
	srv := httpServer(t)
	out := runOurs(t, "testdata/http.lua", srv.URL)
	for _, want := range []string{
		"plain\t200\thello, world\n",
		"x-test\tone, two",
		"chunked\t200\t5\t15045\tchunk 1 z\tchunked",
		"redirect\t200\thello, world\n",
		"loop\tnil\t307",
		"big\t200\t1006000\ttrue",
		"POST /echo?x=1 HTTP/1.1\nConnection: close, TE\nContent-Length: 7\nContent-Type: application/x-www-form-urlencoded\nTe: trailers\nchunked=false length=7 body=\"a=1&b=2\"",
		"PUT /echo HTTP/1.1\nConnection: close, TE\nTe: trailers\nX-Custom: yes\nchunked=true length=30000",
		"Authorization: Basic dXNlcjpzZWNyZXQ=",
		"head\t1\t200\t13",
		"nocontent\t\t204",
		"refused\tnil\tconnection refused",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
