package ssl

import (
	"crypto/tls"
	"math"
	"syscall"
	"unsafe"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/transport"
	"netlua/interp"
)

var socketType = &interp.Type{
	Name: "ssl.SSLSocket",
	Doc:  "A TLS connection, made by ctx:wrap_socket(sock). It reads and writes like a socket (recv, send, sendall, makefile...), with the TLS records encrypted underneath; fields context and server_hostname, and server_side, read like CPython's attributes. Waiting releases other threads and ends with KeyboardInterrupt on Ctrl-C; a non-blocking SSLSocket raises SSLWantReadError or SSLWantWriteError where a socket would raise BlockingIOError.",
}

func init() {
	socketType.Methods = []interp.Func{
		{Name: "do_handshake", Fn: sslDoHandshake, Sig: "s:do_handshake()",
			Doc: "Runs the TLS handshake (wrap_socket does it on a connected socket unless do_handshake_on_connect is false). A client checks the server's certificate here: SSLCertVerificationError says why it is refused. Non-blocking: raises SSLWantReadError/SSLWantWriteError until it is done; call again when select says the socket is ready.",
			Py:  "s.do_handshake()"},
		{Name: "connect", Fn: sslConnect, Sig: "s:connect(address)",
			Doc: "Connects the underlying socket, then runs the handshake unless do_handshake_on_connect was false.",
			Py:  "s.connect(address)"},
		{Name: "recv", Fn: sslRecv, Sig: "s:recv([bufsize]) -> string",
			Doc: "Receives up to bufsize (default 1024) bytes of decrypted data; '' when the peer ended the session.",
			Py:  "s.recv(bufsize=1024)"},
		{Name: "read", Fn: sslRead, Sig: "s:read([len]) -> string",
			Doc: "Like recv: up to len (default 1024) bytes of decrypted data, '' at the end.",
			Py:  "s.read(len=1024)"},
		{Name: "recv_into", Fn: sslRecvInto, Sig: "s:recv_into(buffer [, nbytes]) -> number",
			Doc: "Receives up to nbytes (default: the whole buffer) of decrypted data into a socket.bytearray; returns the count.",
			Py:  "s.recv_into(buffer, nbytes=0)"},
		{Name: "send", Fn: sslSend, Sig: "s:send(data) -> number",
			Doc: "Encrypts and sends data, returning #data (a TLS send writes whole records).",
			Py:  "s.send(data)"},
		{Name: "write", Fn: sslWrite, Sig: "s:write(data) -> number",
			Doc: "Like send.",
			Py:  "s.write(data)"},
		{Name: "sendall", Fn: sslSendAll, Sig: "s:sendall(data)",
			Doc: "Encrypts and sends all of data.",
			Py:  "s.sendall(data)"},
		{Name: "pending", Fn: sslPending, Sig: "s:pending() -> number",
			Doc: "How many decrypted bytes are waiting to be read: select cannot see them, since they already left the socket.",
			Py:  "s.pending()"},
		{Name: "getpeercert", Fn: sslGetPeerCert, Sig: "s:getpeercert([binary_form]) -> table or string",
			Doc: "The peer's certificate as CPython's dict: subject and issuer (tuples of RDN tuples of {name, value}), version, serialNumber, notBefore, notAfter, subjectAltName... Empty if it was not verified (CERT_NONE); with binary_form, the DER bytes (nil without a certificate).",
			Py:  "s.getpeercert(binary_form=False)"},
		{Name: "cipher", Fn: sslCipher, Sig: "s:cipher() -> {name, protocol, bits}",
			Doc: "The cipher suite in use with its OpenSSL name, the TLS version and the secret bits; nil before the handshake.",
			Py:  "s.cipher()"},
		{Name: "version", Fn: sslVersion, Sig: "s:version() -> string",
			Doc: "The negotiated protocol: 'TLSv1.3', 'TLSv1.2'...; nil before the handshake.",
			Py:  "s.version()"},
		{Name: "selected_alpn_protocol", Fn: sslALPN, Sig: "s:selected_alpn_protocol() -> string or nil",
			Doc: "The application protocol agreed with set_alpn_protocols, or nil.",
			Py:  "s.selected_alpn_protocol()"},
		{Name: "unwrap", Fn: sslUnwrap, Sig: "s:unwrap() -> socket",
			Doc: "Ends the TLS session (sends close_notify and reads the peer's) and returns the plain socket, to go on without encryption.",
			Py:  "s.unwrap()"},
		{Name: "makefile", Fn: sslMakefile, Sig: "s:makefile([mode]) -> file",
			Doc: "A buffered file object over the TLS connection ('r', 'w', 'rw'), with read, readline, lines, write, flush and close.",
			Py:  "s.makefile(mode='r')"},
		{Name: "settimeout", Fn: sslSetTimeout, Sig: "s:settimeout(seconds or nil)",
			Doc: "The socket's timeout, for the handshake and every read and write: nil blocks, 0 is non-blocking.",
			Py:  "s.settimeout(value)"},
		{Name: "gettimeout", Fn: sslGetTimeout, Sig: "s:gettimeout() -> number or nil",
			Doc: "The timeout in seconds, 0 when non-blocking, nil when blocking.",
			Py:  "s.gettimeout()"},
		{Name: "setblocking", Fn: sslSetBlocking, Sig: "s:setblocking(flag)",
			Doc: "false is settimeout(0), true settimeout(nil).",
			Py:  "s.setblocking(flag)"},
		{Name: "fileno", Fn: sslFileno, Sig: "s:fileno() -> number",
			Doc: "The descriptor, for select; -1 once closed.",
			Py:  "s.fileno()"},
		{Name: "getpeername", Fn: sslGetPeerName, Sig: "s:getpeername() -> address",
			Doc: "The peer's address.",
			Py:  "s.getpeername()"},
		{Name: "getsockname", Fn: sslGetSockName, Sig: "s:getsockname() -> address",
			Doc: "The socket's own address.",
			Py:  "s.getsockname()"},
		{Name: "shutdown", Fn: sslShutdown, Sig: "s:shutdown(how)",
			Doc: "Shuts down the underlying connection (SHUT_RD, SHUT_WR, SHUT_RDWR), without a TLS close_notify.",
			Py:  "s.shutdown(how)"},
		{Name: "close", Fn: sslClose, Sig: "s:close()",
			Doc: "Closes the connection (without close_notify, as CPython; unwrap sends one).",
			Py:  "s.close()"},
	}
}

