package ssl

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// sslContext is ssl.SSLContext: settings shared by the connections it wraps.
type sslContext struct {
	protocol      int
	verifyMode    int
	checkHostname bool
	minVersion    int // Python's TLSVersion numbers, which are TLS's own (771 is 1.2)
	maxVersion    int
	certs         []tls.Certificate
	trusted       []*x509.Certificate // loaded by load_verify_locations, for get_ca_certs
	systemRoots   bool                // load_default_certs was called
	alpn          []string
	ciphers       []uint16 // nil: Go's defaults
}

const (
	protocolTLS       = 2
	protocolTLSClient = 16
	protocolTLSServer = 17

	certNone     = 0
	certOptional = 1
	certRequired = 2

	minSupported = -2
	maxSupported = -1
)

var contextType = &interp.Type{
	Name: "ssl.SSLContext",
	Doc:  "Settings for TLS connections, made by ssl.SSLContext(protocol) or ssl.create_default_context(). Fields protocol, verify_mode, check_hostname, minimum_version and maximum_version read and set as CPython's attributes do (verify_mode cannot be CERT_NONE while check_hostname is true). wrap_socket makes an SSLSocket.",
	Methods: []interp.Func{
		{Name: "load_cert_chain", Fn: ctxLoadCertChain, Sig: "ctx:load_cert_chain(certfile [, keyfile [, password]])",
			Doc: "Loads this side's certificate (PEM; further certificates in the file form the chain) and its private key, from keyfile or else from certfile. password (a string, or a function returning one) decrypts an encrypted key (PKCS #8 with PBES2, as OpenSSL 3 writes, or the older PEM encryption). A missing file raises FileNotFoundError; unreadable PEM SSLError '[SSL] PEM lib'; a key that is not the certificate's '[X509: KEY_VALUES_MISMATCH] key values mismatch'.",
			Py:  "ctx.load_cert_chain(certfile, keyfile=None, password=None)"},
		{Name: "load_verify_locations", Fn: ctxLoadVerify, Sig: "ctx:load_verify_locations([cafile [, capath [, cadata]]])",
			Doc: "Trusts the certificate authorities in cafile (PEM), in the files of directory capath, or in cadata (PEM text, or DER bytes). At least one is needed.",
			Py:  "ctx.load_verify_locations(cafile=None, capath=None, cadata=None)"},
		{Name: "load_default_certs", Fn: ctxLoadDefault, Sig: "ctx:load_default_certs([purpose])",
			Doc: "Trusts the system's certificate authorities (on Windows and macOS, through the system's own verifier).",
			Py:  "ctx.load_default_certs(purpose=Purpose.SERVER_AUTH)"},
		{Name: "set_alpn_protocols", Fn: ctxSetALPN, Sig: "ctx:set_alpn_protocols(protocols)",
			Doc: "Sets the application protocols (a list of strings, such as {'h2', 'http/1.1'}) offered or accepted in the handshake; selected_alpn_protocol() tells which one was agreed.",
			Py:  "ctx.set_alpn_protocols(['h2', 'http/1.1'])"},
		{Name: "set_ciphers", Fn: ctxSetCiphers, Sig: "ctx:set_ciphers(ciphers)",
			Doc: "Restricts TLS 1.2 cipher suites with an OpenSSL cipher string ('ECDHE+AESGCM:!aNULL', 'HIGH', names like 'ECDHE-RSA-AES128-GCM-SHA256'). Suites Go does not implement are ignored; if none is left, SSLError 'No cipher can be selected.'. TLS 1.3 suites are not affected, as in CPython.",
			Py:  "ctx.set_ciphers(ciphers)"},
		{Name: "get_ca_certs", Fn: ctxGetCACerts, Sig: "ctx:get_ca_certs([binary_form]) -> list",
			Doc: "Returns the certificate authorities loaded with load_verify_locations, as getpeercert() dicts, or as DER strings with binary_form. System roots are not listed, as in CPython.",
			Py:  "ctx.get_ca_certs(binary_form=False)"},
		{Name: "get_ciphers", Fn: ctxGetCiphers, Sig: "ctx:get_ciphers() -> list",
			Doc: "Returns the enabled cipher suites as tables with name, protocol and strength_bits (alg_bits).",
			Py:  "ctx.get_ciphers()"},
		{Name: "wrap_socket", Fn: ctxWrapSocket, PyFunc: true, Sig: "ctx:wrap_socket(sock [, {server_side=, server_hostname=, do_handshake_on_connect=, suppress_ragged_eofs=, session=}]) -> SSLSocket",
			Doc: "Wraps a TCP socket into an SSLSocket, taking its descriptor (sock is left closed, as after detach). On a connected socket the handshake runs at once unless do_handshake_on_connect is false. A client gives server_hostname, which is sent (SNI) and checked against the certificate when check_hostname is true.",
			Py:  "ctx.wrap_socket(sock, server_side=False, do_handshake_on_connect=True, suppress_ragged_eofs=True, server_hostname=None)"},
	},
}

