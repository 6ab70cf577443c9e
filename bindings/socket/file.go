package socket

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/internal/netfile"
	"netlua/internal/sockos"
	"netlua/interp"
)

// File objects: makefile's buffered file over a socket (internal/netfile),
// and sendfile, which reads a Lua file object and sends it.

var fileType = &interp.Type{
	Name:    "socket.SocketFile",
	Doc:     "The file object makefile returns: read, readline, lines, write, flush, close over the socket, buffered as Python's makefile is.",
	Methods: netfile.Methods,
	Repr:    netfile.Repr("socket.SocketFile"),
}

// fileStream is a socket under a file.
type fileStream struct{ s *sock }

func (fs fileStream) Fileno() int { return fs.s.fd }

func (fs fileStream) Recv(L *lua.LState, n int) []byte {
	buf := make([]byte, n)
	got, _, err := fs.s.recv(L, buf, 0, false)
	traceBufAs(L, fs.s, "makefile recv", buf, got, nil, err)
	if err != nil {
		raise(L, err)
	}
	return buf[:got]
}

func (fs fileStream) Send(L *lua.LState, p []byte) int {
	n, err := fs.s.send(L, p, nil, 0, fs.s.deadline())
	traceBufAs(L, fs.s, "makefile send", p, n, nil, err)
	if err != nil {
		raise(L, err)
	}
	return n
}

func sockMakefile(L *lua.LState) int {
	s := interp.Self[*sock](L)
	s.conn(L)
	f := netfile.Open(L, fileType, fileStream{s}, func(L *lua.LState) {
		// The socket was closed while the file was open: it closes now.
		if s.ioRefs--; s.closed && s.ioRefs == 0 {
			s.close(L)
		}
	})
	s.ioRefs++
	L.Push(f)
	return 1
}

func sockSendFile(L *lua.LState) int {
	s := interp.Self[*sock](L)
	var file lua.LValue
	var offset int64
	var count lua.LValue = lua.LNil
	interp.UnpackArgs(L, 2, "file", &file, "offset?", &offset, "count?", &count)
	if s.typ != sockos.SOCK_STREAM {
		interp.Raise(L, interp.ValueError, "only SOCK_STREAM type sockets are supported")
	}
	if s.timeout == 0 {
		interp.Raise(L, interp.ValueError, "non-blocking sockets are not supported")
	}
	if offset < 0 {
		interp.Raise(L, interp.ValueError, "offset must be >= 0 (got %d)", offset)
	}
	remaining := int64(-1)
	if count != lua.LNil {
		n, msg := interp.ToInt(count)
		if msg != "" || n <= 0 {
			interp.Raise(L, interp.ValueError, "%s(): count must be a positive integer (got %s)", interp.FuncName(L), interp.Repr(count))
		}
		remaining = n
	}
	if offset > 0 {
		callMethod(L, file, "seek", lua.LString("set"), lua.LNumber(offset))
	}
	d := s.deadline()
	total := 0
	for remaining != 0 {
		chunk := int64(64 << 10)
		if remaining > 0 {
			chunk = min(chunk, remaining)
		}
		data, ok := callMethod(L, file, "read", lua.LNumber(chunk)).(lua.LString)
		if !ok || data == "" {
			break
		}
		for p := stringBytes(string(data)); len(p) > 0; {
			n, err := s.send(L, p, nil, 0, d)
			if err != nil {
				raise(L, err)
			}
			p = p[n:]
		}
		total += len(data)
		if remaining > 0 {
			remaining -= int64(len(data))
		}
	}
	L.Push(lua.LNumber(total))
	return 1
}

// callMethod calls obj:name(args...) and returns its first result.
func callMethod(L *lua.LState, obj lua.LValue, name string, args ...lua.LValue) lua.LValue {
	var m lua.LValue = lua.LNil
	switch obj.(type) {
	case *lua.LTable, *lua.LUserData:
		m = L.GetField(obj, name)
	}
	if m == lua.LNil {
		interp.Raise(L, interp.TypeError, "%s() argument 'file' must be a file from io.open (with :%s), not %s", interp.FuncName(L), name, interp.TypeName(obj))
	}
	L.Push(m)
	L.Push(obj)
	for _, a := range args {
		L.Push(a)
	}
	L.Call(1+len(args), 1)
	v := L.Get(-1)
	L.Pop(1)
	return v
}