func pushSocket(L *lua.LState, s *sslSocket) *lua.LUserData {
	ud := L.NewUserData()
	ud.Value = s
	L.SetMetatable(ud, socketMeta(L))
	return ud
}

func socketMeta(L *lua.LState) *lua.LTable {
	rt := interp.Of(L)
	meta := rt.TypeMeta(socketType)
	if meta.RawGetString("__tostring") != lua.LNil {
		return meta
	}
	methods := rt.TypeMethods(socketType)
	meta.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		s := L.CheckUserData(1).Value.(*sslSocket)
		switch L.Get(2) {
		case lua.LString("context"):
			L.Push(s.ctxValue)
		case lua.LString("server_hostname"):
			L.Push(strOrNil(s.hostname))
		case lua.LString("server_side"):
			L.Push(lua.LBool(s.serverSide))
		case lua.LString("timeout"):
			L.Push(s.t.Timeout())
		default:
			L.Push(methods.RawGet(L.Get(2)))
		}
		return 1
	}))
	meta.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(L.CheckUserData(1).Value.(*sslSocket).t.Repr(L, "ssl.SSLSocket")))
		return 1
	}))
	return meta
}

func sslDoHandshake(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	if s.t.Closed() {
		transport.Raise(L, syscall.EBADF)
	}
	s.doHandshake(L)
	return 0
}

func sslConnect(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	if s.serverSide {
		interp.Raise(L, interp.ValueError, "can't connect in server-side mode")
	}
	if s.conn != nil || s.t.Connected() {
		interp.Raise(L, interp.ValueError, "attempt to connect already-connected SSLSocket!")
	}
	s.t.Connect(L)
	if s.onConnect {
		s.doHandshake(L)
	}
	return 0
}

// sizeArg reads recv's and read's optional size, named name.
func sizeArg(L *lua.LState, name string) int {
	n := 1024
	interp.UnpackArgs(L, 2, name+"?", &n)
	if n < 0 {
		interp.Raise(L, interp.ValueError, "negative buffer size in %s", interp.FuncName(L))
	}
	return min(n, 1<<20)
}

func sslRecv(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	n := sizeArg(L, "bufsize")
	L.Push(lua.LString(s.read(L, n, "recv")))
	return 1
}

func sslRead(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	n := sizeArg(L, "len")
	L.Push(lua.LString(s.read(L, n, "read")))
	return 1
}

func sslRecvInto(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	var buf lua.LValue
	nbytes := 0
	interp.UnpackArgs(L, 2, "buffer", &buf, "nbytes?", &nbytes)
	b, ok := interp.BufferOf(buf)
	if !ok {
		interp.Raise(L, interp.TypeError, "argument 'buffer' must be a socket.bytearray, not %s", interp.TypeName(buf))
	}
	p := b.Bytes()
	if nbytes < 0 {
		interp.Raise(L, interp.ValueError, "negative buffersize in recv_into")
	}
	if nbytes > len(p) {
		interp.Raise(L, interp.ValueError, "nbytes is greater than the length of the buffer")
	}
	if nbytes == 0 {
		nbytes = len(p)
	}
	got := s.read(L, nbytes, "recv_into")
	L.Push(lua.LNumber(copy(p, got)))
	return 1
}

