package ssl

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"runtime"
	"syscall"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/transport"
	"netlua/interp"
)

// sslSocket is ssl.SSLSocket: a TLS connection over a socket's descriptor.
type sslSocket struct {
	t          transport.Conn
	ctx        *sslContext
	ctxValue   lua.LValue
	serverSide bool
	hostname   string // "" for none
	onConnect  bool   // do_handshake_on_connect
	ragged     bool   // suppress_ragged_eofs

	nc   *netConn
	conn *tls.Conn // nil until the handshake starts
	hs   *handshake
	// handshook: the handshake succeeded; hsErr: it failed, for good.
	handshook bool
	hsErr     error

	// rbuf[roff:] is decrypted data not returned yet (pending()).
	rbuf []byte
	roff int
	eof  bool // the peer closed the TLS session
}

// wrapOptions are wrap_socket's keyword arguments.
type wrapOptions struct {
	serverSide, noHandshake, noRagged bool
	hostname                          lua.LValue
}

func ctxWrapSocket(L *lua.LState) int {
	c := interp.Self[*sslContext](L)
	var sock lua.LValue
	opts := wrapOptions{hostname: lua.LNil}
	// Python's keyword arguments (the Sig's table); session is accepted
	// as CPython's is, and netlua does not resume sessions.
	var hostname string
	var session lua.LValue = lua.LNil
	hasHost, handshake, ragged := false, true, true
	interp.UnpackArgs(L, 2, "sock", &sock, "server_side?", &opts.serverSide,
		"server_hostname?", interp.Given(&hostname, &hasHost), "do_handshake_on_connect?", &handshake,
		"suppress_ragged_eofs?", &ragged, "session?", &session)
	opts.noHandshake, opts.noRagged = !handshake, !ragged
	if hasHost {
		opts.hostname = lua.LString(hostname)
	}
	if opts.serverSide && opts.hostname != lua.LNil {
		interp.Raise(L, interp.ValueError, "server_hostname can only be specified in client mode")
	}
	if opts.serverSide && c.protocol == protocolTLSClient {
		interp.Raise(L, interp.ValueError, "Cannot create a server socket with a PROTOCOL_TLS_CLIENT context")
	}
	if !opts.serverSide && c.protocol == protocolTLSServer {
		interp.Raise(L, interp.ValueError, "Cannot create a client socket with a PROTOCOL_TLS_SERVER context")
	}
	if !opts.serverSide && c.checkHostname && opts.hostname == lua.LNil {
		interp.Raise(L, interp.ValueError, "check_hostname requires server_hostname")
	}
	if opts.serverSide && len(c.certs) == 0 {
		(&sslErr{cls: SSLError, errno: errSSL, library: "SSL", reason: "NO_SHARED_CIPHER", text: "no shared cipher (the server context has no certificate: call load_cert_chain)"}).raise(L)
	}
	s := &sslSocket{
		t: transport.Detach(L, sock), ctx: c, ctxValue: L.Get(1),
		serverSide: opts.serverSide, onConnect: !opts.noHandshake, ragged: !opts.noRagged,
	}
	if h, ok := opts.hostname.(lua.LString); ok {
		s.hostname = string(h)
	}
	s.nc = &netConn{t: s.t}
	// A handshake left waiting (non-blocking, never finished) holds a
	// goroutine: end it when the object goes.
	runtime.AddCleanup(s, func(nc *netConn) {
		if h := nc.hs; h != nil {
			h.abort(errSocketClosed)
		}
	}, s.nc)
	ud := pushSocket(L, s)
	if s.onConnect && s.t.Connected() {
		// CPython closes the socket when the handshake in wrap_socket
		// fails: the caller never gets an object to close.
		handshook := false
		defer func() {
			if !handshook {
				s.abandon()
			}
		}()
		s.doHandshake(L)
		handshook = true
	}
	L.Push(ud)
	return 1
}

// errSocketClosed ends a handshake abandoned by close().
var errSocketClosed = errors.New("the SSL socket was closed")

// config is the tls.Config for this socket, from its context.
func (s *sslSocket) config() *tls.Config {
	c := s.ctx
	cfg := &tls.Config{
		Certificates: c.certs,
		NextProtos:   c.alpn,
		CipherSuites: c.ciphers,
		MinVersion:   tls.VersionTLS10,
		MaxVersion:   tls.VersionTLS13,
	}
	if c.minVersion > 0 {
		cfg.MinVersion = uint16(max(c.minVersion, tls.VersionTLS10))
	}
	if c.maxVersion > 0 {
		cfg.MaxVersion = uint16(max(c.maxVersion, tls.VersionTLS10))
	}
	roots := c.roots()
	if s.serverSide {
		switch c.verifyMode {
		case certOptional:
			cfg.ClientAuth = tls.VerifyClientCertIfGiven
		case certRequired:
			cfg.ClientAuth = tls.RequireAndVerifyClientCert
		}
		if roots == nil {
			roots, _ = x509.SystemCertPool()
		}
		cfg.ClientCAs = roots
		return cfg
	}
	cfg.ServerName = s.hostname
	// Verification is done here rather than by crypto/tls, because CPython
	// checks the chain and the name separately (check_hostname false with
	// CERT_REQUIRED checks the chain only), and reports the chain first.
	cfg.InsecureSkipVerify = true
	if c.verifyMode != certNone {
		checkName, name := c.checkHostname, s.hostname
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("peer did not return a certificate")
			}
			inter := x509.NewCertPool()
			for _, ic := range cs.PeerCertificates[1:] {
				inter.AddCert(ic)
			}
			leaf := cs.PeerCertificates[0]
			if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter,
				KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err != nil {
				return err
			}
			if checkName {
				return leaf.VerifyHostname(name)
			}
			return nil
		}
	}
	return cfg
}

