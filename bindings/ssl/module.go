// Package ssl is netlua's `ssl` module: Python's ssl module for Lua, on Go's
// crypto/tls and crypto/x509.
//
// Files: module.go declares the module, its constants and functions;
// context.go is SSLContext; sslsocket.go and methods.go are SSLSocket, and
// tlsconn.go the connection under crypto/tls (a socket.Transport, and the
// pipe a handshake runs over); file.go is makefile's file object; certs.go
// reads certificates and keys and makes getpeercert's dict; ciphers.go maps
// cipher suites to OpenSSL's names; errors.go the exception classes and
// how Go's errors become OpenSSL's texts.
package ssl

import (
	"crypto/tls"
	"encoding/pem"
	"fmt"
	"runtime"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/transport"
	"netlua/interp"
)

// Purpose values are the OIDs of the extended key usages, as CPython's
// Purpose members carry them.
const (
	serverAuth = "1.3.6.1.5.5.7.3.1"
	clientAuth = "1.3.6.1.5.5.7.3.2"
)

// Module is the ssl module.
var Module = &interp.Module{
	Name: "ssl",
	Doc:  "TLS for sockets: Python's ssl module, on Go's crypto/tls. ctx = ssl.create_default_context() trusts the system's certificate authorities and checks host names; ctx:wrap_socket(sock, {server_hostname = host}) turns a connected socket into an SSLSocket that reads and writes like the socket, encrypted. A server loads its certificate with ctx:load_cert_chain(certfile, keyfile) on ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER) and wraps accepted sockets with {server_side = true}. Options are a trailing table, as in the socket module.",
	Funcs: []interp.Func{
		{Name: "SSLContext", Fn: contextNew, Sig: "ssl.SSLContext([protocol]) -> SSLContext",
			Doc: "Makes a context: PROTOCOL_TLS_CLIENT (verifies the server: CERT_REQUIRED and check_hostname), PROTOCOL_TLS_SERVER, or PROTOCOL_TLS (the default; neither verifies).",
			Py:  "ssl.SSLContext(protocol=PROTOCOL_TLS)"},
		{Name: "create_default_context", Fn: createDefaultContext, PyFunc: true, Sig: "ssl.create_default_context([purpose] [, {cafile=, capath=, cadata=}]) -> SSLContext",
			Doc: "The recommended context: for Purpose.SERVER_AUTH (the default, a client's) it verifies certificates and host names, trusting cafile/capath/cadata if given, else the system's authorities; for Purpose.CLIENT_AUTH a server's. Minimum version TLS 1.2.",
			Py:  "ssl.create_default_context(purpose=Purpose.SERVER_AUTH, cafile=None, capath=None, cadata=None)"},
		{Name: "get_server_certificate", Fn: getServerCertificate, PyFunc: true, Sig: "ssl.get_server_certificate(addr [, {ca_certs=, timeout=}]) -> string",
			Doc: "Connects to addr {host, port}, runs a handshake and returns the server's certificate as PEM. With ca_certs (a file) the certificate must verify against it; otherwise it is not checked.",
			Py:  "ssl.get_server_certificate(addr, ssl_version=PROTOCOL_TLS_CLIENT, ca_certs=None, timeout=...)"},
		{Name: "DER_cert_to_PEM_cert", Fn: derToPEM, Sig: "ssl.DER_cert_to_PEM_cert(der) -> string",
			Doc: "Wraps DER certificate bytes as PEM text (base64 in 64-column lines between BEGIN/END CERTIFICATE).",
			Py:  "ssl.DER_cert_to_PEM_cert(der_cert_bytes)"},
		{Name: "PEM_cert_to_DER_cert", Fn: pemToDER, Sig: "ssl.PEM_cert_to_DER_cert(pem) -> string",
			Doc: "Decodes a PEM certificate to its DER bytes.",
			Py:  "ssl.PEM_cert_to_DER_cert(pem_cert_string)"},
	},
	Types:   []*interp.Type{contextType, socketType, fileType},
	Classes: sslClasses,
	Consts: []interp.Const{
		{Name: "PROTOCOL_TLS", Value: protocolTLS}, {Name: "PROTOCOL_SSLv23", Value: protocolTLS},
		{Name: "PROTOCOL_TLS_CLIENT", Value: protocolTLSClient}, {Name: "PROTOCOL_TLS_SERVER", Value: protocolTLSServer},
		{Name: "CERT_NONE", Value: certNone}, {Name: "CERT_OPTIONAL", Value: certOptional}, {Name: "CERT_REQUIRED", Value: certRequired},
		{Name: "SSL_ERROR_SSL", Value: errSSL}, {Name: "SSL_ERROR_WANT_READ", Value: errWantRead},
		{Name: "SSL_ERROR_WANT_WRITE", Value: errWantWrite}, {Name: "SSL_ERROR_SYSCALL", Value: errSyscall},
		{Name: "SSL_ERROR_ZERO_RETURN", Value: errZeroReturn}, {Name: "SSL_ERROR_EOF", Value: errEOF},
		{Name: "TLSVersion", Value: func(L *lua.LState) lua.LValue {
			t := L.NewTable()
			for name, v := range map[string]int{
				"MINIMUM_SUPPORTED": minSupported, "MAXIMUM_SUPPORTED": maxSupported, "SSLv3": 0x300,
				"TLSv1": tls.VersionTLS10, "TLSv1_1": tls.VersionTLS11, "TLSv1_2": tls.VersionTLS12, "TLSv1_3": tls.VersionTLS13,
			} {
				t.RawSetString(name, lua.LNumber(v))
			}
			return t
		}},
		{Name: "Purpose", Value: func(L *lua.LState) lua.LValue {
			t := L.NewTable()
			t.RawSetString("SERVER_AUTH", lua.LString(serverAuth))
			t.RawSetString("CLIENT_AUTH", lua.LString(clientAuth))
			return t
		}},
		{Name: "HAS_SNI", Value: true}, {Name: "HAS_ALPN", Value: true}, {Name: "HAS_ECDH", Value: true},
		{Name: "HAS_TLSv1", Value: true}, {Name: "HAS_TLSv1_1", Value: true}, {Name: "HAS_TLSv1_2", Value: true},
		{Name: "HAS_TLSv1_3", Value: true}, {Name: "HAS_SSLv2", Value: false}, {Name: "HAS_SSLv3", Value: false},
		{Name: "HAS_NPN", Value: false},
		{Name: "OPENSSL_VERSION", Value: fmt.Sprintf("Go crypto/tls (%s), not OpenSSL", runtime.Version())},
		{Name: "CertificateError", Value: SSLCertVerificationError},
	},
	Open: func(L *lua.LState, mod *lua.LTable) {
		rt := interp.Of(L)
		// str(e) of an SSL error is its strerror alone, as in CPython.
		for _, c := range sslClasses {
			rt.ClassTable(c).RawSetString("__strerror", lua.LTrue)
		}
		// The object types' method tables, for help(ssl.SSLSocket); the
		// SSLContext entry is its constructor, as in CPython.
		mod.RawSetString("SSLSocket", rt.TypeMethods(socketType))
		mod.RawSetString("SSLFile", rt.TypeMethods(fileType))
	},
}

