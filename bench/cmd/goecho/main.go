// Command goecho is the benchmark's plain Go echo server, the practical upper
// bound for netlua: one goroutine per connection, a 4096-byte buffer, Read
// then Write, exactly the loop of echo_server.lua and echo_server.py.
// io.Copy is avoided on purpose: between two TCP connections it may splice,
// which the Lua and Python servers cannot.
//
//	goecho PORT [BACKLOG [CERTFILE KEYFILE]]
//
// With a certificate and key it serves TLS (crypto/tls, the handshake in the
// connection's goroutine), the twin of tls_echo_server.lua and .py.
//
// net.Listen always uses the kernel's maximum backlog, so on Linux the socket
// is made and listened on with the requested backlog first and then handed
// to net, to start all three servers alike (listen_linux.go).
package main

import (
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: goecho PORT [BACKLOG]")
		os.Exit(2)
	}
	port, err := strconv.Atoi(os.Args[1])
	check(err)
	backlog := 128
	if len(os.Args) > 2 {
		backlog, err = strconv.Atoi(os.Args[2])
		check(err)
	}
	l, err := listen(port, backlog)
	check(err)
	if len(os.Args) > 4 {
		cert, err := tls.LoadX509KeyPair(os.Args[3], os.Args[4])
		check(err)
		l = tls.NewListener(l, &tls.Config{Certificates: []tls.Certificate{cert}})
	}
	fmt.Printf("echo server listening on %s\n", l.Addr())
	for {
		c, err := l.Accept()
		if err != nil {
			continue
		}
		go echo(c)
	}
}

func echo(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 4096)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			if _, werr := c.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "goecho:", err)
		os.Exit(1)
	}
}
