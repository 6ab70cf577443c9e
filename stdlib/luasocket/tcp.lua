-- tcp.lua: LuaSocket's TCP objects, over netlua's Python socket objects.
--
--   local server = socket.tcp()        -- tcp{master}: not bound, not connected
--   server:bind("127.0.0.1", 8080)
--   server:listen()                    -- now tcp{server}: accept() works
--   local client = server:accept()     -- tcp{client}: receive() and send() work
--   local line, err = client:receive("*l")
--
-- A tcp{client} keeps a receive buffer (_buf, from _pos on): receive reads
-- the socket in chunks and returns lines or counts of bytes from it, as
-- LuaSocket's buffer.c does, so "*l" costs one recv per chunk, not per byte.
-- That buffer work is in Go (buffer.go), being an echo server's hot path.

local socket, core = ...

local sub = string.sub
local type, tonumber, pcall, setmetatable, getmetatable = type, tonumber, pcall, setmetatable, getmetatable
local check, argerror, message = core.check, core.argerror, core.message
local checkstring, optnumber, toint = core.checkstring, core.optnumber, core.toint
local deadline, arm, now = core.deadline, core.arm, core.now


-- Options of TCP objects that getoption reads and setoption sets
-- (LuaSocket's tcp.c tables).
local function set_of(list)
  local set = {}
  for _, name in ipairs(list) do set[name] = true end
  return set
end
local get_options = set_of({ "bindtodevice", "keepalive", "reuseaddr", "reuseport", "tcp-nodelay",
  "tcp-keepidle", "tcp-keepcnt", "tcp-keepintvl", "linger", "error", "recv-buffer-size",
  "send-buffer-size" })
local set_options = set_of({ "bindtodevice", "keepalive", "reuseaddr", "reuseport", "tcp-nodelay",
  "tcp-keepidle", "tcp-keepcnt", "tcp-keepintvl", "ipv6-v6only", "linger", "recv-buffer-size",
  "send-buffer-size", "tcp-defer-accept", "tcp-fastopen" })
core.set_of = set_of

local tcp = {} -- the methods

---------------------------------------------------------------------------
-- Receiving and sending
--
-- The buffer work itself is Go (buffer.go: core.receive and core.send),
-- since it is an echo server's whole hot path; these methods check the
-- arguments as LuaSocket does. Both return LuaSocket's results:
--   receive -> data, nil, nil | nil, err, partial
--   send    -> last index sent, nil, nil | nil, err, last index sent
-- and, when socket._DEBUG is true, the time the call took.

local CLIENT -- the tcp{client} metatable, set below
local core_receive, core_send = core.receive, core.send

function tcp:receive(pattern, prefix)
  if getmetatable(self) ~= CLIENT then check(self, "tcp{client}", "receive") end
  if prefix ~= nil and type(prefix) ~= "string" then prefix = checkstring("receive", 2, prefix) end
  if pattern ~= nil and pattern ~= "*l" then
    local count = tonumber(pattern)
    if count then
      if count < 0 then argerror("receive", 1, "invalid receive pattern") end
      pattern = count
    elseif type(pattern) ~= "string" then
      argerror("receive", 1, "string expected, got " .. type(pattern))
    else
      local kind = sub(pattern, 1, 2)
      if kind ~= "*l" and kind ~= "*a" then argerror("receive", 1, "invalid receive pattern") end
    end
  end
  return core_receive(self, pattern, prefix)
end

function tcp:send(data, i, j)
  if getmetatable(self) ~= CLIENT then check(self, "tcp{client}", "send") end
  if type(data) ~= "string" then data = checkstring("send", 1, data) end
  local size = #data
  i = i == nil and 1 or toint(optnumber("send", 2, i, 1))
  j = j == nil and -1 or toint(optnumber("send", 3, j, -1))
  -- Negative indexes count from the end, as in string.sub.
  if i < 0 then i = size + i + 1 end
  if j < 0 then j = size + j + 1 end
  if i < 1 then i = 1 end
  if j > size then j = size end
  if i > j then
    if socket._DEBUG then return i - 1, nil, nil, 0 end
    return i - 1, nil, nil
  end
  return core_send(self, data, i, j)
end

---------------------------------------------------------------------------
-- Connecting, binding, listening, accepting

-- The steps LuaSocket's inet.c takes: try each address getaddrinfo gives,
-- making a socket of its family if there is none of that family yet.
local function ensure_socket(self, family, socktype, proto)
  if self._sock and self._family == family then return true end
  if self._sock then self._sock:close() end
  local sock, err = core.create(family, socktype, proto)
  self._sock, self._pytimeout = sock, "unset"
  if not sock then return nil, err end
  self._family = family
  return true
end
core.ensure_socket = ensure_socket

function core.trybind(self, host, port, socktype)
  if host == "*" then host = nil end
  local addrs, err = core.resolve(host, port, self._family, socktype, socket.AI_PASSIVE)
  if not addrs then return nil, err end
  for _, ai in ipairs(addrs) do
    local ok
    ok, err = ensure_socket(self, ai[1], ai[2], ai[3])
    if ok then
      ok, err = core.call(self._sock, "bind", ai[5])
      if err == nil then return 1 end
    end
  end
  return nil, err
end

function core.tryconnect(self, host, port, socktype)
  local addrs, err = core.resolve(host, port, self._family, socktype)
  if not addrs then return nil, err end
  for _, ai in ipairs(addrs) do
    local ok
    ok, err = ensure_socket(self, ai[1], ai[2], ai[3])
    if ok then
      local limit = deadline(self)
      arm(self, limit)
      ok, err = core.call(self._sock, "connect", ai[5])
      if err == nil then return 1 end
      -- With a zero timeout the first attempt is left in progress.
      if limit and limit <= now() then break end
    end
  end
  return nil, err
end

function tcp:bind(host, port)
  check(self, "tcp{master}", "bind")
  host = checkstring("bind", 1, host)
  port = checkstring("bind", 2, port)
  return core.trybind(self, host, port, socket.SOCK_STREAM)
end
tcp.setsockname = tcp.bind

function tcp:connect(host, port)
  check(self, "tcp{any}", "connect")
  host = checkstring("connect", 1, host)
  port = checkstring("connect", 2, port)
  local ok, err = core.tryconnect(self, host, port, socket.SOCK_STREAM)
  -- LuaSocket makes the object a client even when the connection is still
  -- in progress (timeout 0) or failed.
  setmetatable(self, core.classes["tcp{client}"])
  if not ok then return nil, err end
  return 1
end
tcp.setpeername = tcp.connect

function tcp:listen(backlog)
  check(self, "tcp{master}", "listen")
  backlog = toint(optnumber("listen", 1, backlog, 32))
  if not self._sock then return nil, "Bad file descriptor" end
  local _, err = core.call(self._sock, "listen", backlog)
  if err then return nil, err end
  setmetatable(self, core.classes["tcp{server}"])
  return 1
end

function tcp:accept()
  check(self, "tcp{server}", "accept")
  if not self._sock then return nil, "closed" end
  arm(self, deadline(self))
  local conn, err = core.call(self._sock, "accept")
  if not conn then return nil, err end
  local client = core.newobject("tcp{client}", conn, self._family)
  return client
end

function tcp:shutdown(how)
  check(self, "tcp{client}", "shutdown")
  how = how == nil and "both" or checkstring("shutdown", 1, how)
  local modes = { receive = socket.SHUT_RD, send = socket.SHUT_WR, both = socket.SHUT_RDWR }
  if not modes[how] then argerror("shutdown", 1, "invalid option '" .. how .. "'") end
  if self._sock then pcall(self._sock.shutdown, self._sock, modes[how]) end
  return 1
end

function tcp:close()
  check(self, "tcp{any}", "close")
  if self._sock then
    local sock = self._sock
    self._sock = nil
    local ok, e = pcall(sock.close, sock)
    if not ok then message(e) end
  end
  return 1
end

---------------------------------------------------------------------------
-- Everything else

function tcp:dirty()
  check(self, "tcp{any}", "dirty")
  return self._pos <= #self._buf
end

function tcp:getfamily()
  check(self, "tcp{any}", "getfamily")
  if self._family == socket.AF_INET6 then return "inet6" end
  return "inet4"
end

function tcp:getfd()
  check(self, "tcp{any}", "getfd")
  local sock = self._sock
  if not sock then return -1 end
  return sock:fileno()
end

-- setfd makes the object use another descriptor. setfd(-1) makes it forget
-- its socket without closing it, LuaSocket's way of handing a descriptor
-- to other code (socket.socket(nil, nil, nil, fd) on the Python side; see
-- core.forget). netlua also takes a descriptor from elsewhere this way
-- (setfd(pysock:detach())); the object then becomes a client if it is
-- connected, a server if it is listening.
function tcp:setfd(fd)
  check(self, "tcp{any}", "setfd")
  local n = tonumber(fd)
  if not n then argerror("setfd", 1, "number expected, got " .. (fd == nil and "no value" or type(fd))) end
  core.forget(self)
  self._sock, self._pytimeout, self._buf, self._pos = nil, "unset", "", 1
  if n < 0 then return end
  local ok, sock = pcall(socket.socket, nil, nil, nil, toint(n))
  if not ok then
    message(sock) -- raises what is not an OSError; a bad descriptor leaves none
    return
  end
  self._sock, self._family = sock, sock.family
  if pcall(sock.getpeername, sock) then
    setmetatable(self, core.classes["tcp{client}"])
  else
    local got, listening = pcall(sock.getsockopt, sock, socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
    if got and listening ~= 0 then setmetatable(self, core.classes["tcp{server}"]) end
  end
end

local function name_of(self, method)
  if not self._sock then return nil, "Bad file descriptor" end
  local addr, err = core.call(self._sock, method)
  if not addr then return nil, err end
  return core.address(addr, self._family, method == "getsockname")
end

function tcp:getsockname()
  check(self, "tcp{any}", "getsockname")
  return name_of(self, "getsockname")
end

function tcp:getpeername()
  check(self, "tcp{any}", "getpeername")
  return name_of(self, "getpeername")
end

function tcp:getstats()
  check(self, "tcp{client}", "getstats")
  return self._received, self._sent, now() - self._birthday
end

function tcp:setstats(received, sent, age)
  check(self, "tcp{client}", "setstats")
  self._received = toint(optnumber("setstats", 1, received, self._received))
  self._sent = toint(optnumber("setstats", 2, sent, self._sent))
  if tonumber(age) then self._birthday = now() - tonumber(age) end
  return 1
end

function tcp:settimeout(t, mode) return core.settimeout(self, t, mode, "tcp{any}") end

function tcp:gettimeout()
  check(self, "tcp{any}", "gettimeout")
  return self._block, self._total
end

function tcp:setoption(name, value)
  check(self, "tcp{any}", "setoption")
  return core.setoption(self, name, value, set_options)
end

function tcp:getoption(name)
  check(self, "tcp{any}", "getoption")
  return core.getoption(self, name, get_options)
end

core.newclass("tcp{master}", tcp, { "tcp{any}" })
CLIENT = core.newclass("tcp{client}", tcp, { "tcp{any}" })
core.newclass("tcp{server}", tcp, { "tcp{any}" })

-- make is socket.tcp, tcp4 and tcp6: an unspecified family makes the
-- socket later, when bind or connect learns the family of the address.
function core.tcp(family)
  local sock
  if family ~= socket.AF_UNSPEC then
    local err
    sock, err = core.create(family, socket.SOCK_STREAM)
    if not sock then return nil, err end
  end
  return core.newobject("tcp{master}", sock, family)
end

function socket.tcp() return core.tcp(socket.AF_UNSPEC) end
function socket.tcp4() return core.tcp(socket.AF_INET) end
function socket.tcp6() return core.tcp(socket.AF_INET6) end

-- socket.connect(address, port [, locaddr [, locport [, family]]]) makes a
-- connected tcp{client} in one call; connect4 and connect6 fix the family.
local function connect(fname, host, port, locaddr, locport, family)
  host = checkstring(fname, 1, host, 1)
  port = checkstring(fname, 2, port, 1)
  local fam = family == nil and "unspec" or checkstring(fname, 5, family, 1)
  if not core.families[fam] then argerror(fname, 5, "invalid option '" .. fam .. "'", 1) end
  local self = core.newobject("tcp{master}", nil, core.families[fam])
  if locaddr ~= nil then
    locaddr = checkstring(fname, 3, locaddr, 1)
    locport = locport == nil and "0" or checkstring(fname, 4, locport, 1)
    local ok, err = core.trybind(self, locaddr, locport, socket.SOCK_STREAM)
    if not ok then
      if self._sock then self._sock:close() end
      return nil, err
    end
  end
  local ok, err = core.tryconnect(self, host, port, socket.SOCK_STREAM)
  if not ok then
    if self._sock then pcall(self._sock.close, self._sock) end
    return nil, err
  end
  return setmetatable(self, core.classes["tcp{client}"])
end

-- (Not tail calls: argument errors look at these functions' frames.)
function socket.connect(host, port, locaddr, locport, family)
  local c, err = connect("connect", host, port, locaddr, locport, family)
  return c, err
end

function socket.connect4(host, port, locaddr, locport)
  local c, err = connect("connect4", host, port, locaddr, locport, "inet")
  return c, err
end

function socket.connect6(host, port, locaddr, locport)
  local c, err = connect("connect6", host, port, locaddr, locport, "inet6")
  return c, err
end
