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

local socket, core = ...

local sub, find, gsub = string.sub, string.find, string.gsub
local concat = table.concat
local min = math.min
local type, tonumber, pcall, setmetatable, getmetatable = type, tonumber, pcall, setmetatable, getmetatable
local check, argerror, message = core.check, core.argerror, core.message
local checkstring, optnumber, toint = core.checkstring, core.optnumber, core.toint
local deadline, arm, now = core.deadline, core.arm, core.now

local CHUNK = 8192 -- bytes read from the socket at a time (LuaSocket's BUF_SIZE)
local STEP = 65536 -- bytes handed to one send

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
-- Receiving

-- fill reads the next chunk into the (empty) buffer. It returns nil, or
-- LuaSocket's error: "closed" at the end of the stream or on a closed
-- object, "timeout" when the deadline passes first.
local function fill(self, limit)
  local sock = self._sock
  if not sock then return "closed" end
  if limit or self._pytimeout ~= nil then arm(self, limit) end
  local ok, data = pcall(sock.recv, sock, CHUNK)
  if not ok then return message(data) end
  if data == "" then return "closed" end
  self._buf, self._pos = data, 1
  return nil
end

-- receive_line appends to parts the bytes up to the next "\n", dropping
-- every "\r" (LuaSocket's recvline does), and consumes the "\n".
local function receive_line(self, limit, parts, n)
  while true do
    local buf, pos = self._buf, self._pos
    local nl = find(buf, "\n", pos, true)
    local piece
    if nl then
      piece = sub(buf, pos, nl - 1)
      self._pos = nl + 1
      self._received = self._received + (nl - pos + 1)
    else
      piece = sub(buf, pos)
      self._buf, self._pos = "", 1
      self._received = self._received + #piece
    end
    if find(piece, "\r", 1, true) then piece = gsub(piece, "\r", "") end
    n = n + 1
    parts[n] = piece
    if nl then return nil end
    local err = fill(self, limit)
    if err then return err end
  end
end

-- receive_count appends to parts the next `wanted` bytes.
local function receive_count(self, limit, parts, n, wanted)
  local total = 0
  while true do
    if self._pos > #self._buf then
      local err = fill(self, limit)
      if err then return err end
    end
    local buf, pos = self._buf, self._pos
    local take = min(#buf - pos + 1, wanted - total)
    n = n + 1
    parts[n] = sub(buf, pos, pos + take - 1)
    self._pos = pos + take
    self._received = self._received + take
    total = total + take
    if total >= wanted then return nil end
  end
end

-- receive_all appends to parts everything until the peer closes; that
-- end is success if anything came.
local function receive_all(self, limit, parts, n)
  local total = 0
  while true do
    if self._pos > #self._buf then
      local err = fill(self, limit)
      if err then
        if err == "closed" and total > 0 then return nil end
        return err
      end
    end
    local piece = sub(self._buf, self._pos)
    self._buf, self._pos = "", 1
    self._received = self._received + #piece
    total = total + #piece
    n = n + 1
    parts[n] = piece
  end
end

-- elapsed adds the time the call took as a last result when socket._DEBUG
-- is true, as LuaSocket built with LUASOCKET_DEBUG does.
local function finish(t0, a, b, c)
  if socket._DEBUG then return a, b, c, now() - t0 end
  return a, b, c
end
core.finish = finish

local CLIENT -- the tcp{client} metatable, set below

function tcp:receive(pattern, prefix)
  if getmetatable(self) ~= CLIENT then check(self, "tcp{client}", "receive") end
  local t0 = socket._DEBUG and now()
  local limit = nil
  if self._block >= 0 or self._total >= 0 then limit = deadline(self) end
  -- The usual case, a whole line in the buffer or in the next chunk read,
  -- is done here without building a table (this is an echo server's hot
  -- path: every function call counts).
  if prefix == nil and (pattern == nil or pattern == "*l") then
    local buf, pos = self._buf, self._pos
    local nl = find(buf, "\n", pos, true)
    if not nl and pos > #buf then
      local err = fill(self, limit)
      if err then
        if t0 then return nil, err, "", now() - t0 end
        return nil, err, ""
      end
      buf, pos = self._buf, 1
      nl = find(buf, "\n", 1, true)
    end
    if nl then
      local line = sub(buf, pos, nl - 1)
      self._pos = nl + 1
      self._received = self._received + (nl - pos + 1)
      if find(line, "\r", 1, true) then line = gsub(line, "\r", "") end
      if t0 then return line, nil, nil, now() - t0 end
      return line, nil, nil
    end
  end
  if prefix ~= nil then prefix = checkstring("receive", 2, prefix) else prefix = "" end
  local parts = { prefix }
  local err
  local count = tonumber(pattern)
  if count then
    if count < 0 then argerror("receive", 1, "invalid receive pattern") end
    local wanted = toint(count)
    if prefix == "" or wanted > #prefix then
      err = receive_count(self, limit, parts, 1, wanted - #prefix)
    end
  else
    local p = pattern == nil and "*l" or pattern
    if type(p) ~= "string" then
      argerror("receive", 1, "string expected, got " .. type(p))
    end
    local kind = sub(p, 1, 2)
    if kind == "*l" then
      err = receive_line(self, limit, parts, 1)
    elseif kind == "*a" then
      err = receive_all(self, limit, parts, 1)
    else
      argerror("receive", 1, "invalid receive pattern")
    end
  end
  if err then
    return finish(t0, nil, err, concat(parts))
  end
  return finish(t0, concat(parts), nil, nil)
end

---------------------------------------------------------------------------
-- Sending

-- send_range sends data[i..j] and returns how many bytes went, and
-- LuaSocket's error if not all did.
local function send_range(self, data, i, j, limit)
  local sock = self._sock
  if not sock then return 0, "closed" end
  local send = sock.send
  local pos = i
  while pos <= j do
    if limit or self._pytimeout ~= nil then arm(self, limit) end
    local last = min(pos + STEP - 1, j)
    local piece = (pos == 1 and last == #data) and data or sub(data, pos, last)
    local ok, n = pcall(send, sock, piece)
    if not ok then
      return pos - i, message(n)
    end
    pos = pos + n
    self._sent = self._sent + n
  end
  return pos - i, nil
end

function tcp:send(data, i, j)
  if getmetatable(self) ~= CLIENT then check(self, "tcp{client}", "send") end
  local t0 = socket._DEBUG and now()
  if type(data) ~= "string" then data = checkstring("send", 1, data) end
  local size = #data
  i = i == nil and 1 or toint(optnumber("send", 2, i, 1))
  j = j == nil and -1 or toint(optnumber("send", 3, j, -1))
  local limit = nil
  if self._block >= 0 or self._total >= 0 then limit = deadline(self) end
  if i < 0 then i = size + i + 1 end
  if j < 0 then j = size + j + 1 end
  if i < 1 then i = 1 end
  if j > size then j = size end
  local sent, err = 0, nil
  if i <= j then sent, err = send_range(self, data, i, j, limit) end
  if err then
    return finish(t0, nil, err, sent + i - 1)
  end
  if t0 then return sent + i - 1, nil, nil, now() - t0 end
  return sent + i - 1, nil, nil
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