// serverCertOptions are get_server_certificate's keyword arguments.
// getServerCertificate is CPython's: create_connection, a context that
// verifies only with ca_certs, no host name check, getpeercert(true) as PEM.
func getServerCertificate(L *lua.LState) int {
	var addr *lua.LTable
	var opts struct{ caCerts, timeout lua.LValue }
	var caCerts string
	var timeout float64
	hasCA, hasTimeout := false, false
	interp.UnpackArgs(L, 1, "addr", &addr, "ca_certs?", interp.Given(&caCerts, &hasCA), "timeout?", interp.Given(&timeout, &hasTimeout))
	opts.caCerts, opts.timeout = lua.LNil, lua.LNil
	if hasCA {
		opts.caCerts = lua.LString(caCerts)
	}
	if hasTimeout {
		opts.timeout = lua.LNumber(timeout)
	}
	host, ok := addr.RawGetInt(1).(lua.LString)
	if !ok {
		interp.Raise(L, interp.TypeError, "get_server_certificate(): addr must be a {host, port} table")
	}
	c := newContext(L, protocolTLSClient)
	c.checkHostname = false
	if cafile, ok := opts.caCerts.(lua.LString); ok {
		c.loadVerify(L, cafile, lua.LNil, lua.LNil)
	} else {
		c.verifyMode = certNone
	}
	// socket.create_connection does the connecting, timeout and all.
	L.Push(L.GetGlobal("require"))
	L.Push(lua.LString("socket"))
	L.Call(1, 1)
	sockMod, _ := L.Get(-1).(*lua.LTable)
	L.Pop(1)
	if sockMod == nil {
		interp.Raise(L, interp.RuntimeError, "get_server_certificate(): the socket module is not available")
	}
	L.Push(sockMod.RawGetString("create_connection"))
	L.Push(addr)
	L.Push(opts.timeout)
	L.Call(2, 1)
	sockValue := L.Get(-1)
	L.Pop(1)
	s := &sslSocket{ctx: c, hostname: string(host), ragged: true}
	s.t = transport.Detach(L, sockValue)
	s.nc = &netConn{t: s.t}
	defer s.abandon()
	s.doHandshake(L)
	cert := s.conn.ConnectionState().PeerCertificates[0]
	L.Push(lua.LString(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})))
	return 1
}
