package ssl

import (
	"crypto/tls"
	"strings"
)

// Cipher suites: Go's, under OpenSSL's names (which CPython's cipher() and
// set_ciphers use). TLS 1.3's names are the same in both.
var opensslNames = map[uint16]string{
	tls.TLS_RSA_WITH_AES_128_CBC_SHA:                  "AES128-SHA",
	tls.TLS_RSA_WITH_AES_256_CBC_SHA:                  "AES256-SHA",
	tls.TLS_RSA_WITH_AES_128_GCM_SHA256:               "AES128-GCM-SHA256",
	tls.TLS_RSA_WITH_AES_256_GCM_SHA384:               "AES256-GCM-SHA384",
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA:          "ECDHE-ECDSA-AES128-SHA",
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA:          "ECDHE-ECDSA-AES256-SHA",
	tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA:            "ECDHE-RSA-AES128-SHA",
	tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA:            "ECDHE-RSA-AES256-SHA",
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:       "ECDHE-ECDSA-AES128-GCM-SHA256",
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:       "ECDHE-ECDSA-AES256-GCM-SHA384",
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:         "ECDHE-RSA-AES128-GCM-SHA256",
	tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:         "ECDHE-RSA-AES256-GCM-SHA384",
	tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:   "ECDHE-RSA-CHACHA20-POLY1305",
	tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: "ECDHE-ECDSA-CHACHA20-POLY1305",
}

// cipherInfo is a suite's OpenSSL name and its secret bits.
func cipherInfo(id uint16) (string, int) {
	name, ok := opensslNames[id]
	if !ok {
		name = tls.CipherSuiteName(id)
	}
	bits := 128
	if strings.Contains(name, "256") && !strings.Contains(name, "SHA256") || strings.Contains(name, "CHACHA20") ||
		strings.Contains(name, "AES256") || strings.Contains(name, "AES_256") {
		bits = 256
	}
	return name, bits
}

// selectCiphers reads an OpenSSL cipher string: tokens separated by ':'
// (or ',' and spaces), each a suite name, a keyword (ALL, DEFAULT, HIGH) or
// components joined by '+' (ECDHE+AESGCM); '!' or '-' before a token removes
// what it matches. Tokens Go has no suite for match nothing, as OpenSSL
// ignores what it does not know. The result is the TLS 1.2 suites chosen.
func selectCiphers(spec string) []uint16 {
	chosen := map[uint16]bool{}
	removed := map[uint16]bool{}
	for _, tok := range strings.FieldsFunc(spec, func(r rune) bool { return r == ':' || r == ',' || r == ' ' }) {
		remove := strings.HasPrefix(tok, "!") || strings.HasPrefix(tok, "-")
		tok = strings.TrimLeft(tok, "!-+")
		if strings.HasPrefix(tok, "@") {
			continue // @SECLEVEL, @STRENGTH: orderings and levels, not suites
		}
		for id, name := range opensslNames {
			if !matchesToken(name, tok) {
				continue
			}
			if remove {
				removed[id] = true
			} else {
				chosen[id] = true
			}
		}
	}
	var ids []uint16
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		if chosen[s.ID] && !removed[s.ID] {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

func matchesToken(name, tok string) bool {
	if tok == name {
		return true
	}
	for _, part := range strings.Split(tok, "+") {
		if !matchesAlias(name, part) {
			return false
		}
	}
	return true
}

func matchesAlias(name, a string) bool {
	parts := strings.Split(name, "-")
	has := func(p string) bool {
		for _, x := range parts {
			if x == p {
				return true
			}
		}
		return false
	}
	ecdhe := has("ECDHE")
	switch a {
	case "ALL", "DEFAULT":
		return true
	case "HIGH":
		return !strings.HasSuffix(name, "-SHA") || ecdhe
	case "ECDHE", "EECDH", "kECDHE", "kEECDH", "ECDH":
		return ecdhe
	case "RSA", "kRSA":
		return !ecdhe
	case "aRSA":
		return !has("ECDSA")
	case "ECDSA", "aECDSA":
		return has("ECDSA")
	case "AESGCM":
		return has("GCM")
	case "AES":
		return strings.Contains(name, "AES")
	case "AES128", "AES256", "CHACHA20", "SHA256", "SHA384", "GCM":
		return has(a) || a == "CHACHA20" && strings.Contains(name, "CHACHA20")
	case "SHA1", "SHA":
		return strings.HasSuffix(name, "-SHA")
	}
	return false
}
