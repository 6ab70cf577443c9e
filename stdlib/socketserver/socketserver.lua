-- socketserver: a framework for network servers, Python's socketserver
-- written in Lua. It follows CPython 3.11's Lib/socketserver.py class by
-- class and method by method, so the two can be read side by side.
--
-- A server class owns the listening socket and its loop (serve_forever);
-- for each request it makes an instance of a request handler class, whose
-- handle() method does the work:
--
--   local MyHandler = socketserver.BaseRequestHandler:subclass("MyHandler")
--   function MyHandler:handle()
--     local data = self.request:recv(1024)
--     self.request:sendall(data)
--   end
--   local server = socketserver.ThreadingTCPServer({"127.0.0.1", 9999}, MyHandler)
--   server:serve_forever()

local socketserver, wrong_self, arg_error, python_type_name, keywords = ...
-- keywords(name, ...) takes Python's keyword arguments for the function
-- documented as name, given as a last table (TCPServer(addr, H,
-- {bind_and_activate = false})), and returns the arguments in the order of
-- its signature, with CPython's TypeError for an unknown keyword or a
-- wrong count; it is the Go modules' argument checker (interp/luakeywords.go).

local socket = require("socket")
local threading = require("threading")
local select = require("select")
local time = require("time")

---------------------------------------------------------------------------
-- Classes
--
-- Lua has no classes, so here is a small version of Python's. A class is a
-- table of methods and class attributes; it is also the metatable of its
-- instances. Calling a class makes an instance and runs its __init__.
-- Attributes missing from an instance are looked up along the class's
-- method resolution order (__mro): the class, then its bases, as in Python.
--
-- Names: fields private to this module start with one underscore
-- (_address, _is_shut_down), as Python's private attributes do, here and in
-- ntplib; two underscores are the class machinery (__name, __mro, __init__),
-- as Python's special names are.

local Class = {} -- the metatable of every class

-- lookup finds key in the classes of mro from position first on.
local function lookup(mro, first, key)
  for i = first, #mro do
    local v = rawget(mro[i], key)
    if v ~= nil then
      return v
    end
  end
  return nil
end

-- is_instance reports whether obj is an instance of cls or of a subclass.
local function is_instance(obj, cls)
  local mt = type(obj) == "table" and getmetatable(obj)
  if not mt or getmetatable(mt) ~= Class then
    return false
  end
  for _, c in ipairs(mt.__mro) do
    if c == cls then
      return true
    end
  end
  return false
end

-- type_name names a value's type in error messages: a class name for
-- instances, Python's name for the value's type otherwise ("str", "int").
local function type_name(v)
  local mt = type(v) == "table" and getmetatable(v)
  if mt and getmetatable(mt) == Class then
    return mt.__name
  end
  return python_type_name(v)
end

Class.__index = function(cls, key)
  return lookup(rawget(cls, "__mro"), 2, key)
end

Class.__call = function(cls, ...)
  -- Every instance remembers the address Lua gives its table, for print.
  local self = {}
  self._address = string.match(tostring(self), "0x%x+") or "0x0"
  setmetatable(self, cls)
  self:__init__(...)
  return self
end

Class.__tostring = function(cls)
  return "<class '" .. rawget(cls, "__name") .. "'>"
end

-- class(name, bases, fields) is Python's `class name(*bases): fields`.
-- The method resolution order lists the class, then each base's order in
-- turn, keeping only the last occurrence of a class seen twice: for the
-- classes of this module that is the order Python computes.
local function class(name, bases, fields)
  local cls = {}
  for k, v in pairs(fields or {}) do
    cls[k] = v
  end
  cls.__name = name
  cls.__bases = bases
  local all = { cls }
  for _, base in ipairs(bases) do
    for _, c in ipairs(base.__mro) do
      table.insert(all, c)
    end
  end
  local mro, last = {}, {}
  for i, c in ipairs(all) do
    last[c] = i
  end
  for i, c in ipairs(all) do
    if last[c] == i then
      table.insert(mro, c)
    end
  end
  cls.__mro = mro
  -- Instances look up missing attributes along the whole order.
  cls.__index = function(_, key)
    return lookup(mro, 1, key)
  end
  -- print(obj) shows Python's default repr.
  cls.__tostring = function(obj)
    return "<" .. name .. " object at " .. rawget(obj, "_address") .. ">"
  end
  return setmetatable(cls, Class)
