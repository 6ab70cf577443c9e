package hashlib_test

import (
	"encoding/hex"
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"

	"netlua/interp/interptest"
	"netlua/stdlib/binascii"
	"netlua/stdlib/hashlib"
)

var binasciiModule = binascii.Module

// TestAgainstPython hashes generated inputs (lengths around every block
// boundary) with every algorithm, whole and in two updates, through a copy,
// and with BLAKE2's digest_size and key, and compares with CPython.
func TestAgainstPython(t *testing.T) {
	rng := rand.New(rand.NewSource(19))
	var inputs []string
	for _, n := range []int{1, 3, 55, 56, 63, 64, 65, 111, 127, 128, 129, 135, 136, 167, 168, 1000, 4097} {
		b := make([]byte, n)
		rng.Read(b)
		inputs = append(inputs, hex.EncodeToString(b))
	}
	py := `
import hashlib
inputs = [bytes.fromhex(h) for h in ` + fmt.Sprintf("%q", inputs) + `.split()]
for d in inputs:
    for name in sorted(hashlib.algorithms_guaranteed):
        h = hashlib.new(name, d[:len(d)//3]); h.update(d[len(d)//3:])
        c = h.copy(); c.update(b'tail')
        if name.startswith('shake'):
            print(name, h.hexdigest(20), c.hexdigest(33))
        else:
            print(name, h.hexdigest(), c.hexdigest())
    print('b2b', hashlib.blake2b(d, digest_size=20, key=b'secret').hexdigest(), hashlib.blake2s(d, key=b'k').hexdigest())
`
	py = strings.Replace(py, fmt.Sprintf("%q", inputs)+".split()", "'"+strings.Join(inputs, " ")+"'.split()", 1)
	want := interptest.Python3(t, py, "")
	lua := `
local inputs = {}
for h in ("` + strings.Join(inputs, " ") + `"):gmatch("%x+") do inputs[#inputs + 1] = binascii.unhexlify(h) end
for _, d in ipairs(inputs) do
  for _, name in ipairs(hashlib.algorithms_guaranteed) do
    local third = math.floor(#d / 3)
    local h = hashlib.new(name, d:sub(1, third)) h:update(d:sub(third + 1))
    local c = h:copy() c:update("tail")
    if name:match("^shake") then
      print(name .. " " .. h:hexdigest(20) .. " " .. c:hexdigest(33))
    else
      print(name .. " " .. h:hexdigest() .. " " .. c:hexdigest())
    end
  end
  print("b2b " .. hashlib.blake2b(d, {digest_size=20, key="secret"}):hexdigest() .. " " .. hashlib.blake2s(d, {key="k"}):hexdigest())
end
`
	got := interptest.Run(t, lua, hashlib.Module, binasciiModule)
	if got != want {
		t.Errorf("netlua and CPython differ:\n got %.600s\nwant %.600s", got, want)
	}
}

var addrRE = regexp.MustCompile(`0x[0-9a-f]+`)

func TestObjects(t *testing.T) {
	out := addrRE.ReplaceAllString(interptest.Run(t, `
for _, n in ipairs({"md5", "sha1", "sha256", "sha512", "blake2b", "blake2s", "sha3_256", "shake_128"}) do
  local h = hashlib[n]()
  print(h, h.name, h.digest_size, h.block_size)
end
print(hashlib.md5("abc"):hexdigest(), #hashlib.sha1("abc"):digest(), hashlib.new("MD5").name)
print(table.concat(hashlib.algorithms_guaranteed, " "))
local h = hashlib.sha256() h:update("a") local d1 = h:hexdigest() h:update("b")
print(d1 == hashlib.sha256("a"):hexdigest(), h:hexdigest() == hashlib.sha256("ab"):hexdigest())
print(hashlib.sha256(socket and "" or ""):hexdigest())
`, hashlib.Module), "0xADDR")
	want := `<md5 _hashlib.HASH object @ 0xADDR>	md5	16	64
<sha1 _hashlib.HASH object @ 0xADDR>	sha1	20	64
<sha256 _hashlib.HASH object @ 0xADDR>	sha256	32	64
<sha512 _hashlib.HASH object @ 0xADDR>	sha512	64	128
<_blake2.blake2b object at 0xADDR>	blake2b	64	128
<_blake2.blake2s object at 0xADDR>	blake2s	32	64
<sha3_256 _hashlib.HASH object @ 0xADDR>	sha3_256	32	136
<shake_128 _hashlib.HASHXOF object @ 0xADDR>	shake_128	0	168
900150983cd24fb0d6963f7d28e17f72	20	md5
blake2b blake2s md5 sha1 sha224 sha256 sha384 sha3_224 sha3_256 sha3_384 sha3_512 sha512 shake_128 shake_256
true	true
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	for src, msg := range map[string]string{
		`hashlib.new("foo")`:                       "ValueError: new(): unsupported hash type foo",
		`hashlib.sha256(5)`:                        "TypeError: sha256() argument 'string' must be a string or bytearray, not int",
		`hashlib.sha256():update()`:                "TypeError: update() missing required argument 'data' (pos 1)",
		`hashlib.shake_128():hexdigest()`:          "TypeError: hexdigest() missing required argument 'length' (pos 1)",
		`hashlib.blake2b("", {digest_size=65})`:    "ValueError: blake2b(): digest_size must be between 1 and 64 bytes",
		`hashlib.blake2s("", {digest_size=16})`:    "ValueError: blake2s digest_size other than 32 is not supported",
		`hashlib.blake2b("", {key=("k"):rep(65)})`: "ValueError: blake2b(): maximum key length is 64 bytes",
		`hashlib.md5("", {colour=false})`:          "TypeError: 'colour' is an invalid keyword argument for md5()",
	} {
		if got := interptest.Error(t, src, hashlib.Module); !strings.HasSuffix(got, msg) {
			t.Errorf("%s: got %q, want suffix %q", src, got, msg)
		}
	}
}
