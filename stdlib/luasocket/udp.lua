-- udp.lua: LuaSocket's UDP objects, over netlua's Python socket objects.
--
--   local udp = socket.udp()                 -- udp{unconnected}
--   udp:setsockname("127.0.0.1", 0)
--   udp:sendto("ping", "127.0.0.1", 9999)
--   local data, ip, port = udp:receivefrom()
--   udp:setpeername("127.0.0.1", 9999)       -- now udp{connected}: send/receive
--
-- Datagrams are not buffered: each receive is one datagram.

local socket, core = ...

local tonumber, pcall, setmetatable = tonumber, pcall, setmetatable
local check, argerror, message = core.check, core.argerror, core.message
local checkstring, optnumber, toint = core.checkstring, core.optnumber, core.toint
local deadline, arm = core.deadline, core.arm

local DATAGRAMSIZE = 8192 -- LuaSocket's UDP_DATAGRAMSIZE: receive's default size

-- Options of UDP objects that getoption reads and setoption sets
-- (LuaSocket's udp.c tables).
local get_options = core.set_of({ "dontroute", "broadcast", "reuseaddr", "reuseport",
  "ip-multicast-if", "ip-multicast-loop", "error", "ipv6-unicast-hops", "ipv6-multicast-hops",
  "ipv6-multicast-loop", "ipv6-v6only", "recv-buffer-size", "send-buffer-size" })
local set_options = core.set_of({ "dontroute", "broadcast", "reuseaddr", "reuseport",
  "ip-multicast-if", "ip-multicast-ttl", "ip-multicast-loop", "ip-add-membership",
  "ip-drop-membership", "ipv6-unicast-hops", "ipv6-multicast-hops", "ipv6-multicast-loop",
  "ipv6-add-membership", "ipv6-drop-membership", "ipv6-v6only", "recv-buffer-size",
  "send-buffer-size" })

local udp = {} -- the methods

-- A refused datagram shows up as a "closed" connection; LuaSocket says
-- "refused" for UDP.
local function udp_error(err)
  if err == "closed" then return "refused" end
  return err
end

function udp:send(data)
  check(self, "udp{connected}", "send")
  data = checkstring("send", 1, data)
  if not self._sock then return nil, "refused" end
  arm(self, deadline(self))
  local n, err = core.call(self._sock, "send", data)
  if not n then return nil, udp_error(err) end
  return n
end

function udp:sendto(data, ip, port)
  check(self, "udp{unconnected}", "sendto")
  data = checkstring("sendto", 1, data)
  ip = checkstring("sendto", 2, ip)
  port = checkstring("sendto", 3, port)
  -- LuaSocket wants numeric addresses here (AI_NUMERICHOST).
  local addrs, err, system_message = core.resolve(ip, port, self._family, socket.SOCK_DGRAM,
    socket.AI_NUMERICHOST + socket.AI_NUMERICSERV)
  if not addrs then return nil, system_message or err end
  if not self._sock then
    -- socket.udp() makes its socket on the first sendto, of its family.
    local ok
    ok, err = core.ensure_socket(self, addrs[1][1], socket.SOCK_DGRAM, 0)
    if not ok then return nil, err end
  end
  arm(self, deadline(self))
  local n
  n, err = core.call(self._sock, "sendto", data, addrs[1][5])
  if not n then return nil, udp_error(err) end
  return n
end

-- receive_datagram is receive and receivefrom: one datagram of at most
-- size bytes, and the sender's address when from is true.
local function receive_datagram(self, size, fname, from)
  size = toint(optnumber(fname, 1, size, DATAGRAMSIZE))
  -- On a closed object LuaSocket reads nothing and says so: "".
  if not self._sock then return "" end
  arm(self, deadline(self))
  local ok, data, addr
  if from then
    ok, data, addr = pcall(self._sock.recvfrom, self._sock, size)
  else
    ok, data = pcall(self._sock.recv, self._sock, size)
  end
  if not ok then return nil, udp_error(message(data)) end
  if from then return data, addr[1], addr[2] end
  return data
end

function udp:receive(size)
  check(self, "udp{any}", "receive")
  return receive_datagram(self, size, "receive", false)
end

function udp:receivefrom(size)
  check(self, "udp{unconnected}", "receivefrom")
  return receive_datagram(self, size, "receivefrom", true)
end

function udp:setsockname(host, port)
  check(self, "udp{unconnected}", "setsockname")
  host = checkstring("setsockname", 1, host)
  port = checkstring("setsockname", 2, port)
  return core.trybind(self, host, port, socket.SOCK_DGRAM)
end

-- setpeername(host, port) connects; setpeername("*") disconnects.
function udp:setpeername(host, port)
  check(self, "udp{any}", "setpeername")
  host = checkstring("setpeername", 1, host)
  if host == "*" then
    if self._sock then
      -- Connecting to an AF_UNSPEC address dissolves the association;
      -- like LuaSocket, ignore errors (macOS reports EAFNOSUPPORT).
      core.disconnect(self._sock:fileno())
    end
    setmetatable(self, core.classes["udp{unconnected}"])
    return 1
  end
  port = checkstring("setpeername", 2, port)
  local ok, err = core.tryconnect(self, host, port, socket.SOCK_DGRAM)
  if not ok then return nil, err end
  setmetatable(self, core.classes["udp{connected}"])
  return 1
end

function udp:close()
  check(self, "udp{any}", "close")
  if self._sock then
    local sock = self._sock
    self._sock = nil
    local ok, e = pcall(sock.close, sock)
    if not ok then message(e) end
  end
  return 1
end

function udp:dirty()
  check(self, "udp{any}", "dirty")
  return false
end

function udp:getfamily()
  check(self, "udp{any}", "getfamily")
  if self._family == socket.AF_INET6 then return "inet6" end
  return "inet4"
end

function udp:getfd()
  check(self, "udp{any}", "getfd")
  if not self._sock then return -1 end
  return self._sock:fileno()
end

function udp:setfd(fd)
  check(self, "udp{any}", "setfd")
  local n = tonumber(fd)
  if not n then argerror("setfd", 1, "number expected, got " .. (fd == nil and "no value" or type(fd))) end
  core.forget(self)
  self._sock, self._pytimeout = nil, "unset"
  if n < 0 then return end
  local ok, sock = pcall(socket.socket, nil, nil, nil, toint(n))
  if not ok then
    message(sock)
    return
  end
  self._sock, self._family = sock, sock.family
end

function udp:getsockname()
  check(self, "udp{any}", "getsockname")
  if not self._sock then return nil, "Bad file descriptor" end
  local addr, err = core.call(self._sock, "getsockname")
  if not addr then return nil, err end
  return core.address(addr, self._family, true)
end

function udp:getpeername()
  check(self, "udp{connected}", "getpeername")
  if not self._sock then return nil, "Bad file descriptor" end
  local addr, err = core.call(self._sock, "getpeername")
  if not addr then return nil, err end
  return core.address(addr, self._family)
end

function udp:settimeout(t, mode) return core.settimeout(self, t, mode, "udp{any}") end

function udp:gettimeout()
  check(self, "udp{any}", "gettimeout")
  return self._block, self._total
end

function udp:setoption(name, value)
  check(self, "udp{any}", "setoption")
  return core.setoption(self, name, value, set_options)
end

function udp:getoption(name)
  check(self, "udp{any}", "getoption")
  return core.getoption(self, name, get_options)
end

core.newclass("udp{unconnected}", udp, { "udp{any}" })
core.newclass("udp{connected}", udp, { "udp{any}" })

local function make(family)
  local sock
  if family ~= socket.AF_UNSPEC then
    local err
    sock, err = core.create(family, socket.SOCK_DGRAM)
    if not sock then return nil, err end
  end
  return core.newobject("udp{unconnected}", sock, family)
end

function socket.udp() return make(socket.AF_UNSPEC) end
function socket.udp4() return make(socket.AF_INET) end
function socket.udp6() return make(socket.AF_INET6) end

socket._DATAGRAMSIZE = DATAGRAMSIZE
