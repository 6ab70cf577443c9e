// Package hashlib is netlua's `hashlib` module: CPython's secure hashes
// (md5, sha1, the SHA-2 and SHA-3 families, SHAKE, BLAKE2) over Lua
// strings, with CPython's objects: update, digest, hexdigest, copy, name,
// digest_size, block_size and repr. The algorithms are Go's (crypto/*,
// and golang.org/x/crypto for BLAKE2), never written here.
package hashlib

import (
	"encoding"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

var hashType = &interp.Type{
	Name: "hashlib.HASH",
	Doc:  "A running hash. h:update(data) adds bytes; h:digest() and h:hexdigest() give the hash of everything added so far (and can be called again after more updates). Fields: name, digest_size, block_size.",
	Repr: hashString,
}

// The methods are set in init: copy makes a HASH, which needs hashType.
func init() {
	hashType.Methods = []interp.Func{
		{Name: "update", Fn: update, Sig: "h:update(data)",
			Doc: "Adds data (a string of bytes, or a bytearray) to the hash. h:update(a) h:update(b) is the same as h:update(a .. b).",
			Py:  "hash.update(data)"},
		{Name: "digest", Fn: digest, Sig: "h:digest([length]) -> string",
			Doc: "Returns the hash of the data so far as raw bytes (digest_size of them). SHAKE hashes need the length in bytes.",
			Py:  "hash.digest()"},
		{Name: "hexdigest", Fn: hexdigest, Sig: "h:hexdigest([length]) -> string",
			Doc: "Returns the hash of the data so far as lower-case hexadecimal, two digits per byte, as checksums are usually written. SHAKE hashes need the length in bytes.",
			Py:  "hash.hexdigest()"},
		{Name: "copy", Fn: copyHash, Sig: "h:copy() -> HASH",
			Doc: "Returns an independent copy of the hash in its current state: hash a common prefix once, then copy it for each continuation.",
			Py:  "hash.copy()"},
	}
}

// Module is the hashlib module.
var Module = &interp.Module{
	Name: "hashlib",
	Doc:  "Python's hashlib: hashlib.sha256(data):hexdigest() is the checksum of data; hashlib.new(name [, data]) picks the algorithm by name. algorithms_guaranteed lists the names.",
	Funcs: append([]interp.Func{
		{Name: "new", Fn: newHash, Sig: "hashlib.new(name [, data] [, {name=, data=}]) -> HASH",
			Doc: "Returns a hash object for the algorithm name (any of algorithms_guaranteed, in any case), fed data if given. An unknown name raises ValueError: unsupported hash type NAME.",
			Py:  "hashlib.new(name, data=b'')"},
	}, constructors()...),
	Types: []*interp.Type{hashType},
	// Python's sets of names are sorted lists here.
	Consts: []interp.Const{
		{Name: "algorithms_guaranteed", Value: algorithmNames},
		{Name: "algorithms_available", Value: algorithmNames},
	},
}

func algorithmNames(L *lua.LState) lua.LValue {
	names := L.CreateTable(len(algorithms), 0)
	for _, a := range algorithms {
		names.Append(lua.LString(a.name))
	}
	return names
}

// constructors are hashlib.md5, hashlib.sha256 and the rest, one per
// algorithm.
func constructors() []interp.Func {
	var fs []interp.Func
	for _, a := range algorithms {
		f := interp.Func{Name: a.name, Fn: construct(a),
			Sig: fmt.Sprintf("hashlib.%s([string] [, {string=, usedforsecurity=true}]) -> HASH", a.name),
			Doc: fmt.Sprintf("Returns a %s hash object, fed data if given: hashlib.%s(data):hexdigest().", strings.ToUpper(a.name), a.name),
			Py:  fmt.Sprintf("hashlib.%s(data=b'')", a.name)}
		if a.name == "blake2b" || a.name == "blake2s" {
			f.Sig = fmt.Sprintf("hashlib.%s([data] [, {digest_size=%d, key=''}]) -> HASH", a.name, a.digestSize)
			f.Doc += fmt.Sprintf(" Keywords: digest_size (1 to 64 for blake2b; blake2s supports only 32) and key, for a keyed hash (a MAC) of up to %d bytes.", a.digestSize)
			f.Py = fmt.Sprintf("hashlib.%s(data=b'', *, digest_size=%d, key=b'')", a.name, a.digestSize)
		}
		fs = append(fs, f)
	}
	return fs
}

// A hashObject is a hashlib object: one of Go's hashes, or a SHAKE.
type hashObject struct {
	alg  *algorithm
	size int
	key  []byte
	h    hash.Hash
	xof  interface {
		Write([]byte) (int, error)
		Read([]byte) (int, error)
		encoding.BinaryMarshaler
		encoding.BinaryUnmarshaler
	}
}

// data is a bytes argument: a Lua string or a bytearray.
type data struct{ b []byte }

func (d *data) Unpack(L *lua.LState, v lua.LValue) error {
	if s, ok := v.(lua.LString); ok {
		d.b = []byte(s)
		return nil
	}
	if buf, ok := interp.BufferOf(v); ok {
		d.b = append([]byte(nil), buf.Bytes()...)
		return nil
	}
	return fmt.Errorf("must be a string or bytearray, not %s", interp.TypeName(v))
}

func construct(a *algorithm) lua.LGFunction {
	return func(L *lua.LState) int {
		var d data
		var key data
		size := int64(a.digestSize)
		if a.name == "blake2b" || a.name == "blake2s" {
			interp.UnpackArgs(L, 1, "data?", &d, "digest_size?", &size, "key?", &key)
			if size < 1 || size > 64 || (a.name == "blake2s" && size > 32) {
				interp.Raise(L, interp.ValueError, "digest_size must be between 1 and %d bytes", a.digestSize)
			}
			if len(key.b) > a.digestSize {
				interp.Raise(L, interp.ValueError, "maximum key length is %d bytes", a.digestSize)
			}
		} else {
			// CPython 3.11 calls it string (openssl_sha256(string=b'',
			// *, usedforsecurity=True)); every hash here is allowed, as
			// outside FIPS mode, so usedforsecurity changes nothing.
			usedForSecurity := true
			interp.UnpackArgs(L, 1, "string?", &d, "usedforsecurity?", &usedForSecurity)
		}
		pushHash(L, newObject(L, a, int(size), key.b), d.b)
		return 1
	}
}

func newObject(L *lua.LState, a *algorithm, size int, key []byte) *hashObject {
	o := &hashObject{alg: a, size: size, key: key}
	if a.xof != nil {
		o.xof = a.xof()
		return o
	}
	h, err := a.make(size, key)
	if err != nil {
		interp.Raise(L, interp.ValueError, "%s", err.Error())
	}
	o.h = h
	return o
}

func newHash(L *lua.LState) int {
	var name string
	var d data
	interp.UnpackArgs(L, 1, "name", &name, "data?", &d)
	a := lookup(strings.ToLower(name))
	if a == nil {
		interp.Raise(L, interp.ValueError, "unsupported hash type %s", name)
	}
	pushHash(L, newObject(L, a, a.digestSize, nil), d.b)
	return 1
}

func pushHash(L *lua.LState, o *hashObject, data []byte) {
	o.write(data)
	rt := interp.Of(L)
	meta := rt.TypeMeta(hashType)
	if _, plain := meta.RawGetString("__index").(*lua.LTable); plain { // first use in this runtime
		methods := rt.TypeMethods(hashType)
		meta.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
			o := L.CheckUserData(1).Value.(*hashObject)
			switch L.Get(2) {
			case lua.LString("name"):
				L.Push(lua.LString(o.alg.name))
			case lua.LString("digest_size"):
				L.Push(lua.LNumber(o.size))
			case lua.LString("block_size"):
				L.Push(lua.LNumber(o.alg.blockSize))
			default:
				L.Push(methods.RawGet(L.Get(2)))
			}
			return 1
		}))
	}
	L.Push(interp.NewObject(L, hashType, o))
}

