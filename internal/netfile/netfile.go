// Package netfile is the file object that makefile returns, for the socket
// module's sockets and the ssl module's: Python's buffered reader and
// writer over a connection, with read, readline, lines, write, flush and
// close. Reads fill a buffer a chunk at a time; writes collect in a buffer
// that flush sends. The modules differ only in how a chunk is received and
// sent (Stream) and in the type's name, so each declares its Type with
// Methods from here.
package netfile

import (
	"bytes"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// A Stream is the connection under a file. Each call raises the module's
// exception on an error.
type Stream interface {
	// Recv returns the next bytes received, at most n of them; none at the
	// end of the stream.
	Recv(L *lua.LState, n int) []byte
	// Send sends a prefix of p, at least one byte, and returns its length.
	// What an error leaves unsent stays in the file's buffer.
	Send(L *lua.LState, p []byte) int
	// Fileno is the descriptor, for the repr.
	Fileno() int
}

// A File is what makefile returns.
type File struct {
	stream         Stream
	mode           string
	reader, writer bool
	rbuf, wbuf     []byte
	eof, closed    bool
	onClose        func(L *lua.LState)
}

// chunk is how much one receive asks for, and the write buffer's size.
const chunk = 8192

// Methods are a file type's methods; the module's Type lists them.
var Methods = []interp.Func{
	{Name: "read", Fn: fileRead, Sig: "f:read([n]) -> string",
		Doc: "Reads n bytes, fewer only at end of stream; without n (or with a negative one) reads until the peer closes. Returns '' at end of stream.",
		Py:  "f.read([n])"},
	{Name: "readline", Fn: fileReadLine, Sig: "f:readline([limit]) -> string",
		Doc: "Reads one line, with its '\\n' (the last line of the stream may have none), at most limit bytes if given. Returns '' at end of stream.",
		Py:  "f.readline([size])"},
	{Name: "lines", Fn: fileLines, Sig: "f:lines() -> iterator",
		Doc: "Returns an iterator over the remaining lines for a generic for loop; like Lua's file:lines() each line comes without its '\\n'.",
		Py:  "for line in f: ..."},
	{Name: "write", Fn: fileWrite, Sig: "f:write(data) -> number",
		Doc: "Adds data to the write buffer, sending it when the buffer is full, and returns #data. Call flush to send the rest.",
		Py:  "f.write(data)"},
	{Name: "flush", Fn: fileFlush, Sig: "f:flush()",
		Doc: "Sends everything written so far.",
		Py:  "f.flush()"},
	{Name: "close", Fn: fileClose, Sig: "f:close()",
		Doc: "Flushes and closes the file. The connection stays open (a socket closed while the file was open closes now).",
		Py:  "f.close()"},
}

// Open checks makefile's mode argument (at stack index 2, "r" if absent)
// and returns a file of type typ over stream. onClose, if set, runs when
// the file is closed.
func Open(L *lua.LState, typ *interp.Type, stream Stream, onClose func(L *lua.LState)) *lua.LUserData {
	mode := "r"
	interp.UnpackArgs(L, 2, "mode?", &mode)
	if strings.Trim(mode, "rwb") != "" {
		interp.Raise(L, interp.ValueError, "%s(): invalid mode %s (only r, w, b allowed)", interp.FuncName(L), interp.Repr(lua.LString(mode)))
	}
	f := &File{stream: stream, mode: mode, reader: strings.Contains(mode, "r"), writer: strings.Contains(mode, "w"), onClose: onClose}
	if !f.reader && !f.writer {
		f.reader = true // Python's mode 'b' alone reads
	}
	return interp.NewObject(L, typ, f)
}

// Repr is a file type's repr: <socket.SocketFile fd=3, mode='r'>.
func Repr(name string) lua.LGFunction {
	return func(L *lua.LState) int {
		f := interp.Self[*File](L)
		state := fmt.Sprintf("fd=%d", f.stream.Fileno())
		if f.closed {
			state = "[closed]"
		}
		L.Push(lua.LString(fmt.Sprintf("<%s %s, mode=%s>", name, state, interp.Repr(lua.LString(f.mode)))))
		return 1
	}
}

// open returns the open file a method was called on; need, if set, says
// whether the file allows the method, and what is the error if not.
func open(L *lua.LState, need func(*File) bool, what string) *File {
	f := interp.Self[*File](L)
	if f.closed {
		// Named here: "close" is in the text, so Raise would not name it.
		interp.Raise(L, interp.ValueError, "%s(): I/O operation on closed file.", interp.FuncName(L))
	}
	if need != nil && !need(f) {
		interp.Raise(L, interp.OSError, "%s", what) // io.UnsupportedOperation's text
	}
	return f
}

func readable(f *File) bool { return f.reader }
func writable(f *File) bool { return f.writer }

// fill receives once more into the read buffer; false at end of stream.
func (f *File) fill(L *lua.LState) bool {
	if f.eof {
		return false
	}
	p := f.stream.Recv(L, chunk)
	if len(p) == 0 {
		f.eof = true
		return false
	}
	f.rbuf = append(f.rbuf, p...)
	return true
}

// take removes and returns the first n bytes of the read buffer.
func (f *File) take(n int) lua.LString {
	s := lua.LString(f.rbuf[:n])
	f.rbuf = f.rbuf[n:]
	return s
}

func fileRead(L *lua.LState) int {
	f := open(L, readable, "not readable")
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
func (f *File) readLine(L *lua.LState, limit int) lua.LString {
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
	f := open(L, readable, "not readable")
	limit := -1
	interp.UnpackArgs(L, 2, "limit?", &limit)
	L.Push(f.readLine(L, limit))
	return 1
}

func fileLines(L *lua.LState) int {
	f := open(L, readable, "not readable")
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
	f := open(L, writable, "not writable")
	var data string
	interp.UnpackArgs(L, 2, "data", &data)
	f.wbuf = append(f.wbuf, data...)
	if len(f.wbuf) >= chunk {
		f.flush(L)
	}
	L.Push(lua.LNumber(len(data)))
	return 1
}

// flush sends the write buffer.
func (f *File) flush(L *lua.LState) {
	for len(f.wbuf) > 0 {
		f.wbuf = f.wbuf[f.stream.Send(L, f.wbuf):]
	}
	f.wbuf = nil
}

func fileFlush(L *lua.LState) int {
	f := open(L, nil, "")
	interp.UnpackArgs(L, 2)
	f.flush(L)
	return 0
}

func fileClose(L *lua.LState) int {
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if f, ok := ud.Value.(*File); ok && f.closed {
			return 0 // closing twice is harmless, as in Python
		}
	}
	f := open(L, nil, "")
	interp.UnpackArgs(L, 2)
	f.closed = true
	if f.onClose != nil {
		defer f.onClose(L)
	}
	f.flush(L)
	return 0
}