// newContext is SSLContext(protocol) with CPython's defaults.
func newContext(L *lua.LState, protocol int) *sslContext {
	c := &sslContext{protocol: protocol, minVersion: tls.VersionTLS12, maxVersion: maxSupported}
	switch protocol {
	case protocolTLSClient:
		c.verifyMode, c.checkHostname = certRequired, true
	case protocolTLSServer, protocolTLS:
	default:
		interp.Raise(L, interp.ValueError, "invalid or unsupported protocol version %d", protocol)
	}
	return c
}

func contextNew(L *lua.LState) int {
	protocol := protocolTLS
	interp.UnpackArgs(L, 1, "protocol?", &protocol)
	pushContext(L, newContext(L, protocol))
	return 1
}

func createDefaultContext(L *lua.LState) int {
	purpose := serverAuth
	var opts struct{ cafile, capath, cadata lua.LValue }
	opts.cafile, opts.capath, opts.cadata = lua.LNil, lua.LNil, lua.LNil
	interp.UnpackArgs(L, 1, "purpose?", &purpose, "cafile?", &opts.cafile, "capath?", &opts.capath, "cadata?", &opts.cadata)
	var c *sslContext
	switch purpose {
	case serverAuth:
		c = newContext(L, protocolTLSClient)
	case clientAuth:
		c = newContext(L, protocolTLSServer)
	default:
		interp.Raise(L, interp.TypeError, "create_default_context(): purpose must be ssl.Purpose.SERVER_AUTH or CLIENT_AUTH, not %s", interp.Repr(L.Get(1)))
	}
	if opts.cafile != lua.LNil || opts.capath != lua.LNil || opts.cadata != lua.LNil {
		c.loadVerify(L, opts.cafile, opts.capath, opts.cadata)
	} else if c.verifyMode != certNone {
		c.systemRoots = true
	}
	pushContext(L, c)
	return 1
}

func pushContext(L *lua.LState, c *sslContext) {
	ud := L.NewUserData()
	ud.Value = c
	L.SetMetatable(ud, contextMeta(L))
	L.Push(ud)
}

func contextMeta(L *lua.LState) *lua.LTable {
	rt := interp.Of(L)
	meta := rt.TypeMeta(contextType)
	if meta.RawGetString("__tostring") != lua.LNil {
		return meta
	}
	methods := rt.TypeMethods(contextType)
	meta.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		c := L.CheckUserData(1).Value.(*sslContext)
		switch L.Get(2) {
		case lua.LString("protocol"):
			L.Push(lua.LNumber(c.protocol))
		case lua.LString("verify_mode"):
			L.Push(lua.LNumber(c.verifyMode))
		case lua.LString("check_hostname"):
			L.Push(lua.LBool(c.checkHostname))
		case lua.LString("minimum_version"):
			L.Push(lua.LNumber(c.minVersion))
		case lua.LString("maximum_version"):
			L.Push(lua.LNumber(c.maxVersion))
		default:
			L.Push(methods.RawGet(L.Get(2)))
		}
		return 1
	}))
	meta.RawSetString("__newindex", L.NewFunction(contextSet))
	meta.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(fmt.Sprintf("<ssl.SSLContext object at %p>", L.CheckUserData(1).Value)))
		return 1
	}))
	return meta
}

