// Package socketserver is netlua's `socketserver` module: Python's
// socketserver written in Lua (socketserver.lua, embedded), on top of the
// socket, select, threading and time modules, laid out like CPython's
// Lib/socketserver.py so that a learner can read the two side by side.
// The entries below document the classes and methods the Lua code defines.
//
// Files: module.go declares the module and documents what socketserver.lua
// (the module itself, embedded) defines.
package socketserver

import (
	_ "embed"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

//go:embed socketserver.lua
var source string

// Module is the socketserver module.
var Module = &interp.Module{
	Name: "socketserver",
	Doc: "A framework for network servers: Python's socketserver, written in Lua (read it with help or in stdlib/socketserver/socketserver.lua). " +
		"Subclass a request handler, override handle, and give it to a server class: " +
		"local H = socketserver.BaseRequestHandler:subclass(\"H\"); function H:handle() ... end; " +
		"socketserver.ThreadingTCPServer({\"127.0.0.1\", 9999}, H):serve_forever().",
	Funcs:  funcs,
	Source: source,
	Open: func(L *lua.LState, mod *lua.LTable) {
		// handle_error writes its report to stderr in one piece, through
		// the runtime's output like Python's print(..., file=sys.stderr).
		mod.RawSetString("_write_stderr", L.NewFunction(func(L *lua.LState) int {
			var s string
			interp.UnpackArgs(L, 1, "text", &s)
			interp.Of(L).Out.WriteErr(s)
			return 0
		}))
	},
}

var funcs = []interp.Func{
	// Classes written in Lua.
	{Name: "class", Sig: "socketserver.class([name,] Base1, Base2, ... [, fields]) -> class",
		Doc: "Makes a class with several bases, for mix-ins: socketserver.class(\"MyServer\", socketserver.ThreadingMixIn, socketserver.TCPServer, {allow_reuse_address = true}). Methods are looked up in the class, then in each base's order, as Python's method resolution order does for these classes. Calling a class makes an instance and runs its __init__ method.",
		Py:  "class MyServer(socketserver.ThreadingMixIn, socketserver.TCPServer): allow_reuse_address = True"},
	{Name: "super", Sig: "socketserver.super(cls, self) -> proxy",
		Doc: "Python's super(cls, self): methods of the classes after cls in self's class order, bound to self. super(MyHandler, self):setup() runs the setup that MyHandler overrides; with one base, socketserver.BaseRequestHandler.setup(self) does the same.",
		Py:  "super().setup()"},
	{Name: "object.subclass", Sig: "Base:subclass([name] [, fields]) -> class",
		Doc: "Makes a subclass of Base, a class of this module (BaseRequestHandler, TCPServer...): fields are its class attributes, name is what printing an instance shows (\"<MyHandler object at 0x...>\"). Define methods on the result: function MyHandler:handle() ... end.",
		Py:  "class MyHandler(socketserver.BaseRequestHandler): ..."},

	// Servers.
	{Name: "BaseServer", Sig: "socketserver.BaseServer(server_address, RequestHandlerClass)",
		Doc: "The base of the server classes: the serve_forever loop, shutdown and the request-handling steps (verify_request, process_request, finish_request, shutdown_request), which subclasses override. Class attribute timeout (nil: none) bounds handle_request's wait."},
	{Name: "BaseServer.serve_forever", Sig: "server:serve_forever([poll_interval=0.5] [, {poll_interval=}])", PyFunc: true,
		Doc: "Handles requests one after the other until shutdown() is called from another thread. Waits for the listening socket with select.select, waking every poll_interval seconds to notice shutdown.",
		Py:  "server.serve_forever(poll_interval=0.5)"},
	{Name: "BaseServer.shutdown", Sig: "server:shutdown()",
		Doc: "Stops the serve_forever loop and waits until it has returned. Call it from another thread than the one in serve_forever, or it waits for ever."},
	{Name: "BaseServer.handle_request", Sig: "server:handle_request()",
		Doc: "Waits for one request and handles it. Waits at most the smaller of server.timeout and the socket's timeout, then calls handle_timeout() instead."},
	{Name: "BaseServer.service_actions", Sig: "server:service_actions()",
		Doc: "Called once per turn of the serve_forever loop; does nothing. Override it for periodic work."},
	{Name: "BaseServer.handle_timeout", Sig: "server:handle_timeout()",
		Doc: "Called by handle_request when no request came within the timeout; does nothing."},
	{Name: "BaseServer.verify_request", Sig: "server:verify_request(request, client_address) -> boolean",
		Doc: "Whether to handle this request; true. Override it to refuse clients (a refused request is shut down)."},
	{Name: "BaseServer.process_request", Sig: "server:process_request(request, client_address)",
		Doc: "Calls finish_request, then shutdown_request. ThreadingMixIn overrides it to do this in a new thread."},
	{Name: "BaseServer.finish_request", Sig: "server:finish_request(request, client_address)",
		Doc: "Handles the request by making an instance of RequestHandlerClass(request, client_address, server)."},
	{Name: "BaseServer.shutdown_request", Sig: "server:shutdown_request(request)",
		Doc: "Shuts down and closes one request; here, calls close_request."},
	{Name: "BaseServer.close_request", Sig: "server:close_request(request)",
		Doc: "Cleans up one request; does nothing here."},
	{Name: "BaseServer.server_activate", Sig: "server:server_activate()",
		Doc: "Called by the constructor to activate the server; does nothing here."},
	{Name: "BaseServer.server_close", Sig: "server:server_close()",
		Doc: "Cleans up the server; does nothing here."},
	{Name: "BaseServer.handle_error", Sig: "server:handle_error(request, client_address [, err, report])",
		Doc: "Called when handling a request raised an Exception: writes Python's report to stderr — a line of 40 dashes, \"Exception occurred during processing of request from ('127.0.0.1', 5555)\", the error with its Lua stack traceback, dashes — and the server goes on. err and report (the message and traceback) are netlua's additions, since Lua has no sys.exc_info().",
		Py:  "server.handle_error(request, client_address)"},

	{Name: "TCPServer", Sig: "socketserver.TCPServer(server_address, RequestHandlerClass [, bind_and_activate=true] [, {bind_and_activate=}])", PyFunc: true,
		Doc: "A server on a stream socket, one request at a time. Unless bind_and_activate is false it binds and listens at once; server_address then holds the real address (the chosen port for port 0). Class attributes, settable on a subclass or before construction: address_family (AF_INET), socket_type (SOCK_STREAM), request_queue_size (5, the listen backlog), allow_reuse_address and allow_reuse_port (false), timeout. The socket is server.socket.",
		Py:  "socketserver.TCPServer(server_address, RequestHandlerClass, bind_and_activate=True)"},
	{Name: "TCPServer.server_bind", Sig: "server:server_bind()",
		Doc: "Sets SO_REUSEADDR/SO_REUSEPORT if allowed, binds the socket to server_address and stores the bound address back in server_address."},
	{Name: "TCPServer.server_activate", Sig: "server:server_activate()",
		Doc: "Listens, with request_queue_size as the backlog."},
	{Name: "TCPServer.server_close", Sig: "server:server_close()",
		Doc: "Closes the listening socket."},
	{Name: "TCPServer.fileno", Sig: "server:fileno() -> integer",
		Doc: "The listening socket's file descriptor, for select."},
	{Name: "TCPServer.get_request", Sig: "server:get_request() -> request, client_address",
		Doc: "Accepts a connection: the connected socket and the client's address."},
	{Name: "TCPServer.shutdown_request", Sig: "server:shutdown_request(request)",
		Doc: "Shuts the connection down for writing (the client sees the end of the stream), then closes it with close_request."},
	{Name: "TCPServer.close_request", Sig: "server:close_request(request)",
		Doc: "Closes the connection's socket."},

	{Name: "UDPServer", Sig: "socketserver.UDPServer(server_address, RequestHandlerClass [, bind_and_activate=true] [, {bind_and_activate=}])", PyFunc: true,
		Doc: "A server on a datagram socket: each datagram is a request, self.request is {data, socket} and replies go out with socket:sendto(reply, self.client_address). max_packet_size is 8192.",
		Py:  "socketserver.UDPServer(server_address, RequestHandlerClass, bind_and_activate=True)"},
	{Name: "UDPServer.get_request", Sig: "server:get_request() -> {data, socket}, client_address",
		Doc: "Receives one datagram of at most max_packet_size bytes."},
	{Name: "UDPServer.server_activate", Sig: "server:server_activate()",
		Doc: "Does nothing: datagram sockets do not listen."},
	{Name: "UDPServer.shutdown_request", Sig: "server:shutdown_request(request)",
		Doc: "Calls close_request: there is no connection to shut down."},
	{Name: "UDPServer.close_request", Sig: "server:close_request(request)",
		Doc: "Does nothing: the socket is the server's."},

	{Name: "ThreadingMixIn", Sig: "socketserver.ThreadingMixIn",
		Doc: "Mix-in that handles each request in a new thread. daemon_threads (false) makes the threads daemons; block_on_close (true) makes server_close wait for the threads that are not."},
	{Name: "ThreadingMixIn.process_request", Sig: "server:process_request(request, client_address)",
		Doc: "Starts a thread running process_request_thread."},
	{Name: "ThreadingMixIn.process_request_thread", Sig: "server:process_request_thread(request, client_address)",
		Doc: "In the request's thread: finish_request, handle_error if it raised an Exception, and shutdown_request in any case."},
	{Name: "ThreadingMixIn.server_close", Sig: "server:server_close()",
		Doc: "Closes the server, then, if block_on_close, waits for the request threads that are not daemons."},
	{Name: "ThreadingTCPServer", Sig: "socketserver.ThreadingTCPServer(server_address, RequestHandlerClass [, bind_and_activate=true] [, {bind_and_activate=}])", PyFunc: true,
		Doc: "TCPServer with ThreadingMixIn: each connection is handled in its own thread.",
		Py:  "socketserver.ThreadingTCPServer(server_address, RequestHandlerClass)"},
	{Name: "ThreadingUDPServer", Sig: "socketserver.ThreadingUDPServer(server_address, RequestHandlerClass [, bind_and_activate=true] [, {bind_and_activate=}])", PyFunc: true,
		Doc: "UDPServer with ThreadingMixIn: each datagram is handled in its own thread.",
		Py:  "socketserver.ThreadingUDPServer(server_address, RequestHandlerClass)"},
	{Name: "UnixStreamServer", Sig: "socketserver.UnixStreamServer(path, RequestHandlerClass [, bind_and_activate=true] [, {bind_and_activate=}])", PyFunc: true,
		Doc: "TCPServer on an AF_UNIX stream socket bound to a file system path (remove the file when done).",
		Py:  "socketserver.UnixStreamServer(path, RequestHandlerClass)"},
	{Name: "UnixDatagramServer", Sig: "socketserver.UnixDatagramServer(path, RequestHandlerClass [, bind_and_activate=true] [, {bind_and_activate=}])", PyFunc: true,
		Doc: "UDPServer on an AF_UNIX datagram socket bound to a file system path.",
		Py:  "socketserver.UnixDatagramServer(path, RequestHandlerClass)"},
	{Name: "ThreadingUnixStreamServer", Sig: "socketserver.ThreadingUnixStreamServer(path, RequestHandlerClass [, bind_and_activate=true] [, {bind_and_activate=}])", PyFunc: true,
		Doc: "UnixStreamServer with ThreadingMixIn.",
		Py:  "socketserver.ThreadingUnixStreamServer(path, RequestHandlerClass)"},
	{Name: "ThreadingUnixDatagramServer", Sig: "socketserver.ThreadingUnixDatagramServer(path, RequestHandlerClass [, bind_and_activate=true] [, {bind_and_activate=}])", PyFunc: true,
		Doc: "UnixDatagramServer with ThreadingMixIn.",
		Py:  "socketserver.ThreadingUnixDatagramServer(path, RequestHandlerClass)"},

	// Request handlers.
	{Name: "BaseRequestHandler", Sig: "socketserver.BaseRequestHandler(request, client_address, server)",
		Doc: "The base of request handlers. The server makes one per request, which sets self.request (the connected socket, or {data, socket} for datagrams), self.client_address and self.server, then calls setup(), handle(), and finish() even if handle() raised. Subclass it and override handle.",
		Py:  "socketserver.BaseRequestHandler"},
	{Name: "BaseRequestHandler.setup", Sig: "handler:setup()",
		Doc: "Called before handle, to prepare the request; does nothing here."},
	{Name: "BaseRequestHandler.handle", Sig: "handler:handle()",
		Doc: "Does the work of the request; does nothing here. Override it."},
	{Name: "BaseRequestHandler.finish", Sig: "handler:finish()",
		Doc: "Called after handle, even if it raised, to clean up; does nothing here."},
	{Name: "StreamRequestHandler", Sig: "socketserver.StreamRequestHandler",
		Doc: "A handler for stream sockets with file objects: self.rfile to read the request (self.rfile:readline()), self.wfile to write the reply (each write is sent at once). Class attributes: timeout (for the connection), disable_nagle_algorithm (false), wbufsize (0: wfile unbuffered; otherwise a buffered file that finish flushes)."},
	{Name: "StreamRequestHandler.setup", Sig: "handler:setup()",
		Doc: "Sets self.connection, applies timeout and disable_nagle_algorithm, makes self.rfile with connection:makefile(\"rb\") and self.wfile."},
	{Name: "StreamRequestHandler.finish", Sig: "handler:finish()",
		Doc: "Flushes self.wfile and closes both file objects."},
	{Name: "DatagramRequestHandler", Sig: "socketserver.DatagramRequestHandler",
		Doc: "A handler for datagram sockets with in-memory files: self.rfile reads the received packet (self.packet), what handle writes to self.wfile is sent back to the client as one datagram by finish. self.socket is the server's socket."},
	{Name: "DatagramRequestHandler.setup", Sig: "handler:setup()",
		Doc: "Sets self.packet and self.socket from the request, and makes self.rfile and self.wfile."},
	{Name: "DatagramRequestHandler.finish", Sig: "handler:finish()",
		Doc: "Sends what was written to self.wfile to the client."},
}
