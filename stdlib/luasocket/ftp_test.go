package luasocket_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// ftpServer is a small FTP server with in-memory files: USER, PASS, TYPE,
// EPSV, PASV, RETR, STOR, CWD, DELE, NOOP, QUIT. It records each
// session's commands.
type ftpServer struct {
	ln    net.Listener
	mu    sync.Mutex
	files map[string]string
	log   []string
	wg    sync.WaitGroup
}

func newFTPServer(t *testing.T) *ftpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &ftpServer{ln: ln, files: map[string]string{
		"hello.txt":     "hello, world\r\n",
		"dir/big.bin":   strings.Repeat("0123456789", 30000),
		"with space.md": "spaced\n",
	}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.session(c)
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

func (s *ftpServer) port() string { return strconv.Itoa(s.ln.Addr().(*net.TCPAddr).Port) }

func (s *ftpServer) record(line string) {
	s.mu.Lock()
	s.log = append(s.log, line)
	s.mu.Unlock()
}

func (s *ftpServer) session(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	reply := func(format string, args ...any) { fmt.Fprintf(c, format+"\r\n", args...) }
	var data net.Listener
	defer func() {
		if data != nil {
			data.Close()
		}
	}()
	accept := func() net.Conn {
		if data == nil {
			return nil
		}
		conn, err := data.Accept()
		data.Close()
		data = nil
		if err != nil {
			return nil
		}
		return conn
	}
	reply("220-test FTP server")
	reply("220 ready")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		s.record(line)
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "USER":
			reply("331 password please")
		case "PASS":
			reply("230 logged in")
		case "TYPE":
			reply("200 type %s", arg)
		case "EPSV", "PASV":
			if data, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
				reply("425 no data connection")
				continue
			}
			p := data.Addr().(*net.TCPAddr).Port
			if strings.ToUpper(verb) == "EPSV" {
				reply("229 Entering Extended Passive Mode (|||%d|)", p)
			} else {
				reply("227 Entering Passive Mode (127,0,0,1,%d,%d)", p/256, p%256)
			}
		case "RETR":
			s.mu.Lock()
			content, ok := s.files[arg]
			s.mu.Unlock()
			if !ok {
				reply("550 no such file")
				continue
			}
			reply("150 sending")
			if conn := accept(); conn != nil {
				io.WriteString(conn, content)
				conn.Close()
			}
			reply("226 done")
		case "STOR":
			reply("150 receiving")
			if conn := accept(); conn != nil {
				b, _ := io.ReadAll(conn)
				conn.Close()
				s.mu.Lock()
				s.files[arg] = string(b)
				s.mu.Unlock()
				s.record(fmt.Sprintf("stored %d bytes", len(b)))
			}
			reply("226 stored")
		case "CWD":
			reply("250 ok")
		case "DELE":
			reply("250 deleted")
		case "NOOP":
			reply("200 ok")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

func (s *ftpServer) transcript() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.log, "\n")
}

// TestFTPDifferential runs the same transfers with real LuaSocket and
// with netlua: outputs and the servers' transcripts must match.
func TestFTPDifferential(t *testing.T) {
	lua := realLuaSocket(t)
	real := newFTPServer(t)
	want := runReal(t, lua, "testdata/ftp.lua", real.port())
	ours := newFTPServer(t)
	got := runOurs(t, "testdata/ftp.lua", ours.port())
	if got != want {
		t.Errorf("output differs\n%s", lineDiff(want, got))
	}
	if g, w := ours.transcript(), real.transcript(); g != w {
		t.Errorf("transcripts differ\n%s", lineDiff(w, g))
	}
}

// TestFTP checks the results themselves, where lua5.1 is missing too.
func TestFTP(t *testing.T) {
	s := newFTPServer(t)
	out := runOurs(t, "testdata/ftp.lua", s.port())
	for _, want := range []string{
		"get\thello, world\r\n",
		"big\t300000\ttrue",
		"put\t11",
		"again\tuploaded!!!",
		"missing\tnil\t550 no such file",
		"command\t1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if tr := s.transcript(); !strings.Contains(tr, "USER anonymous\nPASS secret\nTYPE i\nEPSV\nRETR dir/big.bin") {
		t.Errorf("transcript:\n%s", tr)
	}
}