end

-- object is the root class, as in Python.
local object = class("object", {})

function object:__init__() end

-- Base:subclass([name], [fields]) is `class name(Base): fields`.
function object.subclass(base, name, fields)
  if getmetatable(base) ~= Class then
    wrong_self(base, "type")
  end
  if type(name) == "table" and fields == nil then
    fields = name
    name = nil
  end
  if name ~= nil and type(name) ~= "string" then
    arg_error("name", "must be a string, not " .. type_name(name))
  end
  if fields ~= nil and type(fields) ~= "table" then
    arg_error("fields", "must be a table, not " .. type_name(fields))
  end
  return class(name or "subclass of " .. base.__name, { base }, fields)
end

-- socketserver.class([name,] Base1, Base2, ... [, fields]) is
-- `class name(Base1, Base2, ...)`: for mix-ins, as in
-- class ThreadingTCPServer(ThreadingMixIn, TCPServer).
function socketserver.class(...)
  local args = { ... }
  local name, fields = nil, nil
  if type(args[1]) == "string" then
    name = table.remove(args, 1)
  end
  local last = args[#args]
  if type(last) == "table" and getmetatable(last) ~= Class then
    fields = table.remove(args)
  end
  if #args == 0 then
    args = { object }
  end
  for i, base in ipairs(args) do
    if getmetatable(base) ~= Class then
      error(TypeError("class() base " .. i .. " must be a class, not " .. type_name(base)))
    end
  end
  return class(name or "__main__.class", args, fields)
end

-- socketserver.super(cls, self) is Python's super(cls, self): methods of
-- the classes after cls in self's method resolution order, bound to self.
-- super(MyHandler, self):setup() calls the setup MyHandler overrides.
function socketserver.super(cls, self)
  if getmetatable(cls) ~= Class then
    arg_error(1, "must be a class, not " .. type_name(cls))
  end
  if not is_instance(self, cls) then
    error(TypeError("super(type, obj): obj must be an instance or subtype of type"))
  end
  local mro = getmetatable(self).__mro
  local first
  for i, c in ipairs(mro) do
    if c == cls then
      first = i + 1
    end
  end
  return setmetatable({}, {
    __index = function(_, key)
      local v = lookup(mro, first, key)
      if type(v) == "function" then
        -- Called as super(...):m() or super(...).m(self): either way the
        -- method gets self.
        return function(_, ...)
          return v(self, ...)
        end
      end
      return v
    end,
  })
end

local super = socketserver.super

---------------------------------------------------------------------------
-- Errors
--
-- Python's handle_error prints the traceback of the exception being
-- handled. Lua loses a traceback when an error is caught and raised again,
-- so try() records the report of an error where it is first raised, and
-- reraise() keeps it for the next try() up the stack.

local first_report = {}

-- describe is the first line netlua prints for an uncaught error:
-- "file:line: ValueError: boom", or the message of a plain Lua error.
local function describe(e)
  if type(e) ~= "table" or not isinstance(e, BaseException) then
    return tostring(e)
  end
  local where = rawget(e, "__where")
  if where == nil then
    -- Raised with error() from Lua: the first Lua function up the stack.
    for level = 3, 50 do
      local info = debug.getinfo(level, "Sl")
      if info == nil then
        break
      end
      if info.what ~= "G" and info.what ~= "C" and info.currentline > 0 then
        where = string.gsub(info.source, "^[@=]", "") .. ":" .. info.currentline .. ":"
        break
      end
    end
  end
  local text = tostring(e)
  local line = getmetatable(e).__name
  if text ~= "" then
    line = line .. ": " .. text
  end
  if where then
    line = where .. " " .. line
  end
  return line
end

-- try(f) calls f() and returns true, or false, the error and its report
-- (the message and the stack traceback where it was first raised).
local function try(f)
  local ok, err = xpcall(f, function(e)
    if e ~= nil and first_report[e] == nil then
      first_report[e] = describe(e) .. "\n" .. debug.traceback("", 2):gsub("^\n", "")
    end
    return e
  end)
  if ok then
    return true
  end
  local report = err ~= nil and first_report[err] or tostring(err)
  if err ~= nil then
    first_report[err] = nil
  end
  return false, err, report
end

-- reraise raises err again, keeping the report try() made for it.
local function reraise(err, report)
  if err ~= nil then
    first_report[err] = report
  end
  error(err, 0)
end

---------------------------------------------------------------------------
-- BaseServer

local BaseServer = object:subclass("socketserver.BaseServer")
-- Class attributes that are None in Python are simply absent here:
-- BaseServer.timeout (seconds handle_request waits, nil for ever).

function BaseServer:__init__(server_address, RequestHandlerClass)
  if getmetatable(RequestHandlerClass) ~= Class then
    local called = string.match(getmetatable(self).__name, "[^.]*$")
    error(TypeError(called .. "() argument 'RequestHandlerClass' must be a class, not " .. type_name(RequestHandlerClass)))
  end
  self.server_address = server_address
  self.RequestHandlerClass = RequestHandlerClass
  self._is_shut_down = threading.Event()
  self._shutdown_request = false
end

function BaseServer:server_activate() end

-- serve_forever handles one request at a time until shutdown(). Every
-- poll_interval seconds it looks whether shutdown() was called.
function BaseServer:serve_forever(...)
  local poll_interval = keywords("BaseServer.serve_forever", ...) or 0.5
  self._is_shut_down:clear()
  local ok, err, report = try(function()
    while not self._shutdown_request do
      local ready = select.select({ self:fileno() }, {}, {}, poll_interval)
      -- shutdown() called during select(): exit at once.
      if self._shutdown_request then
        break
      end
      if #ready > 0 then
        self:_handle_request_noblock()
      end
      self:service_actions()
    end
  end)
  -- finally:
  self._shutdown_request = false
  self._is_shut_down:set()
  if not ok then
    reraise(err, report)
  end
end

-- shutdown stops the serve_forever loop and waits until it has finished.
-- Call it from another thread than the one running serve_forever.
function BaseServer:shutdown()
  self._shutdown_request = true
  self._is_shut_down:wait()
end

function BaseServer:service_actions() end

-- handle_request handles one request, waiting at most self.timeout (or the
-- socket's timeout) for it; handle_timeout() is called if none came.
function BaseServer:handle_request()
  local timeout = self.socket:gettimeout()
  if timeout == nil then
    timeout = self.timeout
  elseif self.timeout ~= nil then
    timeout = math.min(timeout, self.timeout)
  end
  local deadline
  if timeout ~= nil then
    deadline = time.monotonic() + timeout
  end
  while true do
    local ready = select.select({ self:fileno() }, {}, {}, timeout)
    if #ready > 0 then
      return self:_handle_request_noblock()
    elseif timeout ~= nil then
      timeout = deadline - time.monotonic()
      if timeout < 0 then
        return self:handle_timeout()
      end
    end
  end
end

-- _handle_request_noblock handles one request; select has said the socket
-- is readable, so get_request does not block.
function BaseServer:_handle_request_noblock()
  local ok, request, client_address = pcall(function()
    return self:get_request()
  end)
  if not ok then
    if isinstance(request, OSError) then
      return
    end
    error(request, 0)
  end
  if self:verify_request(request, client_address) then
    local done, err, report = try(function()
      self:process_request(request, client_address)
    end)
    if not done then
      if isinstance(err, Exception) then
        self:handle_error(request, client_address, err, report)
        self:shutdown_request(request)
      else
        self:shutdown_request(request)
        reraise(err, report)
      end
    end
  else
    self:shutdown_request(request)
  end
end

function BaseServer:handle_timeout() end

function BaseServer:verify_request(request, client_address)
  return true
end

function BaseServer:process_request(request, client_address)
  self:finish_request(request, client_address)
  self:shutdown_request(request)
end

function BaseServer:server_close() end

function BaseServer:finish_request(request, client_address)
  self.RequestHandlerClass(request, client_address, self)
end

function BaseServer:shutdown_request(request)
  self:close_request(request)
end

function BaseServer:close_request(request) end

-- handle_error prints Python's report to stderr, with the Lua message and
-- stack traceback where Python prints its traceback. err and report are
-- netlua's additions: the error and its report (Python reads them from
-- sys.exc_info()).
function BaseServer:handle_error(request, client_address, err, report)
  local line = string.rep("-", 40)
  socketserver._write_stderr(
    line .. "\n"
      .. "Exception occurred during processing of request from " .. tostring(client_address) .. "\n"
      .. (report or tostring(err)) .. "\n"
      .. line .. "\n"
  )
end

---------------------------------------------------------------------------
-- TCPServer

local TCPServer = BaseServer:subclass("socketserver.TCPServer", {
  address_family = socket.AF_INET,
  socket_type = socket.SOCK_STREAM,
  request_queue_size = 5,
  allow_reuse_address = false,
  allow_reuse_port = false,
})

function TCPServer:__init__(...)
  -- Argument errors name the class called (UDPServer.__init__()), where
  -- CPython names the __init__ it inherits (TCPServer.__init__()); a
  -- program's own subclass has no entry of its own, so TCPServer speaks.
  local called = string.match(getmetatable(self).__name, "^socketserver%.(.+)$") or "TCPServer"
  local server_address, RequestHandlerClass, bind_and_activate = keywords(called, ...)
  if bind_and_activate == nil then
    bind_and_activate = true
  end
  BaseServer.__init__(self, server_address, RequestHandlerClass)
  self.socket = socket.socket(self.address_family, self.socket_type)
  if bind_and_activate then
    local ok, err, report = try(function()
      self:server_bind()
      self:server_activate()
    end)
    if not ok then
      self:server_close()
      reraise(err, report)
    end
  end
end

-- server_bind binds the socket; server_address then holds the real
-- address (the port the system chose for port 0).
function TCPServer:server_bind()
  if self.allow_reuse_address then
    self.socket:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
  end
  -- As CPython 3.11: asked for where there is no SO_REUSEPORT (Windows),
  -- allow_reuse_port does nothing.
  if self.allow_reuse_port and socket.SO_REUSEPORT then
    self.socket:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
  end
  self.socket:bind(self.server_address)
  self.server_address = self.socket:getsockname()
end

function TCPServer:server_activate()
  self.socket:listen(self.request_queue_size)
end

function TCPServer:server_close()
  self.socket:close()
end

function TCPServer:fileno()
  return self.socket:fileno()
end

function TCPServer:get_request()
  return self.socket:accept()
end

function TCPServer:shutdown_request(request)
  -- Shut down explicitly: the peer sees the end of the stream even if
  -- something else still holds the socket. Some systems raise ENOTCONN.
  pcall(function()
    request:shutdown(socket.SHUT_WR)
  end)
  self:close_request(request)
end

function TCPServer:close_request(request)
  request:close()
end

---------------------------------------------------------------------------
-- UDPServer: a request is {data, socket}; replies go out with sendto.

local UDPServer = TCPServer:subclass("socketserver.UDPServer", {
  allow_reuse_address = false,
  allow_reuse_port = false,
  socket_type = socket.SOCK_DGRAM,
  max_packet_size = 8192,
})

function UDPServer:get_request()
  local data, client_addr = self.socket:recvfrom(self.max_packet_size)
  return { data, self.socket }, client_addr
end

-- No need to call listen() for UDP.
function UDPServer:server_activate() end

-- No need to shut down or close anything.
function UDPServer:shutdown_request(request)
  self:close_request(request)
end

function UDPServer:close_request(request) end

---------------------------------------------------------------------------
-- ThreadingMixIn: each request in a new thread.

local ThreadingMixIn = object:subclass("socketserver.ThreadingMixIn", {
  -- Whether the request threads are daemons (do not keep the program alive).
  daemon_threads = false,
  -- Whether server_close() waits for the request threads that are not daemons.
  block_on_close = true,
})

-- process_request_thread is BaseServer's process_request, in a thread.
function ThreadingMixIn:process_request_thread(request, client_address)
  local ok, err, report = try(function()
    self:finish_request(request, client_address)
  end)
  if not ok and isinstance(err, Exception) then
    self:handle_error(request, client_address, err, report)
  end
  -- finally:
  self:shutdown_request(request)
  if not ok and not isinstance(err, Exception) then
    reraise(err, report)
  end
end

function ThreadingMixIn:process_request(request, client_address)
  local t = threading.Thread({
    target = self.process_request_thread,
    args = { self, request, client_address },
    daemon = self.daemon_threads,
  })
  if self.block_on_close and not self.daemon_threads then
    -- Keep the threads server_close() must join, forgetting finished ones.
    local threads = {}
    for _, old in ipairs(rawget(self, "_threads") or {}) do
      if old:is_alive() then
        table.insert(threads, old)
      end
    end
    table.insert(threads, t)
    self._threads = threads
  end
  t:start()
end

function ThreadingMixIn:server_close()
  super(ThreadingMixIn, self):server_close()
  for _, t in ipairs(rawget(self, "_threads") or {}) do
    t:join()
  end
  self._threads = nil
end

local ThreadingUDPServer = class("socketserver.ThreadingUDPServer", { ThreadingMixIn, UDPServer })
local ThreadingTCPServer = class("socketserver.ThreadingTCPServer", { ThreadingMixIn, TCPServer })

-- Unix domain sockets: the address is a file system path. Like CPython's
-- socketserver, these classes exist only where the socket module has
-- AF_UNIX (not on Windows).
local UnixStreamServer, UnixDatagramServer, ThreadingUnixStreamServer, ThreadingUnixDatagramServer
if socket.AF_UNIX then
  UnixStreamServer = TCPServer:subclass("socketserver.UnixStreamServer", { address_family = socket.AF_UNIX })
  UnixDatagramServer = UDPServer:subclass("socketserver.UnixDatagramServer", { address_family = socket.AF_UNIX })
  ThreadingUnixStreamServer =
    class("socketserver.ThreadingUnixStreamServer", { ThreadingMixIn, UnixStreamServer })
  ThreadingUnixDatagramServer =
    class("socketserver.ThreadingUnixDatagramServer", { ThreadingMixIn, UnixDatagramServer })
end

---------------------------------------------------------------------------
-- Request handlers

local BaseRequestHandler = object:subclass("socketserver.BaseRequestHandler")

-- A handler is made for each request; making it handles the request:
-- setup(), handle(), and finish() even if handle() failed.
function BaseRequestHandler:__init__(request, client_address, server)
  self.request = request
  self.client_address = client_address
  self.server = server
  self:setup()
  local ok, err, report = try(function()
    self:handle()
  end)
  -- finally:
  self:finish()
  if not ok then
    reraise(err, report)
  end
end

function BaseRequestHandler:setup() end

function BaseRequestHandler:handle() end

function BaseRequestHandler:finish() end

-- SocketWriter is StreamRequestHandler's unbuffered wfile: each write is
-- sent at once with sendall.
local SocketWriter = object:subclass("socketserver._SocketWriter", { closed = false })

function SocketWriter:__init__(sock)
  self._sock = sock
end

function SocketWriter:writable()
  return true
end

function SocketWriter:write(b)
  if self.closed then
    error(ValueError("I/O operation on closed file."))
  end
  self._sock:sendall(b)
  return #b
end

function SocketWriter:flush() end

function SocketWriter:close()
  self.closed = true
end

function SocketWriter:fileno()
  return self._sock:fileno()
end

local StreamRequestHandler = BaseRequestHandler:subclass("socketserver.StreamRequestHandler", {
  -- rfile is buffered; wfile is not (each write is sent at once) unless
  -- wbufsize is set. (The socket module's files choose their buffer size,
  -- so Python's rbufsize has no counterpart.)
  wbufsize = 0,
  -- timeout: a timeout for the request socket, if set.
  -- Disable Nagle's algorithm for this socket, if true.
  disable_nagle_algorithm = false,
})

function StreamRequestHandler:setup()
  local ok, makefile = pcall(function()
    return self.request.makefile
  end)
  if not ok or type(makefile) ~= "function" then
    local called = string.match(getmetatable(self).__name, "[^.]*$")
    error(TypeError(called .. "() argument 'request' must be a socket, not " .. type_name(self.request)))
  end
  self.connection = self.request
  if self.timeout ~= nil then
    self.connection:settimeout(self.timeout)
  end
  if self.disable_nagle_algorithm then
    self.connection:setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, true)
  end
  self.rfile = self.connection:makefile("rb")
  if self.wbufsize == 0 then
    self.wfile = SocketWriter(self.connection)
  else
    self.wfile = self.connection:makefile("wb")
  end
end

function StreamRequestHandler:finish()
  if not self.wfile.closed then
    -- A final socket error may happen here, such as ECONNABORTED.
    pcall(function()
      self.wfile:flush()
    end)
  end
  self.wfile:close()
  self.rfile:close()
end

-- BytesIO is the in-memory file of DatagramRequestHandler's rfile and wfile.
local BytesIO = object:subclass("_io.BytesIO", { closed = false })

function BytesIO:__init__(initial)
  self._data = initial or ""
  self._pos = 0
end

function BytesIO:read(size)
  if size == nil or size < 0 then
    size = #self._data - self._pos
  end
  local chunk = string.sub(self._data, self._pos + 1, self._pos + size)
  self._pos = self._pos + #chunk
  return chunk
end

function BytesIO:readline(size)
  local stop = string.find(self._data, "\n", self._pos + 1, true) or #self._data
  if size ~= nil and size >= 0 then
    stop = math.min(stop, self._pos + size)
  end
  return self:read(stop - self._pos)
end

function BytesIO:write(b)
  self._data = string.sub(self._data, 1, self._pos) .. b .. string.sub(self._data, self._pos + #b + 1)
  self._pos = self._pos + #b
  return #b
end

function BytesIO:getvalue()
  return self._data
end

function BytesIO:flush() end

function BytesIO:close()
  self.closed = true
end

local DatagramRequestHandler = BaseRequestHandler:subclass("socketserver.DatagramRequestHandler")

function DatagramRequestHandler:setup()
  local request = self.request
  if type(request) ~= "table" or type(request[1]) ~= "string" or type(request[2]) ~= "userdata" then
    local called = string.match(getmetatable(self).__name, "[^.]*$")
    error(TypeError(called .. "() argument 'request' must be a {data, socket} table, not " .. type_name(request)))
  end
  self.packet, self.socket = request[1], request[2]
  self.rfile = BytesIO(self.packet)
  self.wfile = BytesIO()
end

function DatagramRequestHandler:finish()
  self.socket:sendto(self.wfile:getvalue(), self.client_address)
end

---------------------------------------------------------------------------
-- Export the classes. Their methods check that they are called on an
-- instance: server.serve_forever() instead of server:serve_forever() is an
-- easy slip in Lua.

local classes = {
  BaseServer, TCPServer, UDPServer, ThreadingMixIn, ThreadingTCPServer, ThreadingUDPServer,
  BaseRequestHandler, StreamRequestHandler, DatagramRequestHandler,
}
if socket.AF_UNIX then
  for _, cls in ipairs({ UnixStreamServer, UnixDatagramServer, ThreadingUnixStreamServer, ThreadingUnixDatagramServer }) do
    classes[#classes + 1] = cls
  end
end

for _, cls in ipairs(classes) do
  for name, fn in pairs(cls) do
    if type(fn) == "function" and not string.find(name, "^__") then
      rawset(cls, name, function(self, ...)
        if not is_instance(self, cls) then
          wrong_self(self, cls.__name, name)
        end
        return fn(self, ...)
      end)
    end
  end
end

socketserver.BaseServer = BaseServer
socketserver.TCPServer = TCPServer
socketserver.UDPServer = UDPServer
socketserver.ThreadingMixIn = ThreadingMixIn
socketserver.ThreadingTCPServer = ThreadingTCPServer
socketserver.ThreadingUDPServer = ThreadingUDPServer
socketserver.UnixStreamServer = UnixStreamServer
socketserver.UnixDatagramServer = UnixDatagramServer
socketserver.ThreadingUnixStreamServer = ThreadingUnixStreamServer
socketserver.ThreadingUnixDatagramServer = ThreadingUnixDatagramServer
socketserver.BaseRequestHandler = BaseRequestHandler
socketserver.StreamRequestHandler = StreamRequestHandler
socketserver.DatagramRequestHandler = DatagramRequestHandler
socketserver.object = object
return socketserver
