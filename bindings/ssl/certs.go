package ssl

import (
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// Certificates: files and PEM text in, CPython's dict out.

// readFile reads a certificate or key file; a missing one raises CPython's
// FileNotFoundError, [Errno 2] No such file or directory.
func readFile(L *lua.LState, path string) []byte {
	var data []byte
	var err error
	interp.Unlocked(L, func() { data, err = os.ReadFile(path) })
	if err != nil {
		var errno syscall.Errno
		if errors.As(err, &errno) {
			interp.RaiseErrno(L, errno)
		}
		if errors.Is(err, fs.ErrNotExist) {
			interp.RaiseErrno(L, syscall.ENOENT)
		}
		interp.RaiseOSError(L, err)
	}
	return data
}

var errPEMLib = &sslErr{cls: SSLError, errno: 524297, library: "SSL", text: "PEM lib"}

// loadKeyPair reads load_cert_chain's files: the certificate chain, and the
// key from keyfile or else from certfile, decrypted with password if it is
// encrypted (PKCS #8 "ENCRYPTED PRIVATE KEY", or the legacy
// "Proc-Type: 4,ENCRYPTED" form).
func loadKeyPair(L *lua.LState, certfile, keyfile, password string) tls.Certificate {
	certPEM := readFile(L, certfile)
	keyPEM := certPEM
	if keyfile != "" {
		keyPEM = readFile(L, keyfile)
	}
	var chain [][]byte
	for rest := certPEM; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if b.Type == "CERTIFICATE" {
			chain = append(chain, b.Bytes)
		}
	}
	if len(chain) == 0 {
		errPEMLib.raise(L)
	}
	if _, err := x509.ParseCertificate(chain[0]); err != nil {
		errPEMLib.raise(L)
	}
	var keyDER []byte
	for rest := keyPEM; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if !strings.HasSuffix(b.Type, "PRIVATE KEY") {
			continue
		}
		keyDER = b.Bytes
		var err error
		switch {
		case b.Type == "ENCRYPTED PRIVATE KEY":
			keyDER, err = decryptPKCS8(b.Bytes, []byte(password))
		case x509.IsEncryptedPEMBlock(b): //nolint:staticcheck // the legacy form openssl -des3 writes
			keyDER, err = x509.DecryptPEMBlock(b, []byte(password)) //nolint:staticcheck
		}
		if err != nil {
			errPEMLib.raise(L) // CPython's text for a wrong or missing password
		}
		break
	}
	if keyDER == nil {
		errPEMLib.raise(L)
	}
	cert, err := tls.X509KeyPair(
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: chain[0]}),
		pem.EncodeToMemory(&pem.Block{Type: keyType(keyDER), Bytes: keyDER}))
	if err != nil {
		if strings.Contains(err.Error(), "does not match") {
			(&sslErr{cls: SSLError, errno: 116, library: "X509", reason: "KEY_VALUES_MISMATCH", text: "key values mismatch"}).raise(L)
		}
		errPEMLib.raise(L)
	}
	cert.Certificate = chain
	return cert
}

// keyType names a DER private key's PEM type for tls.X509KeyPair.
func keyType(der []byte) string {
	if _, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return "RSA PRIVATE KEY"
	}
	if _, err := x509.ParseECPrivateKey(der); err == nil {
		return "EC PRIVATE KEY"
	}
	return "PRIVATE KEY"
}

// parsePEMCerts returns every certificate in PEM text.
func parsePEMCerts(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for rest := data; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if b.Type != "CERTIFICATE" && b.Type != "TRUSTED CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, err
		}
		certs = append(certs, c)
	}
	return certs, nil
}

// parseDERCerts returns the concatenated DER certificates of data.
func parseDERCerts(data []byte) ([]*x509.Certificate, error) {
	return x509.ParseCertificates(data)
}

// capathCerts reads every certificate in a capath directory (OpenSSL looks
// them up by hashed name; reading them all gives the same trust).
func capathCerts(L *lua.LState, dir string) []*x509.Certificate {
	var entries []os.DirEntry
	var err error
	interp.Unlocked(L, func() { entries, err = os.ReadDir(dir) })
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			interp.RaiseErrno(L, syscall.ENOENT)
		}
		interp.RaiseOSError(L, err)
	}
	var certs []*x509.Certificate
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		if cs, err := parsePEMCerts(data); err == nil {
			certs = append(certs, cs...)
		}
	}
	return certs
}

// oidNames are OpenSSL's long names of the attributes certificates use.
var oidNames = map[string]string{
	"2.5.4.3": "commonName", "2.5.4.4": "surname", "2.5.4.5": "serialNumber", "2.5.4.6": "countryName",
	"2.5.4.7": "localityName", "2.5.4.8": "stateOrProvinceName", "2.5.4.9": "streetAddress",
	"2.5.4.10": "organizationName", "2.5.4.11": "organizationalUnitName", "2.5.4.12": "title",
	"2.5.4.15": "businessCategory", "2.5.4.17": "postalCode", "2.5.4.42": "givenName",
	"1.2.840.113549.1.9.1": "emailAddress", "0.9.2342.19200300.100.1.25": "domainComponent",
	"0.9.2342.19200300.100.1.1": "userId", "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionCountryName",
}

