package scripts

// The recording proxy of the interop tests: it sits on a loopback port
// between a client and its server, forwards everything both ways, and keeps
// what each side sent.

import (
	"errors"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A flow is what went through one connection (TCP) or between one client
// socket and the server (UDP): up from the client, down from the server.
// TCP bytes are one string per direction, as a stream has no boundaries;
// UDP keeps one string per datagram.
type flow struct {
	up, down []string
}

type proxy interface {
	port() int
	settle(t *testing.T) // wait (up to 10 s) until no connection is open
	stop() []flow        // stop forwarding; the flows in the order they began
}

// proxyTimeout bounds every connection and datagram wait, so that a stuck
// program cannot keep the proxy's goroutines alive.
const proxyTimeout = 20 * time.Second

type tcpProxy struct {
	l      net.Listener
	target string
	open   atomic.Int32
	wg     sync.WaitGroup
	mu     sync.Mutex
	flows  []*flow
}

func startTCPProxy(t *testing.T, serverPort int) *tcpProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpProxy{l: l, target: net.JoinHostPort("127.0.0.1", strconv.Itoa(serverPort))}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			f := &flow{up: []string{""}, down: []string{""}}
			p.mu.Lock()
			p.flows = append(p.flows, f)
			p.mu.Unlock()
			p.open.Add(1)
			p.wg.Add(1)
			go p.forward(c.(*net.TCPConn), f)
		}
	}()
	return p
}

// forward connects to the server and copies both ways until each side has
// closed its half: a server that answers after its client has gone is
// still recorded.
func (p *tcpProxy) forward(c *net.TCPConn, f *flow) {
	defer p.wg.Done()
	defer p.open.Add(-1)
	defer c.Close()
	d, err := net.DialTimeout("tcp", p.target, proxyTimeout)
	if err != nil {
		return
	}
	s := d.(*net.TCPConn)
	defer s.Close()
	deadline := time.Now().Add(proxyTimeout)
	c.SetDeadline(deadline)
	s.SetDeadline(deadline)
	var both sync.WaitGroup
	both.Add(2)
	go func() { defer both.Done(); p.pump(c, s, &f.up[0]) }()
	go func() { defer both.Done(); p.pump(s, c, &f.down[0]) }()
	both.Wait()
}

func (p *tcpProxy) pump(src, dst *net.TCPConn, record *string) {
	buf := make([]byte, 64*1024)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			*record += string(buf[:n])
			p.mu.Unlock()
			// The receiver may have gone (a client that read 7 bytes and
			// exited); what the sender sent is recorded all the same.
			dst.Write(buf[:n])
		}
		if err != nil {
			dst.CloseWrite()
			return
		}
	}
}

func (p *tcpProxy) port() int { return p.l.Addr().(*net.TCPAddr).Port }

func (p *tcpProxy) settle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for p.open.Load() > 0 {
		if time.Now().After(deadline) {
			t.Errorf("%d proxied connections still open after 10 s", p.open.Load())
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (p *tcpProxy) stop() []flow {
	p.l.Close()
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	return copyFlows(p.flows)
}

// udpProxy gives each client socket its own socket towards the server, so
// that replies find their way back and the server sees one peer per client
// as it would without the proxy.
type udpProxy struct {
	pc     *net.UDPConn
	target *net.UDPAddr
	wg     sync.WaitGroup
	mu     sync.Mutex
	flows  []*flow
	peers  map[string]*udpPeer // by the client's address
}

type udpPeer struct {
	conn *net.UDPConn // towards the server
	flow *flow
}

func startUDPProxy(t *testing.T, serverPort int) *udpProxy {
	t.Helper()
	pc, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	p := &udpProxy{pc: pc, target: &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: serverPort}, peers: map[string]*udpPeer{}}
	pc.SetReadDeadline(time.Now().Add(proxyTimeout))
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		buf := make([]byte, 64*1024)
		for {
			n, client, err := pc.ReadFromUDP(buf)
			if err != nil {
				return
			}
			p.mu.Lock()
			peer, ok := p.peers[client.String()]
			if !ok {
				up, err := net.DialUDP("udp", nil, p.target)
				if err != nil {
					p.mu.Unlock()
					continue
				}
				up.SetReadDeadline(time.Now().Add(proxyTimeout))
				peer = &udpPeer{conn: up, flow: &flow{}}
				p.flows = append(p.flows, peer.flow)
				p.peers[client.String()] = peer
				p.wg.Add(1)
				go p.replies(peer, client)
			}
			peer.flow.up = append(peer.flow.up, string(buf[:n]))
			p.mu.Unlock()
			peer.conn.Write(buf[:n])
		}
	}()
	return p
}

// replies forwards the server's datagrams to the client until the socket
// is closed or its deadline passes. A refused send (the server not there)
// shows up as a read error on a connected UDP socket and is not the end.
func (p *udpProxy) replies(peer *udpPeer, client *net.UDPAddr) {
	defer p.wg.Done()
	buf := make([]byte, 64*1024)
	for {
		n, err := peer.conn.Read(buf)
		if err != nil {
			var ne net.Error
			if errors.Is(err, net.ErrClosed) || errors.As(err, &ne) && ne.Timeout() {
				return
			}
			continue
		}
		p.mu.Lock()
		peer.flow.down = append(peer.flow.down, string(buf[:n]))
		p.mu.Unlock()
		p.pc.WriteToUDP(buf[:n], client)
	}
}

func (p *udpProxy) port() int { return p.pc.LocalAddr().(*net.UDPAddr).Port }

// settle has nothing to wait for: a datagram is recorded when it is read,
// and stop drains what is queued.
func (p *udpProxy) settle(t *testing.T) {}

// stop drains the replies already queued (a server that answered and
// exited has its datagram in the socket's queue) and closes everything.
func (p *udpProxy) stop() []flow {
	p.pc.Close()
	p.mu.Lock()
	for _, peer := range p.peers {
		peer.conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	}
	p.mu.Unlock()
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	flows := copyFlows(p.flows)
	for _, peer := range p.peers {
		peer.conn.Close()
	}
	return flows
}

// copyFlows copies what a proxy recorded, for the test to read after the
// proxy stopped.
func copyFlows(fs []*flow) []flow {
	flows := make([]flow, len(fs))
	for i, f := range fs {
		flows[i] = *f
	}
	return flows
}
