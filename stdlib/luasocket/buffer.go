package luasocket

import (
	"math"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// The receive buffer and send loop of tcp{client} objects, in Go: they are
// an echo server's whole hot path, where every Lua instruction counts.
// tcp.lua checks the arguments and calls core.receive and core.send; these
// keep their state in the object's fields as the Lua code does (_sock, the
// Python socket; _buf and _pos, the unread bytes; _block and _total, the
// timeouts; _pytimeout, what _sock:settimeout was last given; _received
// and _sent) and turn the Python socket's exceptions into LuaSocket's
// error strings with core.message, which raises KeyboardInterrupt and
// anything else that is not an OSError again.

const (
	chunkSize = 8192  // bytes read from the socket at a time (LuaSocket's BUF_SIZE)
	sendStep  = 65536 // bytes handed to one send
)

// tcpIO is one call's view of a tcp{client} object.
type tcpIO struct {
	L        *lua.LState
	self     *lua.LTable
	message  lua.LValue // core.message
	sock     lua.LValue
	buf      string
	pos      int // 0-based: buf[pos:] is unread
	deadline time.Time
	limited  bool
	received float64
}

func newTCPIO(L *lua.LState, core *lua.LTable) *tcpIO {
	self := L.CheckTable(1)
	io := &tcpIO{L: L, self: self, message: core.RawGetString("message"), sock: self.RawGetString("_sock")}
	if b, ok := self.RawGetString("_buf").(lua.LString); ok {
		io.buf = string(b)
	}
	if p, ok := self.RawGetString("_pos").(lua.LNumber); ok {
		io.pos = int(p) - 1
	}
	if r, ok := self.RawGetString("_received").(lua.LNumber); ok {
		io.received = float64(r)
	}
	// LuaSocket's two timeouts both count from the start of the call.
	block, total := fieldNumber(self.RawGetString("_block")), fieldNumber(self.RawGetString("_total"))
	if block >= 0 || total >= 0 {
		limit := block
		if block < 0 || (total >= 0 && total < block) {
			limit = total
		}
		io.limited = true
		io.deadline = time.Now().Add(time.Duration(limit * float64(time.Second)))
	}
	return io
}

func fieldNumber(v lua.LValue) float64 {
	if n, ok := v.(lua.LNumber); ok {
		return float64(n)
	}
	return -1
}

// save writes the buffer and the counts back into the object.
func (io *tcpIO) save() {
	io.self.RawSetString("_buf", lua.LString(io.buf))
	io.self.RawSetString("_pos", lua.LNumber(io.pos+1))
	io.self.RawSetString("_received", lua.LNumber(io.received))
}

// arm gives the Python socket the time left, if that changed.
func (io *tcpIO) arm() {
	var want lua.LValue = lua.LNil
	if io.limited {
		left := time.Until(io.deadline).Seconds()
		want = lua.LNumber(math.Max(left, 0))
	}
	if io.self.RawGetString("_pytimeout") == want {
		return
	}
	io.call("settimeout", want)
	io.self.RawSetString("_pytimeout", want)
}

// call calls a method of the Python socket; on failure it returns
// LuaSocket's message for the exception (raising what is not an OSError).
func (io *tcpIO) call(method string, args ...lua.LValue) (lua.LValue, string) {
	L := io.L
	fn := L.GetField(io.sock, method)
	err := L.CallByParam(lua.P{Fn: fn, NRet: 1, Protect: true}, append([]lua.LValue{io.sock}, args...)...)
	if err != nil {
		var exc lua.LValue = lua.LString(err.Error())
		if api, ok := err.(*lua.ApiError); ok {
			exc = api.Object
		}
		L.Push(io.message)
		L.Push(exc)
		L.Call(1, 1) // raises KeyboardInterrupt and other non-OSErrors
		msg := L.Get(-1)
		L.Pop(1)
		return nil, lua.LVAsString(msg)
	}
	v := L.Get(-1)
	L.Pop(1)
	return v, ""
}

// fill reads the next chunk into the (empty) buffer: "" or an error,
// "closed" at the end of the stream.
func (io *tcpIO) fill() string {
	if io.sock == lua.LNil {
		return "closed"
	}
	io.arm()
	v, errText := io.call("recv", lua.LNumber(chunkSize))
	if errText != "" {
		return errText
	}
	data := lua.LVAsString(v)
	if data == "" {
		return "closed"
	}
	io.buf, io.pos = data, 0
	return ""
}

// line reads up to the next "\n", dropping every "\r" (LuaSocket's
// recvline), into out.
func (io *tcpIO) line(out *strings.Builder) string {
	for {
		rest := io.buf[io.pos:]
		nl := strings.IndexByte(rest, '\n')
		piece := rest
		if nl >= 0 {
			piece = rest[:nl]
		}
		if strings.IndexByte(piece, '\r') >= 0 {
			piece = strings.ReplaceAll(piece, "\r", "")
		}
		out.WriteString(piece)
		if nl >= 0 {
			io.pos += nl + 1
			io.received += float64(nl + 1)
			return ""
		}
		io.received += float64(len(rest))
		io.buf, io.pos = "", 0
		if err := io.fill(); err != "" {
			return err
		}
	}
}

// count reads the next wanted bytes into out (LuaSocket's recvraw: even
// for 0 it reads a chunk when the buffer is empty).
func (io *tcpIO) count(out *strings.Builder, wanted int) string {
	total := 0
	for {
		if io.pos >= len(io.buf) {
			if err := io.fill(); err != "" {
				return err
			}
		}
		take := min(len(io.buf)-io.pos, wanted-total)
		out.WriteString(io.buf[io.pos : io.pos+take])
		io.pos += take
		io.received += float64(take)
		total += take
		if total >= wanted {
			return ""
		}
	}
}

// all reads until the peer closes, which is success if anything came.
func (io *tcpIO) all(out *strings.Builder) string {
	total := 0
	for {
		if io.pos >= len(io.buf) {
			if err := io.fill(); err != "" {
				if err == "closed" && total > 0 {
					return ""
				}
				return err
			}
		}
		piece := io.buf[io.pos:]
		out.WriteString(piece)
		io.received += float64(len(piece))
		total += len(piece)
		io.buf, io.pos = "", 0
	}
}

// debugOn reports whether socket._DEBUG is true: results then end with
// the time the call took.
func debugOn(socket *lua.LTable) bool { return lua.LVAsBool(socket.RawGetString("_DEBUG")) }

// tcpReceive is core.receive(self, pattern, prefix), with arguments checked
// by tcp.lua: pattern nil, "*l...", "*a..." or a number >= 0; prefix nil
// or a string.
func tcpReceive(socket, core *lua.LTable) lua.LGFunction {
	return func(L *lua.LState) int {
		start := time.Now()
		io := newTCPIO(L, core)
		pattern, prefixValue := L.Get(2), L.Get(3)
		prefix := ""
		if prefixValue != lua.LNil {
			prefix = lua.LVAsString(prefixValue)
		}
		var out strings.Builder
		out.WriteString(prefix)
		var err string
		if n, ok := pattern.(lua.LNumber); ok {
			wanted := int(n)
			if prefix == "" || wanted > len(prefix) {
				err = io.count(&out, wanted-len(prefix))
			}
		} else if pattern == lua.LNil || strings.HasPrefix(lua.LVAsString(pattern), "*l") {
			err = io.line(&out)
		} else {
			err = io.all(&out)
		}
		io.save()
		if err != "" {
			L.Push(lua.LNil)
			L.Push(lua.LString(err))
			L.Push(lua.LString(out.String()))
		} else {
			L.Push(lua.LString(out.String()))
			L.Push(lua.LNil)
			L.Push(lua.LNil)
		}
		if debugOn(socket) {
			L.Push(lua.LNumber(time.Since(start).Seconds()))
			return 4
		}
		return 3
	}
}

// tcpSend is core.send(self, data, i, j): data[i..j] (1-based, already
// clamped by tcp.lua, i <= j) in pieces; the index of the last byte sent,
// or nil, err, last.
func tcpSend(socket, core *lua.LTable) lua.LGFunction {
	return func(L *lua.LState) int {
		start := time.Now()
		io := newTCPIO(L, core)
		data := L.CheckString(2)
		i, j := L.CheckInt(3), L.CheckInt(4)
		sent, err := 0, ""
		if io.sock == lua.LNil {
			err = "closed"
		}
		total := fieldNumber(io.self.RawGetString("_sent"))
		for pos := i; err == "" && pos <= j; {
			io.arm()
			last := min(pos+sendStep-1, j)
			piece := data
			if pos != 1 || last != len(data) {
				piece = data[pos-1 : last]
			}
			var v lua.LValue
			if v, err = io.call("send", lua.LString(piece)); err == "" {
				n := int(lua.LVAsNumber(v))
				pos += n
				sent += n
				total += float64(n)
			}
		}
		io.self.RawSetString("_sent", lua.LNumber(total))
		if err != "" {
			L.Push(lua.LNil)
			L.Push(lua.LString(err))
			L.Push(lua.LNumber(sent + i - 1))
		} else {
			L.Push(lua.LNumber(sent + i - 1))
			L.Push(lua.LNil)
			L.Push(lua.LNil)
		}
		if debugOn(socket) {
			L.Push(lua.LNumber(time.Since(start).Seconds()))
			return 4
		}
		return 3
	}
}