// contextSet assigns a field with CPython's rules.
func contextSet(L *lua.LState) int {
	c := L.CheckUserData(1).Value.(*sslContext)
	key, v := L.Get(2), L.Get(3)
	intValue := func(name string) int {
		n, msg := interp.ToInt(v)
		if msg != "" {
			interp.Raise(L, interp.TypeError, "SSLContext.%s %s", name, msg)
		}
		return int(n)
	}
	switch key {
	case lua.LString("verify_mode"):
		m := intValue("verify_mode")
		if m < certNone || m > certRequired {
			interp.Raise(L, interp.ValueError, "invalid value for verify_mode")
		}
		if m == certNone && c.checkHostname {
			interp.Raise(L, interp.ValueError, "Cannot set verify_mode to CERT_NONE when check_hostname is enabled.")
		}
		c.verifyMode = m
	case lua.LString("check_hostname"):
		c.checkHostname = lua.LVAsBool(v)
		if c.checkHostname && c.verifyMode == certNone {
			c.verifyMode = certRequired
		}
	case lua.LString("minimum_version"), lua.LString("maximum_version"):
		name := string(key.(lua.LString))
		n := intValue(name)
		if n != minSupported && n != maxSupported && (n < 0x300 || n > tls.VersionTLS13) {
			interp.Raise(L, interp.ValueError, "Unsupported TLS/SSL version 0x%x", n)
		}
		if name == "minimum_version" {
			c.minVersion = n
		} else {
			c.maxVersion = n
		}
	case lua.LString("protocol"):
		interp.Raise(L, interp.AttributeError, "attribute 'protocol' of 'ssl.SSLContext' objects is not writable")
	default:
		interp.Raise(L, interp.AttributeError, "'SSLContext' object has no attribute %s", interp.Repr(key))
	}
	return 0
}

func ctxLoadCertChain(L *lua.LState) int {
	c := interp.Self[*sslContext](L)
	var certfile, keyfile string
	var password lua.LValue = lua.LNil
	interp.UnpackArgs(L, 2, "certfile", &certfile, "keyfile?", &keyfile, "password?", &password)
	if fn, ok := password.(*lua.LFunction); ok {
		// CPython calls a callable password for the key's passphrase.
		L.Push(fn)
		L.Call(0, 1)
		password = L.Get(-1)
		L.Pop(1)
		if _, ok := password.(lua.LString); !ok {
			interp.Raise(L, interp.TypeError, "password callback must return a string")
		}
	}
	if _, ok := password.(lua.LString); !ok && password != lua.LNil {
		interp.Raise(L, interp.TypeError, "password should be a string or callable")
	}
	c.certs = []tls.Certificate{loadKeyPair(L, certfile, keyfile, lua.LVAsString(password))}
	return 0
}

func ctxLoadVerify(L *lua.LState) int {
	c := interp.Self[*sslContext](L)
	cafile, capath, cadata := lua.LValue(lua.LNil), lua.LValue(lua.LNil), lua.LValue(lua.LNil)
	interp.UnpackArgs(L, 2, "cafile?", &cafile, "capath?", &capath, "cadata?", &cadata)
	c.loadVerify(L, cafile, capath, cadata)
	return 0
}

func (c *sslContext) loadVerify(L *lua.LState, cafile, capath, cadata lua.LValue) {
	if cafile == lua.LNil && capath == lua.LNil && cadata == lua.LNil {
		interp.Raise(L, interp.TypeError, "cafile, capath and cadata cannot be all omitted")
	}
	for _, a := range []struct {
		name string
		v    lua.LValue
	}{{"cafile", cafile}, {"capath", capath}, {"cadata", cadata}} {
		if _, ok := a.v.(lua.LString); !ok && a.v != lua.LNil {
			interp.Raise(L, interp.TypeError, "load_verify_locations() argument '%s' should be a valid filesystem path or string, not %s", a.name, interp.TypeName(a.v))
		}
	}
	if s, ok := cafile.(lua.LString); ok {
		certs, err := parsePEMCerts(readFile(L, string(s)))
		if err != nil || len(certs) == 0 {
			(&sslErr{cls: SSLError, errno: 136, library: "X509", reason: "NO_CERTIFICATE_OR_CRL_FOUND", text: "no certificate or crl found"}).raise(L)
		}
		c.trusted = append(c.trusted, certs...)
	}
	if s, ok := capath.(lua.LString); ok {
		c.trusted = append(c.trusted, capathCerts(L, string(s))...)
	}
	if s, ok := cadata.(lua.LString); ok {
		data := []byte(s)
		var certs []*x509.Certificate
		var err error
		if strings.Contains(string(data), "-----BEGIN") {
			certs, err = parsePEMCerts(data)
		} else {
			certs, err = parseDERCerts(data)
		}
		if err != nil || len(certs) == 0 {
			(&sslErr{cls: SSLError, text: "no start line: cadata does not contain a certificate"}).raise(L)
		}
		c.trusted = append(c.trusted, certs...)
	}
}