func (o *hashObject) write(b []byte) {
	if o.xof != nil {
		o.xof.Write(b)
	} else {
		o.h.Write(b)
	}
}

// hashString is CPython's repr: <sha256 _hashlib.HASH object @ 0x...>,
// <_blake2.blake2b object at 0x...>, <shake_128 _hashlib.HASHXOF object @ 0x...>.
func hashString(L *lua.LState) int {
	o := L.CheckUserData(1).Value.(*hashObject)
	switch {
	case o.alg.repr != "":
		L.Push(lua.LString(fmt.Sprintf("<%s object at %p>", o.alg.repr, o)))
	case o.xof != nil:
		L.Push(lua.LString(fmt.Sprintf("<%s _hashlib.HASHXOF object @ %p>", o.alg.name, o)))
	default:
		L.Push(lua.LString(fmt.Sprintf("<%s _hashlib.HASH object @ %p>", o.alg.name, o)))
	}
	return 1
}

func update(L *lua.LState) int {
	o := interp.Self[*hashObject](L)
	var d data
	interp.UnpackArgs(L, 2, "data", &d)
	o.write(d.b)
	return 0
}

// sum is the digest so far, leaving the running state as it was.
func (o *hashObject) sum(L *lua.LState) []byte {
	if o.xof == nil {
		interp.UnpackArgs(L, 2)
		return o.h.Sum(nil)
	}
	var length int64
	interp.UnpackArgs(L, 2, "length", &length)
	if length < 0 {
		interp.Raise(L, interp.ValueError, "length must be non-negative")
	}
	if length > 1<<26 {
		interp.Raise(L, interp.ValueError, "length is too large")
	}
	c := o.clone(L).xof
	out := make([]byte, length)
	c.Read(out)
	return out
}

func digest(L *lua.LState) int {
	o := interp.Self[*hashObject](L)
	L.Push(lua.LString(o.sum(L)))
	return 1
}

func hexdigest(L *lua.LState) int {
	o := interp.Self[*hashObject](L)
	L.Push(lua.LString(hex.EncodeToString(o.sum(L))))
	return 1
}

// clone copies the hash state through its binary form, which every Go
// hash used here can write and read back.
func (o *hashObject) clone(L *lua.LState) *hashObject {
	c := newObject(L, o.alg, o.size, o.key)
	var src encoding.BinaryMarshaler = o.xof
	var dst any = c.xof
	if o.xof == nil {
		src, dst = o.h.(encoding.BinaryMarshaler), c.h
	}
	state, err := src.MarshalBinary()
	if err == nil {
		err = dst.(encoding.BinaryUnmarshaler).UnmarshalBinary(state)
	}
	if err != nil {
		interp.Raise(L, interp.ValueError, "copy(): %s", err.Error())
	}
	return c
}

func copyHash(L *lua.LState) int {
	o := interp.Self[*hashObject](L)
	interp.UnpackArgs(L, 2)
	pushHash(L, o.clone(L), nil)
	return 1
}
