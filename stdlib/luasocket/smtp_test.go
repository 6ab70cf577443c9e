package luasocket_test

import (
	"bufio"
	"fmt"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// smtpServer is a small SMTP server that accepts every mail and records
// each session's transcript (what the client sent, and the message).
type smtpServer struct {
	ln          net.Listener
	mu          sync.Mutex
	transcripts []string
	wg          sync.WaitGroup
}

func newSMTPServer(t *testing.T) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln}
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

func (s *smtpServer) port() string { return strconv.Itoa(s.ln.Addr().(*net.TCPAddr).Port) }

func (s *smtpServer) session(c net.Conn) {
	defer c.Close()
	var log strings.Builder
	defer func() {
		s.mu.Lock()
		s.transcripts = append(s.transcripts, log.String())
		s.mu.Unlock()
	}()
	r := bufio.NewReader(c)
	reply := func(text string) { fmt.Fprintf(c, "%s\r\n", text) }
	reply("220 test ready")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		fmt.Fprintf(&log, "C: %s\n", line)
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch verb {
		case "EHLO":
			reply("250-test greets you")
			reply("250-AUTH PLAIN LOGIN")
			reply("250 OK")
		case "AUTH":
			if strings.HasSuffix(strings.ToUpper(line), " LOGIN") {
				for _, prompt := range []string{"334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6"} {
					reply(prompt)
					answer, err := r.ReadString('\n')
					if err != nil {
						return
					}
					fmt.Fprintf(&log, "C: %s\n", strings.TrimRight(answer, "\r\n"))
				}
			}
			reply("235 authenticated")
		case "MAIL", "RCPT":
			reply("250 OK")
		case "DATA":
			reply("354 go ahead")
			var msg []string
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				l = strings.TrimRight(l, "\r\n")
				if l == "." {
					break
				}
				msg = append(msg, l)
			}
			log.WriteString(normalizeMessage(msg))
			reply("250 queued")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("500 what?")
		}
	}
}

var (
	dateHeader = regexp.MustCompile(`^Date: .*`)
	boundary   = regexp.MustCompile(`\d{14}\d{5}==\d{5}`)
)

// normalizeMessage sorts each header block (the order of a Lua table's
// pairs is not fixed) and hides the date and the random boundaries.
func normalizeMessage(lines []string) string {
	var b strings.Builder
	var block []string
	flush := func() {
		sort.Strings(block)
		for _, h := range block {
			b.WriteString("H: " + h + "\n")
		}
		block = nil
	}
	inHeaders := true
	for _, l := range lines {
		l = boundary.ReplaceAllString(dateHeader.ReplaceAllString(l, "Date: DATE"), "BOUNDARY")
		switch {
		case inHeaders && l == "":
			flush()
			inHeaders = false
			b.WriteString("\n")
		case inHeaders:
			block = append(block, l)
		default:
			if strings.HasPrefix(l, "--BOUNDARY") && l != "--BOUNDARY--" {
				inHeaders = true
			}
			b.WriteString("M: " + l + "\n")
		}
	}
	flush()
	return b.String()
}

func (s *smtpServer) all() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.transcripts, "----\n")
}

// TestSMTPDifferential sends the same mails with real LuaSocket and with
// netlua; the servers' transcripts and the programs' output must match.
func TestSMTPDifferential(t *testing.T) {
	lua := realLuaSocket(t)
	real := newSMTPServer(t)
	wantOut := runReal(t, lua, "testdata/smtp.lua", real.port())
	ours := newSMTPServer(t)
	gotOut := runOurs(t, "testdata/smtp.lua", ours.port())
	if gotOut != wantOut {
		t.Errorf("output differs\n%s", lineDiff(wantOut, gotOut))
	}
	if got, want := ours.all(), real.all(); got != want {
		t.Errorf("transcripts differ\n%s", lineDiff(want, got))
	}
}

// TestSMTP checks the transcript itself, where lua5.1 is missing too.
func TestSMTP(t *testing.T) {
	s := newSMTPServer(t)
	out := runOurs(t, "testdata/smtp.lua", s.port())
	all := s.all()
	for _, want := range []string{
		"C: EHLO localhost\nC: AUTH LOGIN\nC: dXNlcg==\nC: c2VjcmV0\nC: MAIL FROM:<me@example.com>\nC: RCPT TO:<a@example.com>\nC: RCPT TO:<b@example.com>\nC: DATA\n",
		"H: Subject: plain\nH: To: a@example.com\nH: X-Mailer: LuaSocket 3.0.0\n\nM: line one\nM: ..dot stuffed\n",
		"H: Content-Type: multipart/mixed; boundary=\"BOUNDARY\"",
		"M: --BOUNDARY--",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("transcript lacks %q:\n%s", want, all)
		}
	}
	if !strings.Contains(out, "sent\t1\n") || !strings.Contains(out, "refused\tnil\tconnection refused") {
		t.Errorf("output: %s", out)
	}
}
