package hashlib

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"errors"
	"hash"

	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/blake2s"
)

// An algorithm is one of CPython's guaranteed hashes, made by Go's
// implementation of it. blake2b and blake2s come from golang.org/x/crypto,
// the Go team's own, since the standard library has none.
type algorithm struct {
	name       string
	digestSize int // 0 for the SHAKE functions, whose digests take a length
	blockSize  int
	// make returns a new hash; size and key are used by BLAKE2 only.
	make func(size int, key []byte) (hash.Hash, error)
	xof  func() *sha3.SHAKE
	repr string // the type part of CPython's repr
}

func plain(f func() hash.Hash) func(int, []byte) (hash.Hash, error) {
	return func(int, []byte) (hash.Hash, error) { return f(), nil }
}

func sha3Of(f func() *sha3.SHA3) func(int, []byte) (hash.Hash, error) {
	return func(int, []byte) (hash.Hash, error) { return f(), nil }
}

// errBlake2sSize: x/crypto's BLAKE2s makes only 32-byte digests (and
// 16-byte keyed ones), so other digest sizes are refused rather than wrong.
var errBlake2sSize = errors.New("blake2s digest_size other than 32 is not supported")

// algorithms are in CPython's algorithms_guaranteed, sorted by name.
var algorithms = []*algorithm{
	{name: "blake2b", digestSize: 64, blockSize: 128, repr: "_blake2.blake2b",
		make: func(size int, key []byte) (hash.Hash, error) { return blake2b.New(size, key) }},
	{name: "blake2s", digestSize: 32, blockSize: 64, repr: "_blake2.blake2s",
		make: func(size int, key []byte) (hash.Hash, error) {
			if size != 32 {
				return nil, errBlake2sSize
			}
			return blake2s.New256(key)
		}},
	{name: "md5", digestSize: 16, blockSize: 64, make: plain(md5.New)},
	{name: "sha1", digestSize: 20, blockSize: 64, make: plain(sha1.New)},
	{name: "sha224", digestSize: 28, blockSize: 64, make: plain(sha256.New224)},
	{name: "sha256", digestSize: 32, blockSize: 64, make: plain(sha256.New)},
	{name: "sha384", digestSize: 48, blockSize: 128, make: plain(sha512.New384)},
	{name: "sha3_224", digestSize: 28, blockSize: 144, make: sha3Of(sha3.New224)},
	{name: "sha3_256", digestSize: 32, blockSize: 136, make: sha3Of(sha3.New256)},
	{name: "sha3_384", digestSize: 48, blockSize: 104, make: sha3Of(sha3.New384)},
	{name: "sha3_512", digestSize: 64, blockSize: 72, make: sha3Of(sha3.New512)},
	{name: "sha512", digestSize: 64, blockSize: 128, make: plain(sha512.New)},
	{name: "shake_128", blockSize: 168, xof: sha3.NewSHAKE128},
	{name: "shake_256", blockSize: 136, xof: sha3.NewSHAKE256},
}

func lookup(name string) *algorithm {
	for _, a := range algorithms {
		if a.name == name {
			return a
		}
	}
	return nil
}
