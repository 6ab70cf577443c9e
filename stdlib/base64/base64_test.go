package base64_test

import (
	"encoding/hex"
	"math/rand"
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/base64"
	"netlua/stdlib/binascii"
)

var binasciiModule = binascii.Module

// calls are the functions compared, each as Python and as netlua call it
// on a bytes value x.
var calls = []struct{ py, lua string }{
	{`base64.b64encode(x)`, `base64.b64encode(x)`},
	{`base64.b64encode(x, altchars=b'-_')`, `base64.b64encode(x, "-_")`},
	{`base64.urlsafe_b64encode(x)`, `base64.urlsafe_b64encode(x)`},
	{`base64.b32encode(x)`, `base64.b32encode(x)`},
	{`base64.b32hexencode(x)`, `base64.b32hexencode(x)`},
	{`base64.b16encode(x)`, `base64.b16encode(x)`},
	{`base64.encodebytes(x)`, `base64.encodebytes(x)`},
	{`base64.b64decode(x)`, `base64.b64decode(x)`},
	{`base64.b64decode(x, validate=True)`, `base64.b64decode(x, {validate=true})`},
	{`base64.urlsafe_b64decode(x)`, `base64.urlsafe_b64decode(x)`},
	{`base64.decodebytes(x)`, `base64.decodebytes(x)`},
	{`base64.b32decode(x)`, `base64.b32decode(x)`},
	{`base64.b32decode(x, casefold=True, map01=b'L')`, `base64.b32decode(x, true, "L")`},
	{`base64.b32hexdecode(x, casefold=True)`, `base64.b32hexdecode(x, {casefold=true})`},
	{`base64.b16decode(x)`, `base64.b16decode(x)`},
	{`base64.b16decode(x, casefold=True)`, `base64.b16decode(x, true)`},
}

// inputs are random bytes, and random text made of each encoding's
// alphabet with padding, noise and wrong lengths mixed in, so that both
// results and every error path are compared.
func inputs() []string {
	rng := rand.New(rand.NewSource(19))
	var out []string
	pools := []string{
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvwxyz01",
		"0123456789ABCDEFabcdef", "-_+/=\n !",
	}
	for i := 0; i < 400; i++ {
		n := rng.Intn(24)
		b := make([]byte, n)
		if i%5 == 0 {
			rng.Read(b)
		} else {
			pool := pools[rng.Intn(4)]
			for j := range b {
				if rng.Intn(12) == 0 {
					b[j] = pools[4][rng.Intn(len(pools[4]))]
				} else {
					b[j] = pool[rng.Intn(len(pool))]
				}
			}
			if rng.Intn(3) == 0 {
				b = append(b, strings.Repeat("=", rng.Intn(7))...)
			}
		}
		out = append(out, hex.EncodeToString(b))
	}
	return out
}

func TestAgainstPython(t *testing.T) {
	in := inputs()
	var py strings.Builder
	py.WriteString("import base64, binascii\nfor h in '" + strings.Join(in, " ") + "'.split(' '):\n    x = bytes.fromhex(h)\n")
	for _, c := range calls {
		py.WriteString("    try: print(" + c.py + ".hex())\n    except binascii.Error as e: print('Error:', e)\n")
	}
	var lua strings.Builder
	lua.WriteString("local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end\n")
	lua.WriteString("for h in ('" + strings.Join(in, " ") + " '):gmatch('(%x*) ') do\n  local x = binascii.unhexlify(h)\n")
	for _, c := range calls {
		lua.WriteString("  do local ok, r = pcall(function() return " + c.lua + " end)\n    if ok then print(hex(r)) elseif isinstance(r, binascii.Error) then print('Error: ' .. tostring(r)) else error(r) end end\n")
	}
	lua.WriteString("end\n")
	want := interptest.Python3(t, py.String(), "")
	got := interptest.Run(t, lua.String(), base64.Module, binasciiModule)
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range w {
		if i >= len(g) || g[i] != w[i] {
			in, _ := hex.DecodeString(in[i/len(calls)])
			gl := ""
			if i < len(g) {
				gl = g[i]
			}
			t.Fatalf("%s on %q:\n got %s\nwant %s", calls[i%len(calls)].py, in, gl, w[i])
		}
	}
	t.Fatalf("netlua printed more than CPython")
}

func TestErrorsAndClasses(t *testing.T) {
	out := interptest.Run(t, `
print(base64.Error == binascii.Error, base64.b64encode(""), base64.b16encode("\0\255"), base64.encodebytes(""))
local ok, e = pcall(base64.b64decode, "YW") print(ok, isinstance(e, ValueError), tostring(e))
`, base64.Module, binasciiModule)
	if out != "true\t\t00FF\t\nfalse\ttrue\tIncorrect padding\n" {
		t.Errorf("got %q", out)
	}
	for src, msg := range map[string]string{
		`base64.b64encode(5)`:               "TypeError: b64encode() argument 's' must be a string or bytearray, not int",
		`base64.b64encode("x", "abc")`:      "ValueError: b64encode(): altchars must be a string of 2 characters, not 'abc'",
		`base64.b32decode("x", {map01=5})`:  "TypeError: b32decode() argument 'map01' must be a string, not int",
		`base64.b64decode("x", {strict=1})`: "TypeError: b64decode() got an unexpected keyword argument 'strict'",
	} {
		if got := interptest.Error(t, src, base64.Module); !strings.HasSuffix(got, msg) {
			t.Errorf("%s: got %q, want suffix %q", src, got, msg)
		}
	}
}
