// Package luasocket adds LuaSocket 3.1's API to netlua: socket.tcp(),
// client:receive("*l"), socket.select, socket.dns... in the same `socket`
// module as Python's names, and the modules LuaSocket programs require
// beside it (ltn12, mime, socket.url, socket.headers, socket.http,
// socket.tp, socket.smtp, socket.ftp).
//
// It is written in Lua (the .lua files here, embedded), over netlua's
// Python-API socket objects rather than inside the Go socket core: a
// LuaSocket object holds a Python socket and turns its exceptions into
// LuaSocket's returned error strings, so it releases the GIL, stops on
// Ctrl-C and shows in socket.trace like any other socket, on every platform
// the core supports. The Lua files are meant to be read; two hot or
// byte-level parts are Go: the tcp receive buffer and send loop
// (buffer.go) and mime's encoders (mimecore.go).
package luasocket

import (
	"bytes"
	"embed"
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

//go:embed *.lua
var sources embed.FS

// socketChunks are the files that add LuaSocket's API to the socket
// module, in the order they run; each gets the module table and a shared
// table of helpers.
var socketChunks = []string{"core.lua", "tcp.lua", "udp.lua", "socket.lua"}

// Extend returns the socket module m with LuaSocket's functions added to
// its table and its documentation. m itself is left as it is.
func Extend(m *interp.Module) *interp.Module {
	ext := *m
	ext.Funcs = append(append([]interp.Func(nil), m.Funcs...), socketFuncs...)
	ext.Doc = m.Doc + " " + socketDoc
	ext.Open = func(L *lua.LState, mod *lua.LTable) {
		if m.Open != nil {
			m.Open(L, mod)
		}
		core := L.NewTable()
		core.RawSetString("errno", errnoTable(L))
		core.RawSetString("strerror", L.NewFunction(strerror))
		core.RawSetString("disconnect", L.NewFunction(disconnect))
		core.RawSetString("receive", L.NewFunction(tcpReceive(mod, core)))
		core.RawSetString("send", L.NewFunction(tcpSend(mod, core)))
		for _, name := range socketChunks {
			run(L, name, mod, core)
		}
	}
	return &ext
}

// run runs the embedded Lua file name with args.
func run(L *lua.LState, name string, args ...lua.LValue) {
	src, err := sources.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("luasocket: %v", err))
	}
	fn, err := interp.Compile(L, bytes.NewReader(src), "luasocket/"+name)
	if err != nil {
		panic(fmt.Sprintf("luasocket: %s does not compile: %v", name, err))
	}
	L.Push(fn)
	for _, a := range args {
		L.Push(a)
	}
	L.Call(len(args), 0)
}

// source returns the embedded Lua file name, for a Module's Source.
func source(name string) string {
	src, err := sources.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("luasocket: %v", err))
	}
	return string(src)
}
