package luasocket_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/bindings/selectors"
	"netlua/bindings/socket"
	"netlua/bindings/threading"
	nettime "netlua/bindings/time"
	"netlua/interp"
	"netlua/interp/interptest"
	"netlua/stdlib/luasocket"
	"netlua/stdlib/pystruct"
)

// modules are what the Lua programs here use.
var modules = append([]*interp.Module{
	luasocket.Extend(socket.Module), selectors.SelectModule, nettime.Module, pystruct.Module, threading.Module,
}, luasocket.Modules...)

// realLuaSocket returns the path of lua5.1 when it has LuaSocket, or skips.
func realLuaSocket(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("lua5.1")
	if err != nil {
		t.Skip("lua5.1: not installed (apt-get install lua5.1 lua-socket): no differential test against real LuaSocket")
	}
	check := exec.Command(path, "-e", `require("socket")`)
	check.Dir = t.TempDir() // not here: this directory has a socket.lua of its own
	if err := check.Run(); err != nil {
		t.Skip("lua-socket: not installed for lua5.1: no differential test against real LuaSocket")
	}
	return path
}

// runReal runs a Lua program under real LuaSocket, from an empty directory
// so that nothing else named socket.lua is found first.
func runReal(t *testing.T, lua, file string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	abs, _ := filepath.Abs(file)
	cmd := exec.CommandContext(ctx, lua, append([]string{abs}, args...)...)
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("lua5.1 %s: %v\n%s", file, err, out)
	}
	return string(out)
}

// runOurs runs the same program in a netlua runtime, with arg set as the
// lua command sets it.
func runOurs(t *testing.T, file string, args ...string) string {
	t.Helper()
	return runWith(t, modules, file, args...)
}

// runWith is runOurs in a runtime with mods imported.
func runWith(t *testing.T, mods []*interp.Module, file string, args ...string) string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rt := interptest.New(t, mods...)
	argv := rt.L.NewTable()
	argv.RawSetInt(0, lua.LString(file))
	for i, a := range args {
		argv.RawSetInt(i+1, lua.LString(a))
	}
	rt.L.SetGlobal("arg", argv)
	abs, _ := filepath.Abs(file) // the name lua5.1 shows, as runReal runs it
	if err := rt.RunString(string(src), abs); err != nil {
		t.Fatalf("netlua %s: %v\n%s%s", file, err, rt.Stdout.String(), rt.Stderr.String())
	}
	return rt.Stdout.String() + rt.Stderr.String()
}

// Object addresses differ from run to run; and where Lua names a function
// '?' in an argument error (called through pcall), netlua names it.
var (
	hexAddress = regexp.MustCompile(`0x[0-9a-f]+`)
	argError   = regexp.MustCompile(`bad argument (#\d+) to '[^']*'`)
)

func normalize(s string) string {
	s = hexAddress.ReplaceAllString(s, "0xADDR")
	return argError.ReplaceAllString(s, "bad argument $1 to F")
}

// peer is the Go server the stream programs talk to. A client sends one
// command line; see serve.
func peer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				serve(c)
			}()
		}
	}()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// Pattern is the byte pattern the programs expect: byte i is
// alphabet[i % len(alphabet)].
const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[i%len(alphabet)]
	}
	return b
}

// serve answers one command:
//
//	bytes N     N pattern bytes, then close
//	lines N     N lines "line I" + I%7 pattern bytes, ending alternately in \n and \r\n, then close
//	raw TEXT    TEXT with \n and \r escapes decoded, then close
//	hold TEXT   TEXT, then wait for the client to close
//	echo        echo until the client closes
//	drain       read nothing (until the test ends)
func serve(c net.Conn) {
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(60 * time.Second))
	r := bufio.NewReader(c)
	line, err := r.ReadString('\n')
	if err != nil {
		return
	}
	cmd, rest, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
	w := bufio.NewWriterSize(c, 65536)
	switch cmd {
	case "bytes":
		n, _ := strconv.Atoi(rest)
		w.Write(pattern(n))
	case "lines":
		n, _ := strconv.Atoi(rest)
		for i := 1; i <= n; i++ {
			end := "\n"
			if i%2 == 0 {
				end = "\r\n"
			}
			fmt.Fprintf(w, "line %d %s%s", i, pattern(i%7), end)
		}
	case "raw", "hold":
		w.WriteString(strings.NewReplacer(`\n`, "\n", `\r`, "\r").Replace(rest))
	case "echo":
		w.Flush()
		buf := make([]byte, 65536)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				c.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	case "drain":
		// Never read: the client's sends fill the buffers. The test's
		// cleanup closes the connection, which ends this wait.
		w.Flush()
		<-closed(c)
		return
	}
	w.Flush()
	if cmd == "hold" {
		buf := make([]byte, 4096)
		for {
			if _, err := r.Read(buf); err != nil {
				return
			}
		}
	}
}

// closed returns a channel closed when c is closed (by the test's cleanup);
// it polls c's deadline-free state without reading from it.
func closed(c net.Conn) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			// SetDeadline fails once the connection is closed.
			if err := c.SetWriteDeadline(time.Now().Add(time.Minute)); err != nil {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	return done
}

// TestDifferential runs each program in testdata/diff under real
// LuaSocket and under netlua; the outputs must be the same, apart from
// object addresses.
func TestDifferential(t *testing.T) {
	lua := realLuaSocket(t)
	port := peer(t)
	files, _ := filepath.Glob("testdata/diff/*.lua")
	if len(files) == 0 {
		t.Fatal("no programs in testdata/diff")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			want := normalize(runReal(t, lua, file, port))
			got := normalize(runOurs(t, file, port))
			if got != want {
				t.Errorf("%s: netlua and LuaSocket differ\n%s", file, lineDiff(want, got))
			}
		})
	}
}

// lineDiff shows the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  LuaSocket: %q\n  netlua:    %q\n", i+1, wl, gl)
			if shown++; shown == 10 {
				break
			}
		}
	}
	return b.String()
}