// doHandshake runs or continues the handshake, raising its failure (and
// SSLWantReadError/SSLWantWriteError in non-blocking mode).
func (s *sslSocket) doHandshake(L *lua.LState) {
	if s.handshook {
		return
	}
	if s.hsErr != nil {
		raiseIO(L, "handshake", s.hsErr)
	}
	if !s.t.Connected() {
		transport.Raise(L, syscall.ENOTCONN)
	}
	if s.conn == nil {
		if s.serverSide {
			s.conn = tls.Server(s.nc, s.config())
		} else {
			s.conn = tls.Client(s.nc, s.config())
		}
		s.hs = startHandshake(s.nc, s.conn)
	}
	var finished bool
	var err error
	s.t.Call(L, func() bool {
		finished, err = s.hs.drive(s.t)
		return false
	})
	if !finished {
		if errors.Is(err, transport.ErrWouldBlock) {
			if s.t.Pending() > 0 {
				errNotDone("write").raise(L)
			}
			errNotDone("read").raise(L)
		}
		// Anything else (a timeout, a reset, a closed socket) ends the
		// handshake; the goroutine sees the same error.
		s.hs.abort(err)
		s.hsErr = err
		raiseIO(L, "handshake", err)
	}
	s.hs.finish(s.nc)
	s.hs = nil
	if err != nil {
		s.hsErr = err
		raiseIO(L, "handshake", err)
	}
	s.handshook = true
	s.traceHandshake(L)
}

// traceHandshake reports the outcome on a traced socket.
func (s *sslSocket) traceHandshake(L *lua.LState) {
	st := s.conn.ConnectionState()
	name, _ := cipherInfo(st.CipherSuite)
	text := fmt.Sprintf("TLS handshake done: %s, %s", versionName(st.Version), name)
	if len(st.PeerCertificates) > 0 {
		text += ", peer subject " + st.PeerCertificates[0].Subject.String()
	}
	if st.NegotiatedProtocol != "" {
		text += ", ALPN " + st.NegotiatedProtocol
	}
	s.t.TraceNote(L, text)
}

func versionName(v uint16) string {
	switch v {
	case tls.VersionTLS10:
		return "TLSv1"
	case tls.VersionTLS11:
		return "TLSv1.1"
	case tls.VersionTLS12:
		return "TLSv1.2"
	case tls.VersionTLS13:
		return "TLSv1.3"
	}
	return fmt.Sprintf("0x%04x", v)
}

// ready makes sure the connection can carry data: connected, handshake done.
func (s *sslSocket) ready(L *lua.LState) {
	if s.t.Closed() {
		transport.Raise(L, syscall.EBADF)
	}
	if !s.handshook {
		s.doHandshake(L)
	}
}

// recvBufSize is how much one TLS read asks for: a whole record.
const recvBufSize = 16 << 10

// read returns up to n bytes of plaintext ("" at the end of the session),
// from what was decrypted before, or from one TLS read.
func (s *sslSocket) read(L *lua.LState, n int, op string) []byte {
	s.ready(L)
	if n <= 0 {
		return nil
	}
	if s.roff >= len(s.rbuf) && !s.eof {
		if s.rbuf == nil || cap(s.rbuf) < recvBufSize {
			s.rbuf = make([]byte, recvBufSize)
		}
		buf := s.rbuf[:cap(s.rbuf)]
		var got int
		var err error
		s.t.Call(L, func() bool {
			if err = s.t.Flush(); err == nil || err == transport.ErrWouldBlock {
				got, err = s.conn.Read(buf)
			}
			return got > 0 || err == io.EOF
		})
		s.rbuf, s.roff = buf[:got], 0
		if err != nil && got == 0 {
			s.t.Trace(L, op, nil, 0, err)
			if err == io.EOF {
				s.eof = true
			} else if errors.Is(err, io.ErrUnexpectedEOF) && s.ragged {
				s.eof = true
			} else {
				raiseIO(L, "read", err)
			}
		}
	}
	if s.eof && s.roff >= len(s.rbuf) {
		s.t.Trace(L, op, nil, 0, nil)
		return nil
	}
	end := min(len(s.rbuf), s.roff+n)
	p := s.rbuf[s.roff:end]
	s.roff = end
	s.t.Trace(L, op, p, len(p), nil)
	return p
}

// write sends all of p as TLS records.
func (s *sslSocket) write(L *lua.LState, p []byte, op string) {
	s.ready(L)
	var err error
	s.t.Call(L, func() bool {
		if err = s.t.Flush(); err == nil {
			_, err = s.conn.Write(p)
		}
		return false
	})
	if err != nil {
		s.t.Trace(L, op, p, 0, err)
		raiseIO(L, "write", err)
	}
	s.t.Trace(L, op, p, len(p), nil)
}

// abandon closes the connection during a raise, taking no Lua state.
func (s *sslSocket) abandon() {
	if s.hs != nil {
		s.hs.abort(errSocketClosed)
	}
	s.t.Drop()
}

// close ends the connection without a close_notify, as CPython's close()
// does (unwrap sends one).
func (s *sslSocket) close(L *lua.LState) {
	if s.hs != nil {
		s.hs.abort(errSocketClosed)
	}
	s.t.Close(L)
}
