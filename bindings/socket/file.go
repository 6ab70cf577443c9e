package socket

import (
	"bytes"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"netlua/internal/sockos"

	"netlua/interp"
)

// File objects: makefile's buffered file over a socket, and sendfile, which
// reads a Lua file object and sends it.

// socketFile is what makefile returns. Reads fill a buffer with recv; writes
// collect in a buffer that flush sends, as Python's buffered layers do.
type socketFile struct {
	s              *sock
	mode           string
	reader, writer bool
	rbuf, wbuf     []byte
	eof            bool
	closed         bool
}

// fileChunk is how much one recv asks for, and the write buffer's size.
const fileChunk = 8192

var fileType = &interp.Type{
	Name: "socket.SocketFile",
	Doc:  "The file object makefile returns: read, readline, lines, write, flush, close over the socket, buffered as Python's makefile is.",
	Methods: []interp.Func{
		{Name: "read", Fn: fileRead, Sig: "f:read([n]) -> string",
			Doc: "Reads n bytes, fewer only at end of stream; without n (or with a negative one) reads until the peer closes. Returns '' at end of stream."},
		{Name: "readline", Fn: fileReadLine, Sig: "f:readline([limit]) -> string",
			Doc: "Reads one line, with its '\\n' (the last line of the stream may have none), at most limit bytes if given. Returns '' at end of stream.",
			Py:  "f.readline([size])"},
		{Name: "lines", Fn: fileLines, Sig: "f:lines() -> iterator",
			Doc: "Returns an iterator over the remaining lines for a generic for loop; like Lua's file:lines() each line comes without its '\\n'.",
			Py:  "for line in f: ..."},
		{Name: "write", Fn: fileWrite, Sig: "f:write(data) -> number",
			Doc: "Adds data to the write buffer, sending it when the buffer is full, and returns #data. Call flush to send the rest."},
		{Name: "flush", Fn: fileFlush, Sig: "f:flush()",
			Doc: "Sends everything written so far."},
		{Name: "close", Fn: fileClose, Sig: "f:close()",
			Doc: "Flushes and closes the file. The socket stays open (unless it was closed already, in which case it closes now)."},
	},
	Repr: fileString,
}

func sockMakefile(L *lua.LState) int {
	s := interp.Self[*sock](L)
	mode := "r"
	interp.UnpackArgs(L, 2, "mode?", &mode)
	if strings.Trim(mode, "rwb") != "" {
		interp.Raise(L, interp.ValueError, "%s(): invalid mode %s (only r, w, b allowed)", interp.FuncName(L), interp.Repr(lua.LString(mode)))
	}
	s.conn(L)
	f := &socketFile{s: s, mode: mode, reader: strings.Contains(mode, "r"), writer: strings.Contains(mode, "w")}
	if !f.reader && !f.writer {
		f.reader = true // Python's mode 'b' alone reads
	}
	s.ioRefs++
	L.Push(interp.NewObject(L, fileType, f))
	return 1
}

// fileString is a file's repr: <socket.SocketFile fd=3, mode='r'>.
func fileString(L *lua.LState) int {
	f := L.CheckUserData(1).Value.(*socketFile)
	state := fmt.Sprintf("fd=%d", f.s.fd)
	if f.closed {
		state = "[closed]"
	}
	L.Push(lua.LString(fmt.Sprintf("<socket.SocketFile %s, mode=%s>", state, interp.Repr(lua.LString(f.mode)))))
	return 1
}

// openFile returns the open file a method was called on; need, if set,
// says whether the file allows the method, and what is the error if not.
func openFile(L *lua.LState, need func(*socketFile) bool, what string) *socketFile {
	f := interp.Self[*socketFile](L)
	if f.closed {
		// Named here: "close" is in the text, so Raise would not name it.
		interp.Raise(L, interp.ValueError, "%s(): I/O operation on closed file.", interp.FuncName(L))
	}
	if need != nil && !need(f) {
		interp.Raise(L, interp.OSError, "%s", what) // io.UnsupportedOperation's text
	}
	return f
}

func readable(f *socketFile) bool { return f.reader }
func writable(f *socketFile) bool { return f.writer }

// fill receives once more into the read buffer; false at end of stream.
func (f *socketFile) fill(L *lua.LState) bool {
	if f.eof {
		return false
	}
	buf := make([]byte, fileChunk)
	n, _, err := f.s.recv(L, buf, 0, false)
	traceBufAs(L, f.s, "makefile recv", buf, n, nil, err)
	if err != nil {
		raise(L, err)
	}
	if n == 0 {
		f.eof = true
		return false
	}
	f.rbuf = append(f.rbuf, buf[:n]...)
	return true
}

// take removes and returns the first n bytes of the read buffer.
func (f *socketFile) take(n int) lua.LString {
	s := lua.LString(f.rbuf[:n])
	f.rbuf = f.rbuf[n:]
	return s
}

func fileRead(L *lua.LState) int {
	f := openFile(L, readable, "not readable")
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

// readLine returns the next line with its newline, or "" at end of stream.
func (f *socketFile) readLine(L *lua.LState, limit int) lua.LString {
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
	f := openFile(L, readable, "not readable")
	limit := -1
	interp.UnpackArgs(L, 2, "limit?", &limit)
	L.Push(f.readLine(L, limit))
	return 1
}

func fileLines(L *lua.LState) int {
	f := openFile(L, readable, "not readable")
	interp.UnpackArgs(L, 2)
	// The iterator has no entry: it speaks for lines, and raises its error
	// itself, since Raise would name it by its call site ("it(): ...").
	closedText := lua.LString(interp.FuncName(L) + "(): I/O operation on closed file.")
	L.Push(L.NewFunction(func(L *lua.LState) int {
		if f.closed {
			interp.RaiseValue(L, interp.NewException(L, interp.ValueError, closedText))
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
	f := openFile(L, writable, "not writable")
	var data string
	interp.UnpackArgs(L, 2, "data", &data)
	f.wbuf = append(f.wbuf, data...)
	if len(f.wbuf) >= fileChunk {
		f.flush(L)
	}
	L.Push(lua.LNumber(len(data)))
	return 1
}

func (f *socketFile) flush(L *lua.LState) {
	d := f.s.deadline()
	for len(f.wbuf) > 0 {
		n, err := f.s.send(L, f.wbuf, nil, 0, d)
		traceBufAs(L, f.s, "makefile send", f.wbuf, n, nil, err)
		if err != nil {
			raise(L, err)
		}
		f.wbuf = f.wbuf[n:]
	}
	f.wbuf = nil
}

func fileFlush(L *lua.LState) int {
	f := openFile(L, nil, "")
	interp.UnpackArgs(L, 2)
	f.flush(L)
	return 0
}

func fileClose(L *lua.LState) int {
	ud, ok := L.Get(1).(*lua.LUserData)
	if ok {
		if f, ok := ud.Value.(*socketFile); ok && f.closed {
			return 0 // closing twice is harmless, as in Python
		}
	}
	f := openFile(L, nil, "")
	interp.UnpackArgs(L, 2)
	f.closed = true
	f.s.ioRefs--
	defer func() {
		if f.s.closed && f.s.ioRefs == 0 {
			f.s.close(L)
		}
	}()
	f.flush(L)
	return 0
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