func ctxLoadDefault(L *lua.LState) int {
	c := interp.Self[*sslContext](L)
	purpose := serverAuth
	interp.UnpackArgs(L, 2, "purpose?", &purpose)
	if purpose != serverAuth && purpose != clientAuth {
		interp.Raise(L, interp.TypeError, "load_default_certs(): purpose must be ssl.Purpose.SERVER_AUTH or CLIENT_AUTH")
	}
	c.systemRoots = true
	return 0
}

func ctxSetALPN(L *lua.LState) int {
	c := interp.Self[*sslContext](L)
	var list *lua.LTable
	interp.UnpackArgs(L, 2, "protocols", &list)
	var protos []string
	for i := 1; i <= list.Len(); i++ {
		s, ok := list.RawGetInt(i).(lua.LString)
		if !ok {
			interp.Raise(L, interp.TypeError, "set_alpn_protocols(): protocols must be strings, not %s", interp.TypeName(list.RawGetInt(i)))
		}
		if len(s) == 0 || len(s) > 255 {
			interp.Raise(L, interp.ValueError, "set_alpn_protocols(): ALPN protocols must be 1 to 255 in length")
		}
		protos = append(protos, string(s))
	}
	c.alpn = protos
	return 0
}

func ctxSetCiphers(L *lua.LState) int {
	c := interp.Self[*sslContext](L)
	var spec string
	interp.UnpackArgs(L, 2, "ciphers", &spec)
	ids := selectCiphers(spec)
	if len(ids) == 0 {
		interp.RaiseValue(L, interp.NewException(L, SSLError, lua.LString("No cipher can be selected.")))
	}
	c.ciphers = ids
	return 0
}

func ctxGetCACerts(L *lua.LState) int {
	c := interp.Self[*sslContext](L)
	binary := false
	interp.UnpackArgs(L, 2, "binary_form?", &binary)
	list := L.NewTable()
	for _, cert := range c.trusted {
		if !cert.IsCA {
			continue
		}
		if binary {
			list.Append(lua.LString(cert.Raw))
		} else {
			list.Append(certDict(L, cert))
		}
	}
	L.Push(list)
	return 1
}

func ctxGetCiphers(L *lua.LState) int {
	c := interp.Self[*sslContext](L)
	interp.UnpackArgs(L, 2)
	list := L.NewTable()
	for _, s := range tls.CipherSuites() {
		if len(s.SupportedVersions) == 1 && s.SupportedVersions[0] == tls.VersionTLS13 || c.allows(s.ID) {
			t := L.NewTable()
			name, bits := cipherInfo(s.ID)
			t.RawSetString("name", lua.LString(name))
			t.RawSetString("id", lua.LNumber(0x03000000|int(s.ID)))
			proto := "TLSv1.2"
			if s.SupportedVersions[0] == tls.VersionTLS13 {
				proto = "TLSv1.3"
			}
			t.RawSetString("protocol", lua.LString(proto))
			t.RawSetString("strength_bits", lua.LNumber(bits))
			t.RawSetString("alg_bits", lua.LNumber(bits))
			list.Append(t)
		}
	}
	L.Push(list)
	return 1
}

func (c *sslContext) allows(id uint16) bool {
	if c.ciphers == nil {
		return true
	}
	for _, x := range c.ciphers {
		if x == id {
			return true
		}
	}
	return false
}

// roots is the trust store verification uses: the system's (nil lets Go
// use the platform verifier on Windows and macOS) and/or what was loaded.
func (c *sslContext) roots() *x509.CertPool {
	if c.systemRoots && len(c.trusted) == 0 {
		return nil
	}
	pool := x509.NewCertPool()
	if c.systemRoots {
		if sys, err := x509.SystemCertPool(); err == nil {
			pool = sys
		}
	}
	for _, cert := range c.trusted {
		pool.AddCert(cert)
	}
	return pool
}
