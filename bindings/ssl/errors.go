package ssl

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/internal/transport"
	"netlua/interp"
)

// The ssl module's exception classes, as CPython's (SSLCertVerificationError
// is also a ValueError there; Lua classes have one base).
var (
	SSLError                 = interp.NewClass("ssl.SSLError", interp.OSError)
	SSLZeroReturnError       = interp.NewClass("ssl.SSLZeroReturnError", SSLError)
	SSLWantReadError         = interp.NewClass("ssl.SSLWantReadError", SSLError)
	SSLWantWriteError        = interp.NewClass("ssl.SSLWantWriteError", SSLError)
	SSLSyscallError          = interp.NewClass("ssl.SSLSyscallError", SSLError)
	SSLEOFError              = interp.NewClass("ssl.SSLEOFError", SSLError)
	SSLCertVerificationError = interp.NewClass("ssl.SSLCertVerificationError", SSLError)
)

var sslClasses = []*interp.Class{SSLError, SSLZeroReturnError, SSLWantReadError, SSLWantWriteError,
	SSLSyscallError, SSLEOFError, SSLCertVerificationError}

// OpenSSL's SSL_ERROR_* codes, which CPython puts in errno.
const (
	errSSL        = 1
	errWantRead   = 2
	errWantWrite  = 3
	errSyscall    = 5
	errZeroReturn = 6
	errEOF        = 8
)

// An sslErr is an error to raise as one of the SSL classes: CPython's
// (errno, "[LIBRARY: REASON] text") with library and reason fields.
type sslErr struct {
	cls             *interp.Class
	errno           int
	library, reason string
	text            string
	verifyCode      int // SSLCertVerificationError only
	verifyMessage   string
}

func (e *sslErr) Error() string { return e.message() }

func (e *sslErr) message() string {
	switch {
	case e.library != "" && e.reason != "":
		return fmt.Sprintf("[%s: %s] %s", e.library, e.reason, e.text)
	case e.library != "":
		return fmt.Sprintf("[%s] %s", e.library, e.text)
	}
	return e.text
}

func (e *sslErr) raise(L *lua.LState) {
	msg := e.message()
	ex := interp.NewException(L, e.cls, lua.LNumber(e.errno), lua.LString(msg))
	ex.RawSetString("library", strOrNil(e.library))
	ex.RawSetString("reason", strOrNil(e.reason))
	if e.cls == SSLCertVerificationError {
		ex.RawSetString("verify_code", lua.LNumber(e.verifyCode))
		ex.RawSetString("verify_message", lua.LString(e.verifyMessage))
	}
	interp.RaiseValue(L, ex)
}

func strOrNil(s string) lua.LValue {
	if s == "" {
		return lua.LNil
	}
	return lua.LString(s)
}

var (
	errNotDone = func(what string) *sslErr {
		cls, code := SSLWantReadError, errWantRead
		if what == "write" {
			cls, code = SSLWantWriteError, errWantWrite
		}
		return &sslErr{cls: cls, errno: code, text: "The operation did not complete (" + what + ")"}
	}
	errUnexpectedEOF = &sslErr{cls: SSLEOFError, errno: errEOF, library: "SSL", reason: "UNEXPECTED_EOF_WHILE_READING",
		text: "EOF occurred in violation of protocol"}
)

// raiseIO raises err from a TLS operation (op is "handshake", "read" or
// "write") as CPython would.
func raiseIO(L *lua.LState, op string, err error) {
	var se *sslErr
	var errno syscall.Errno
	switch {
	case errors.As(err, &se):
		se.raise(L)
	case errors.Is(err, transport.ErrWouldBlock):
		if op == "write" {
			errNotDone("write").raise(L)
		}
		errNotDone("read").raise(L)
	case errors.Is(err, os.ErrDeadlineExceeded):
		interp.Raise(L, interp.TimeoutError, "The %s operation timed out", op)
	case errors.As(err, &errno):
		transport.Raise(L, errno)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		errUnexpectedEOF.raise(L)
	}
	translate(err).raise(L)
}

