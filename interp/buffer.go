package interp

import lua "github.com/yuin/gopher-lua"

// A Buffer is a mutable byte buffer that a binding exposes as userdata (the
// socket module's bytearray, for recv_into). Lua strings are immutable, so
// functions that write in place (struct.pack_into) accept only userdata whose
// Value is a Buffer; functions that read (struct.unpack, binascii.hexlify)
// accept both. Bytes returns the live contents: writes into it are seen by
// the owner.
type Buffer interface {
	Bytes() []byte
}

// BufferOf returns the Buffer inside v, if v is userdata holding one.
func BufferOf(v lua.LValue) (Buffer, bool) {
	u, ok := v.(*lua.LUserData)
	if !ok {
		return nil, false
	}
	b, ok := u.Value.(Buffer)
	return b, ok
}
