package ssl

import (
	"bytes"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// sslFile is what SSLSocket:makefile returns: the socket module's file
// object, over decrypted data.
type sslFile struct {
	s              *sslSocket
	mode           string
	reader, writer bool
	rbuf, wbuf     []byte
	eof, closed    bool
}

// fileChunk is how much one read asks for, and the write buffer's size.
const fileChunk = 8192

var fileType = &interp.Type{
	Name: "ssl.SSLFile",
	Doc:  "The file object SSLSocket:makefile returns: read, readline, lines, write, flush, close over the TLS connection, buffered like socket.SocketFile.",
	Methods: []interp.Func{
		{Name: "read", Fn: fileRead, Sig: "f:read([n]) -> string",
			Doc: "Reads n bytes, fewer only at the end; without n, until the peer ends the session.",
			Py:  "f.read([n])"},
		{Name: "readline", Fn: fileReadLine, Sig: "f:readline([limit]) -> string",
			Doc: "Reads one line with its '\\n', at most limit bytes; '' at the end.",
			Py:  "f.readline([size])"},
		{Name: "lines", Fn: fileLines, Sig: "f:lines() -> iterator",
			Doc: "An iterator over the remaining lines, without their '\\n', for a generic for.",
			Py:  "for line in f: ..."},
		{Name: "write", Fn: fileWrite, Sig: "f:write(data) -> number",
			Doc: "Buffers data, sending when the buffer is full; flush sends the rest.",
			Py:  "f.write(data)"},
		{Name: "flush", Fn: fileFlush, Sig: "f:flush()",
			Doc: "Sends everything written so far.",
			Py:  "f.flush()"},
		{Name: "close", Fn: fileClose, Sig: "f:close()",
			Doc: "Flushes and closes the file; the SSLSocket stays open.",
			Py:  "f.close()"},
	},
}

func sslMakefile(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	mode := "r"
	interp.UnpackArgs(L, 2, "mode?", &mode)
	if strings.Trim(mode, "rwb") != "" {
		interp.Raise(L, interp.ValueError, "makefile(): invalid mode %s (only r, w, b allowed)", interp.Repr(lua.LString(mode)))
	}
	f := &sslFile{s: s, mode: mode, reader: strings.Contains(mode, "r"), writer: strings.Contains(mode, "w")}
	if !f.reader && !f.writer {
		f.reader = true
	}
	ud := L.NewUserData()
	ud.Value = f
	meta := interp.Of(L).TypeMeta(fileType)
	if meta.RawGetString("__tostring") == lua.LNil {
		meta.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
			f := L.CheckUserData(1).Value.(*sslFile)
			state := fmt.Sprintf("fd=%d", f.s.t.Fileno())
			if f.closed {
				state = "[closed]"
			}
			L.Push(lua.LString(fmt.Sprintf("<ssl.SSLFile %s, mode=%s>", state, interp.Repr(lua.LString(f.mode)))))
			return 1
		}))
	}
	L.SetMetatable(ud, meta)
	L.Push(ud)
	return 1
}

// fileSelf returns the open file a method was called on; need, if set,
// says whether the file's mode allows the method (what is its
// io.UnsupportedOperation text otherwise).
func fileSelf(L *lua.LState, need func(*sslFile) bool, what string) *sslFile {
	f := interp.Self[*sslFile](L)
	if f.closed {
		interp.Raise(L, interp.ValueError, "I/O operation on closed file.")
	}
	if need != nil && !need(f) {
		interp.Raise(L, interp.OSError, "%s", what)
	}
	return f
}

func readable(f *sslFile) bool { return f.reader }
func writable(f *sslFile) bool { return f.writer }

func (f *sslFile) fill(L *lua.LState) bool {
	if f.eof {
		return false
	}
	p := f.s.read(L, fileChunk, "makefile read")
	if len(p) == 0 {
		f.eof = true
		return false
	}
	f.rbuf = append(f.rbuf, p...)
	return true
}

func (f *sslFile) take(n int) lua.LString {
	s := lua.LString(f.rbuf[:n])
	f.rbuf = f.rbuf[n:]
	return s
}

func fileRead(L *lua.LState) int {
	f := fileSelf(L, readable, "not readable")
	n := -1
	interp.UnpackArgs(L, 2, "n?", &n)
	for (n < 0 || len(f.rbuf) < n) && f.fill(L) {
	}
	if n < 0 || n > len(f.rbuf) {
		n = len(f.rbuf)
	}
	L.Push(f.take(n))
	return 1
}

func (f *sslFile) readLine(L *lua.LState, limit int) lua.LString {
	for {
		if i := bytes.IndexByte(f.rbuf, '\n'); i >= 0 && (limit < 0 || i < limit) {
			return f.take(i + 1)
		}
		if limit >= 0 && len(f.rbuf) >= limit {
			return f.take(limit)
		}
		if !f.fill(L) {
			return f.take(len(f.rbuf))
		}
	}
}

func fileReadLine(L *lua.LState) int {
	f := fileSelf(L, readable, "not readable")
	limit := -1
	interp.UnpackArgs(L, 2, "limit?", &limit)
	L.Push(f.readLine(L, limit))
	return 1
}

func fileLines(L *lua.LState) int {
	f := fileSelf(L, readable, "not readable")
	interp.UnpackArgs(L, 2)
	L.Push(L.NewFunction(func(L *lua.LState) int {
		if f.closed {
			interp.Raise(L, interp.ValueError, "I/O operation on closed file.")
		}
		line := f.readLine(L, -1)
		if line == "" {
			L.Push(lua.LNil)
			return 1
		}
		L.Push(lua.LString(strings.TrimSuffix(string(line), "\n")))
		return 1
	}))
	return 1
}

func fileWrite(L *lua.LState) int {
	f := fileSelf(L, writable, "not writable")
	var data string
	interp.UnpackArgs(L, 2, "data", &data)
	f.wbuf = append(f.wbuf, data...)
	if len(f.wbuf) >= fileChunk {
		f.flush(L)
	}
	L.Push(lua.LNumber(len(data)))
	return 1
}

func (f *sslFile) flush(L *lua.LState) {
	if len(f.wbuf) > 0 {
		p := f.wbuf
		f.wbuf = nil
		f.s.write(L, p, "makefile write")
	}
}

func fileFlush(L *lua.LState) int {
	f := fileSelf(L, nil, "")
	interp.UnpackArgs(L, 2)
	f.flush(L)
	return 0
}

func fileClose(L *lua.LState) int {
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if f, ok := ud.Value.(*sslFile); ok && f.closed {
			return 0
		}
	}
	f := fileSelf(L, nil, "")
	interp.UnpackArgs(L, 2)
	f.closed = true
	f.flush(L)
	return 0
}