// translate turns a crypto/tls or crypto/x509 error into OpenSSL's words.
func translate(err error) *sslErr {
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	var ve *tls.CertificateVerificationError
	var rh tls.RecordHeaderError
	switch {
	case errors.As(err, &ua):
		if c := ua.Cert; c != nil && bytes.Equal(c.RawIssuer, c.RawSubject) &&
			c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil {
			return verifyErr(18, "self-signed certificate")
		}
		return verifyErr(20, "unable to get local issuer certificate")
	case errors.As(err, &he):
		if net.ParseIP(he.Host) != nil {
			return verifyErr(64, fmt.Sprintf("IP address mismatch, certificate is not valid for '%s'.", he.Host))
		}
		return verifyErr(62, fmt.Sprintf("Hostname mismatch, certificate is not valid for '%s'.", he.Host))
	case errors.As(err, &ci):
		switch ci.Reason {
		case x509.Expired:
			if ci.Cert != nil && time.Now().Before(ci.Cert.NotBefore) {
				return verifyErr(9, "certificate is not yet valid")
			}
			return verifyErr(10, "certificate has expired")
		case x509.IncompatibleUsage:
			return verifyErr(26, "unsupported certificate purpose")
		case x509.NotAuthorizedToSign, x509.CANotAuthorizedForThisName:
			return verifyErr(24, "invalid CA certificate")
		}
		return verifyErr(1, ci.Error())
	case errors.As(err, &ve):
		return verifyErr(1, ve.Err.Error())
	case strings.Contains(err.Error(), "unexpected message") || strings.Contains(err.Error(), "received unexpected handshake message"):
		return &sslErr{cls: SSLError, errno: errSSL, library: "SSL", reason: "UNEXPECTED_MESSAGE", text: "unexpected message"}
	case strings.Contains(err.Error(), "client didn't provide a certificate"):
		return &sslErr{cls: SSLError, errno: errSSL, library: "SSL", reason: "PEER_DID_NOT_RETURN_A_CERTIFICATE", text: "peer did not return a certificate"}
	case strings.HasPrefix(err.Error(), "remote error: tls: "):
		return alertErr(strings.TrimPrefix(err.Error(), "remote error: tls: "))
	case errors.As(err, &rh):
		if looksLikeHTTP(rh.RecordHeader[:]) {
			return &sslErr{cls: SSLError, errno: errSSL, library: "SSL", reason: "HTTP_REQUEST", text: "http request"}
		}
		return &sslErr{cls: SSLError, errno: errSSL, library: "SSL", reason: "WRONG_VERSION_NUMBER", text: "wrong version number"}
	}
	text := strings.TrimPrefix(err.Error(), "tls: ")
	return &sslErr{cls: SSLError, errno: errSSL, library: "SSL", text: text}
}

func verifyErr(code int, msg string) *sslErr {
	return &sslErr{cls: SSLCertVerificationError, errno: errSSL, library: "SSL", reason: "CERTIFICATE_VERIFY_FAILED",
		text: "certificate verify failed: " + msg, verifyCode: code, verifyMessage: msg}
}

func looksLikeHTTP(h []byte) bool {
	for _, m := range []string{"GET ", "POST ", "HEAD ", "PUT ", "CONNE"} {
		if strings.HasPrefix(string(h), m[:min(len(m), len(h))]) {
			return true
		}
	}
	return false
}

// alertNames are OpenSSL's reasons for the alerts a peer sends, by the
// text crypto/tls reports a received alert with ("remote error: tls: TEXT").
var alertNames = map[string][2]string{
	"unexpected message":             {"SSLV3_ALERT_UNEXPECTED_MESSAGE", "sslv3 alert unexpected message"},
	"bad record MAC":                 {"SSLV3_ALERT_BAD_RECORD_MAC", "sslv3 alert bad record mac"},
	"handshake failure":              {"SSLV3_ALERT_HANDSHAKE_FAILURE", "sslv3 alert handshake failure"},
	"bad certificate":                {"SSLV3_ALERT_BAD_CERTIFICATE", "sslv3 alert bad certificate"},
	"unsupported certificate":        {"SSLV3_ALERT_UNSUPPORTED_CERTIFICATE", "sslv3 alert unsupported certificate"},
	"revoked certificate":            {"SSLV3_ALERT_CERTIFICATE_REVOKED", "sslv3 alert certificate revoked"},
	"expired certificate":            {"SSLV3_ALERT_CERTIFICATE_EXPIRED", "sslv3 alert certificate expired"},
	"unknown certificate":            {"SSLV3_ALERT_CERTIFICATE_UNKNOWN", "sslv3 alert certificate unknown"},
	"illegal parameter":              {"SSLV3_ALERT_ILLEGAL_PARAMETER", "sslv3 alert illegal parameter"},
	"unknown certificate authority":  {"TLSV1_ALERT_UNKNOWN_CA", "tlsv1 alert unknown ca"},
	"access denied":                  {"TLSV1_ALERT_ACCESS_DENIED", "tlsv1 alert access denied"},
	"error decoding message":         {"TLSV1_ALERT_DECODE_ERROR", "tlsv1 alert decode error"},
	"error decrypting message":       {"TLSV1_ALERT_DECRYPT_ERROR", "tlsv1 alert decrypt error"},
	"protocol version not supported": {"TLSV1_ALERT_PROTOCOL_VERSION", "tlsv1 alert protocol version"},
	"insufficient security level":    {"TLSV1_ALERT_INSUFFICIENT_SECURITY", "tlsv1 alert insufficient security"},
	"internal error":                 {"TLSV1_ALERT_INTERNAL_ERROR", "tlsv1 alert internal error"},
	"unrecognized name":              {"TLSV1_UNRECOGNIZED_NAME", "tlsv1 unrecognized name"},
	"certificate required":           {"TLSV13_ALERT_CERTIFICATE_REQUIRED", "tlsv13 alert certificate required"},
	"no application protocol":        {"TLSV1_ALERT_NO_APPLICATION_PROTOCOL", "tlsv1 alert no application protocol"},
}

// alertErr is the error for an alert the peer sent, by crypto/tls's text.
func alertErr(text string) *sslErr {
	n, ok := alertNames[text]
	if !ok {
		n = [2]string{"TLSV1_ALERT_" + strings.ToUpper(strings.ReplaceAll(text, " ", "_")), "tlsv1 alert " + text}
	}
	return &sslErr{cls: SSLError, errno: errSSL, library: "SSL", reason: n[0], text: n[1]}
}