// nameTuple is CPython's form of a distinguished name: a tuple of RDNs, each
// a tuple of (name, value) pairs, in the certificate's order.
func nameTuple(L *lua.LState, raw []byte) lua.LValue {
	var seq pkix.RDNSequence
	if _, err := asn1.Unmarshal(raw, &seq); err != nil {
		return interp.NewTuple(L)
	}
	rdns := make([]lua.LValue, 0, len(seq))
	for _, rdn := range seq {
		pairs := make([]lua.LValue, 0, len(rdn))
		for _, atv := range rdn {
			name := oidNames[atv.Type.String()]
			if name == "" {
				name = atv.Type.String()
			}
			pairs = append(pairs, interp.NewTuple(L, lua.LString(name), lua.LString(fmt.Sprint(atv.Value))))
		}
		rdns = append(rdns, interp.NewTuple(L, pairs...))
	}
	return interp.NewTuple(L, rdns...)
}

// certTime is OpenSSL's ASN1_TIME_print, which CPython uses: "Dec  4 22:11:52 2026 GMT".
const certTime = "Jan _2 15:04:05 2006 GMT"

// certDict is CPython's getpeercert() dict (also get_ca_certs' entries).
func certDict(L *lua.LState, c *x509.Certificate) *lua.LTable {
	d := L.NewTable()
	d.RawSetString("subject", nameTuple(L, c.RawSubject))
	d.RawSetString("issuer", nameTuple(L, c.RawIssuer))
	d.RawSetString("version", lua.LNumber(c.Version))
	serial := strings.ToUpper(c.SerialNumber.Text(16))
	if len(serial)%2 == 1 {
		serial = "0" + serial
	}
	d.RawSetString("serialNumber", lua.LString(serial))
	d.RawSetString("notBefore", lua.LString(c.NotBefore.UTC().Format(certTime)))
	d.RawSetString("notAfter", lua.LString(c.NotAfter.UTC().Format(certTime)))
	var san []lua.LValue
	for _, n := range c.DNSNames {
		san = append(san, interp.NewTuple(L, lua.LString("DNS"), lua.LString(n)))
	}
	for _, e := range c.EmailAddresses {
		san = append(san, interp.NewTuple(L, lua.LString("email"), lua.LString(e)))
	}
	for _, ip := range c.IPAddresses {
		san = append(san, interp.NewTuple(L, lua.LString("IP Address"), lua.LString(ipText(ip))))
	}
	for _, u := range c.URIs {
		san = append(san, interp.NewTuple(L, lua.LString("URI"), lua.LString(u.String())))
	}
	if len(san) > 0 {
		d.RawSetString("subjectAltName", interp.NewTuple(L, san...))
	}
	for _, f := range []struct {
		key  string
		list []string
	}{{"OCSP", c.OCSPServer}, {"caIssuers", c.IssuingCertificateURL}, {"crlDistributionPoints", c.CRLDistributionPoints}} {
		if len(f.list) > 0 {
			vals := make([]lua.LValue, len(f.list))
			for i, s := range f.list {
				vals[i] = lua.LString(s)
			}
			d.RawSetString(f.key, interp.NewTuple(L, vals...))
		}
	}
	return d
}

// ipText is OpenSSL's form of an IP address in subjectAltName: IPv6 as
// eight uncompressed groups in upper-case hex.
func ipText(ip net.IP) string {
	if v4 := ip.To4(); v4 != nil {
		return v4.String()
	}
	groups := make([]string, 8)
	for i := range groups {
		groups[i] = fmt.Sprintf("%X", uint16(ip[2*i])<<8|uint16(ip[2*i+1]))
	}
	return strings.Join(groups, ":")
}

// DER and PEM, with CPython's 64-column PEM and its error texts.

const pemHeader, pemFooter = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"

func derToPEM(L *lua.LState) int {
	var der string
	interp.UnpackArgs(L, 1, "der_cert_bytes", &der)
	L.Push(lua.LString(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte(der)})))
	return 1
}

func pemToDER(L *lua.LState) int {
	var text string
	interp.UnpackArgs(L, 1, "pem_cert_string", &text)
	if !strings.HasPrefix(text, pemHeader) {
		interp.Raise(L, interp.ValueError, "Invalid PEM encoding; must start with %s", pemHeader)
	}
	if !strings.HasSuffix(strings.TrimSpace(text), pemFooter) {
		interp.Raise(L, interp.ValueError, "Invalid PEM encoding; must end with %s", pemFooter)
	}
	b, _ := pem.Decode([]byte(text))
	if b == nil {
		interp.Raise(L, interp.ValueError, "PEM_cert_to_DER_cert(): invalid base64 in the PEM text")
	}
	L.Push(lua.LString(b.Bytes))
	return 1
}