// dataArg reads send's, write's and sendall's data; the usual call, a
// string alone, directly, as the socket module does.
func dataArg(L *lua.LState) string {
	if data, ok := L.Get(2).(lua.LString); ok && L.GetTop() == 2 {
		return string(data)
	}
	var data string
	interp.UnpackArgs(L, 2, "data", &data)
	return data
}

// stringBytes is a Lua string's bytes without a copy: crypto/tls only
// reads what it encrypts.
func stringBytes(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func sslSend(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	data := dataArg(L)
	s.write(L, stringBytes(data), "send")
	L.Push(lua.LNumber(len(data)))
	return 1
}

func sslWrite(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	data := dataArg(L)
	s.write(L, stringBytes(data), "write")
	L.Push(lua.LNumber(len(data)))
	return 1
}

func sslSendAll(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	data := dataArg(L)
	s.write(L, stringBytes(data), "sendall")
	return 0
}

func sslPending(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LNumber(len(s.rbuf) - s.roff))
	return 1
}

// state is the connection state after a successful handshake, or nil.
func (s *sslSocket) state() *tls.ConnectionState {
	if !s.handshook {
		return nil
	}
	st := s.conn.ConnectionState()
	return &st
}

func sslGetPeerCert(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	binary := false
	interp.UnpackArgs(L, 2, "binary_form?", &binary)
	st := s.state()
	if st == nil {
		if !s.t.Connected() {
			transport.Raise(L, syscall.ENOTCONN)
		}
		interp.Raise(L, interp.ValueError, "handshake not done yet")
	}
	if len(st.PeerCertificates) == 0 {
		L.Push(lua.LNil)
		return 1
	}
	cert := st.PeerCertificates[0]
	switch {
	case binary:
		L.Push(lua.LString(cert.Raw))
	case s.ctx.verifyMode == certNone && !s.serverSide:
		L.Push(L.NewTable()) // CPython: not validated, so an empty dict
	default:
		L.Push(certDict(L, cert))
	}
	return 1
}

func sslCipher(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	st := s.state()
	if st == nil {
		L.Push(lua.LNil)
		return 1
	}
	name, bits := cipherInfo(st.CipherSuite)
	L.Push(interp.NewTuple(L, lua.LString(name), lua.LString(versionName(st.Version)), lua.LNumber(bits)))
	return 1
}

func sslVersion(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	if st := s.state(); st != nil {
		L.Push(lua.LString(versionName(st.Version)))
	} else {
		L.Push(lua.LNil)
	}
	return 1
}

func sslALPN(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	if st := s.state(); st != nil && st.NegotiatedProtocol != "" {
		L.Push(lua.LString(st.NegotiatedProtocol))
	} else {
		L.Push(lua.LNil)
	}
	return 1
}

func sslUnwrap(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	if !s.handshook {
		interp.Raise(L, interp.ValueError, "No SSL wrapper around %s", s.t.Repr(L, "ssl.SSLSocket"))
	}
	var err error
	// Only whole records from now on: what follows the peer's close_notify
	// is plaintext for the socket unwrap returns.
	s.nc.exact = true
	s.t.Call(L, func() bool {
		if err = s.conn.CloseWrite(); err != nil {
			return false
		}
		// Read up to the peer's close_notify, dropping data still in flight.
		buf := make([]byte, recvBufSize)
		for err == nil {
			_, err = s.conn.Read(buf)
		}
		return true
	})
	if err != nil && err.Error() != "EOF" {
		raiseIO(L, "read", err)
	}
	L.Push(s.t.Attach(L))
	return 1
}

func sslSetTimeout(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	s.t.SetTimeout(L)
	return 0
}

func sslGetTimeout(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	L.Push(s.t.Timeout())
	return 1
}

func sslSetBlocking(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	var flag bool
	interp.UnpackArgs(L, 2, "flag", &flag)
	s.t.SetBlocking(flag)
	return 0
}

func sslFileno(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	L.Push(lua.LNumber(s.t.Fileno()))
	return 1
}

func sslGetPeerName(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	L.Push(s.t.PeerName(L))
	return 1
}

func sslGetSockName(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	L.Push(s.t.SockName(L))
	return 1
}

func sslShutdown(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	var how int
	interp.UnpackArgs(L, 2, "how", &how)
	if how < math.MinInt32 || how > math.MaxInt32 {
		interp.Raise(L, interp.OverflowError, "shutdown(): how is out of range")
	}
	s.t.Shutdown(L, how)
	return 0
}

func sslClose(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	interp.UnpackArgs(L, 2)
	s.close(L)
	return 0
}
