// Package testcert makes throw-away TLS certificates at run time with
// crypto/x509, for the ssl module's tests, the TLS exercises' checkers, the
// scripts' tests and the benchmark: nothing long-lived is committed.
//
// A Set is one certificate authority and the certificates it signed,
// written as PEM files into a directory; Write makes them all.
package testcert

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// A Set is the paths of the PEM files Write made. Each certificate file
// holds the certificate alone; its key is in the matching *Key file.
type Set struct {
	Dir string

	CA, CAKey string // "netlua test CA", self-signed, the trust anchor

	// Server is valid for localhost and 127.0.0.1 and ::1, signed by CA.
	Server, ServerKey string
	// Client is a client-authentication certificate signed by CA.
	Client, ClientKey string
	// Expired is Server's names, signed by CA, but valid only until a day ago.
	Expired, ExpiredKey string
	// WrongName is signed by CA for wrong.example only.
	WrongName, WrongNameKey string
	// SelfSigned is valid for localhost and 127.0.0.1 but signed by itself.
	SelfSigned, SelfSignedKey string
	// OtherCA is a second authority that signed nothing here: trusting it
	// alone makes Server's issuer unknown.
	OtherCA string
}

// Write makes a Set in dir.
func Write(dir string) (*Set, error) {
	s := &Set{Dir: dir}
	now := time.Now()
	ca, caKey, err := make1(dir, "ca", &x509.Certificate{
		Subject:               pkix.Name{CommonName: "netlua test CA", Organization: []string{"netlua"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}, nil, nil, &s.CA, &s.CAKey)
	if err != nil {
		return nil, err
	}
	leaf := func(cn string, names []string, notAfter time.Time, usage x509.ExtKeyUsage) *x509.Certificate {
		c := &x509.Certificate{
			Subject:     pkix.Name{CommonName: cn, Organization: []string{"netlua"}, Country: []string{"CN"}},
			NotBefore:   now.Add(-48 * time.Hour),
			NotAfter:    notAfter,
			KeyUsage:    x509.KeyUsageDigitalSignature,
			ExtKeyUsage: []x509.ExtKeyUsage{usage},
		}
		for _, n := range names {
			if ip := net.ParseIP(n); ip != nil {
				c.IPAddresses = append(c.IPAddresses, ip)
			} else {
				c.DNSNames = append(c.DNSNames, n)
			}
		}
		return c
	}
	local := []string{"localhost", "127.0.0.1", "::1"}
	day := now.Add(24 * time.Hour)
	for _, l := range []struct {
		name      string
		tmpl      *x509.Certificate
		self      bool
		cert, key *string
	}{
		{"server", leaf("localhost", local, day, x509.ExtKeyUsageServerAuth), false, &s.Server, &s.ServerKey},
		{"client", leaf("netlua client", nil, day, x509.ExtKeyUsageClientAuth), false, &s.Client, &s.ClientKey},
		{"expired", leaf("localhost", local, now.Add(-24*time.Hour), x509.ExtKeyUsageServerAuth), false, &s.Expired, &s.ExpiredKey},
		{"wrongname", leaf("wrong.example", []string{"wrong.example"}, day, x509.ExtKeyUsageServerAuth), false, &s.WrongName, &s.WrongNameKey},
		{"selfsigned", leaf("localhost", local, day, x509.ExtKeyUsageServerAuth), true, &s.SelfSigned, &s.SelfSignedKey},
	} {
		parent, parentKey := ca, caKey
		if l.self {
			parent, parentKey = nil, nil
		}
		if _, _, err := make1(dir, l.name, l.tmpl, parent, parentKey, l.cert, l.key); err != nil {
			return nil, err
		}
	}
	var otherKey string
	if _, _, err := make1(dir, "otherca", &x509.Certificate{
		Subject: pkix.Name{CommonName: "netlua other CA"}, NotBefore: now.Add(-time.Hour), NotAfter: day,
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}, nil, nil, &s.OtherCA, &otherKey); err != nil {
		return nil, err
	}
	return s, nil
}

// make1 signs tmpl with parent's key (itself when parent is nil), writes
// NAME.pem and NAME.key into dir and stores their paths.
func make1(dir, name string, tmpl, parent *x509.Certificate, parentKey *ecdsa.PrivateKey, certPath, keyPath *string) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	if tmpl.SerialNumber, err = rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 63)); err != nil {
		return nil, nil, err
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	*certPath = filepath.Join(dir, name+".pem")
	*keyPath = filepath.Join(dir, name+".key")
	if err := os.WriteFile(*certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return nil, nil, err
	}
	if err := os.WriteFile(*keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		return nil, nil, err
	}
	return cert, key, nil
}
