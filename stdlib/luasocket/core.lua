-- core.lua: what LuaSocket's tcp and udp objects share, written over
-- netlua's Python-API socket objects.
--
-- LuaSocket (https://lunarmodules.github.io/luasocket/) is the socket
-- library Lua programs know: socket.tcp(), client:receive("*l"), and errors
-- *returned* as nil, "timeout" instead of raised. netlua's own `socket`
-- module is Python's API, where errors are exceptions. This file and its
-- neighbours (tcp.lua, udp.lua, socket.lua) add LuaSocket's API to the same
-- module table: each LuaSocket object holds a Python socket object in its
-- _sock field and turns the exceptions of its calls into LuaSocket's error
-- strings. Because the real work is done by the Python socket objects, a
-- blocked LuaSocket call lets other threads run, stops on Ctrl-C (the
-- KeyboardInterrupt is raised, never returned) and shows in socket.trace.
--
-- The chunks receive the module table and a table `core` in which they
-- share helpers; this one fills `core`.

local socket, core = ...

local time = require("time")
local struct = require("struct")

local type, tostring, tonumber, error, pcall = type, tostring, tonumber, error, pcall
local setmetatable, getmetatable, rawget = setmetatable, getmetatable, rawget
local floor = math.floor
local format, gsub = string.format, string.gsub
local isinstance = isinstance
local OSError, BlockingIOError = OSError, BlockingIOError
local ConnectionRefusedError, ConnectionResetError = ConnectionRefusedError, ConnectionResetError
local ConnectionAbortedError, BrokenPipeError = ConnectionAbortedError, BrokenPipeError
local TimeoutError, PermissionError = TimeoutError, PermissionError
local gaierror = socket.gaierror
local errno = core.errno -- EADDRINUSE, EISCONN, EACCES... with this platform's values

---------------------------------------------------------------------------
-- Errors: Python exceptions become LuaSocket's strings.

-- LuaSocket's messages for getaddrinfo's errors (its pierror.h); other
-- codes keep the system's own message, as LuaSocket's gai_strerror does.
local gai_messages = {}
local function gai(name, message)
  if socket[name] then gai_messages[socket[name]] = message end
end
gai("EAI_AGAIN", "temporary failure in name resolution")
gai("EAI_BADFLAGS", "invalid value for ai_flags")
gai("EAI_FAIL", "non-recoverable failure in name resolution")
gai("EAI_FAMILY", "ai_family not supported")
gai("EAI_MEMORY", "memory allocation failure")
gai("EAI_NONAME", "host or service not provided, or not known")
gai("EAI_OVERFLOW", "argument buffer overflow")
gai("EAI_SERVICE", "service not supported for socket type")
gai("EAI_SOCKTYPE", "ai_socktype not supported")

-- The errno values LuaSocket names itself; every other one is described
-- by the system's strerror text, which Python's exception carries.
local errno_messages = {
  [errno.EADDRINUSE] = "address already in use",
  [errno.EISCONN] = "already connected",
  [errno.EACCES] = "permission denied",
  [errno.ECONNREFUSED] = "connection refused",
  [errno.ECONNABORTED] = "closed",
  [errno.ECONNRESET] = "closed",
  [errno.EPIPE] = "closed",
  [errno.ETIMEDOUT] = "timeout",
}

-- message turns the error a Python call raised into LuaSocket's string.
-- Anything that is not an OSError (KeyboardInterrupt above all, but also
-- a bug) is raised again unchanged: LuaSocket returns only I/O failures.
local function message(e)
  if not isinstance(e, OSError) then
    error(e, 0)
  end
  -- A timed-out wait (Python's socket.timeout) and a call that would block
  -- on a socket with timeout 0 are both LuaSocket's "timeout".
  if isinstance(e, TimeoutError) or isinstance(e, BlockingIOError) then
    return "timeout"
  end
  if isinstance(e, gaierror) then
    return gai_messages[e.errno] or e.strerror or tostring(e)
  end
  if isinstance(e, ConnectionRefusedError) then return "connection refused" end
  if isinstance(e, ConnectionResetError) or isinstance(e, ConnectionAbortedError)
      or isinstance(e, BrokenPipeError) then
    return "closed"
  end
  if isinstance(e, PermissionError) and e.errno == errno.EACCES then
    return "permission denied"
  end
  return errno_messages[e.errno] or e.strerror or tostring(e)
end
core.message = message

-- call runs a method of a Python socket and returns its result, or nil and
-- LuaSocket's message for the error it raised.
local function call(sock, method, ...)
  local ok, a, b = pcall(sock[method], sock, ...)
  if ok then
    return a, b
  end
  return nil, message(a)
end
core.call = call

-- Argument errors are raised, worded and placed as Lua's luaL_argerror
-- words them: "bad argument #1 to 'receive' (...)" at the line that called
-- the function. For a method called with ":" the object is argument 0
-- ("calling 'receive' on bad self"); called some other way (through pcall,
-- say) it is argument 1. n counts as for a method call, except in the
-- functions listed in core.functions (such as socket.select), whose
-- arguments count from 1. depth is the number of helper functions between
-- the function and argerror.
core.functions = setmetatable({}, { __mode = "k" })

local function argerror(fname, n, msg, depth)
  local level = 3 + (depth or 0) -- 1 is argerror, 2 its caller...
  local called = debug.getinfo(level - 1, "nf")
  local by_name = called and called.name and called.name:match("^[%a_][%w_]*$")
  if not by_name and not core.functions[called and called.func] then
    -- Not called by name: the object is argument 1. (Lua would also say
    -- '?' for the name; netlua names the function all the same.)
    n = n + 1
  end
  local info = debug.getinfo(level, "Sl")
  local where = ""
  if by_name and info and info.currentline and info.currentline > 0 then
    where = format("%s:%d: ", (gsub(info.short_src or info.source, "^@", "")), info.currentline)
  end
  if n == 0 then
    error(format("%scalling '%s' on bad self (%s)", where, fname, msg), 0)
  end
  error(format("%sbad argument #%d to '%s' (%s)", where, n, fname, msg), 0)
end
core.argerror = argerror

local function typename(v)
  if v == nil then return "no value" end
  return type(v)
end

-- checkstring is luaL_checklstring: a string, or a number as a string.
-- depth counts helpers between the checked function and checkstring.
function core.checkstring(fname, n, v, depth)
  local t = type(v)
  if t == "string" then return v end
  if t == "number" then return tostring(v) end
  argerror(fname, n, "string expected, got " .. typename(v), 1 + (depth or 0))
end

-- optnumber is luaL_optnumber: nil gives the default; a numeric string counts.
function core.optnumber(fname, n, v, default, depth)
  if v == nil then return default end
  local x = tonumber(v)
  if x == nil then
    argerror(fname, n, "number expected, got " .. typename(v), 1 + (depth or 0))
  end
  return x
end

-- toint is C's (long) cast of a Lua number: truncation toward zero.
function core.toint(x)
  if x ~= x then return 0 end
  if x >= 0 then return floor(x) end
  return -floor(-x)
end

---------------------------------------------------------------------------
-- Handing descriptors over
--
-- obj:setfd(n) makes an object forget its socket without closing it, so
-- that other code can use the descriptor obj:getfd() returned (with
-- socket.socket(nil, nil, nil, fd) in the Python API). The forgotten
-- Python socket object is kept here for good: were it collected, its
-- finalizer would close the descriptor under its new owner.

local handed_over = {}

function core.forget(self)
  if self._sock then
    handed_over[#handed_over + 1] = self._sock
    self._sock = nil
  end
end

---------------------------------------------------------------------------
-- Time

local now = time.time
core.now = now

---------------------------------------------------------------------------
-- Classes
--
-- A LuaSocket object is a table whose metatable is its class: tcp{master},
-- tcp{client}, tcp{server}, udp{unconnected} or udp{connected}. Methods
-- check the class, as LuaSocket does, and listen/accept/connect move an
-- object from one class to another by changing its metatable. A metatable
-- also records the groups its class belongs to (tcp{any}, udp{any}).

local classes = {}
core.classes = classes

local function object_tostring(self)
  return format("%s: %s", getmetatable(self).__index.class, rawget(self, "_id"))
end

-- newclass makes the class `name` with the methods in `methods`, member
-- of each group in `groups`.
function core.newclass(name, methods, groups)
  local index = { class = name }
  for k, f in pairs(methods) do
    index[k] = f
  end
  local mt = { __index = index, __tostring = object_tostring }
  for _, g in ipairs(groups) do
    mt[g] = true
  end
  classes[name] = mt
  return mt
end

-- newobject makes an object of the class `name` whose Python socket is
-- sock (nil for a socket not made yet, as LuaSocket's socket.tcp() makes
-- none until it knows the address family). Its id, printed by tostring,
-- is the table's address, as LuaSocket prints its userdata's.
function core.newobject(name, sock, family)
  local self = {
    _sock = sock,
    _family = family,  -- socket.AF_INET, AF_INET6 or AF_UNSPEC
    _block = -1,       -- settimeout(t, "b"): each operation's limit, -1 none
    _total = -1,       -- settimeout(t, "t"): the same for the whole call
    _pytimeout = nil,  -- what _sock:settimeout was last given ("unset" at first)
    _buf = "",         -- received bytes not yet returned (tcp only)
    _pos = 1,          -- where the unread part of _buf starts
    _received = 0,     -- getstats: bytes returned by receive
    _sent = 0,         -- getstats: bytes sent
    _birthday = now(), -- getstats: when the object was made
  }
  self._id = tostring(self):match("0x%x+") or tostring(self)
  self._pytimeout = "unset"
  return setmetatable(self, classes[name])
end

-- is reports whether obj belongs to the class or group `name`.
local function is(obj, name)
  local mt = type(obj) == "table" and getmetatable(obj)
  return mt and (mt == classes[name] or mt[name] == true) or false
end
core.is = is

-- check raises LuaSocket's argument error unless self is of class or group
-- `name`, for method fname.
function core.check(self, name, fname)
  if not is(self, name) then
    argerror(fname, 0, name .. " expected", 1)
  end
  return self
end

---------------------------------------------------------------------------
-- Handing descriptors over
--
-- obj:setfd(n) makes an object forget its socket without closing it, so
-- that other code can use the descriptor obj:getfd() returned (with
-- socket.socket(nil, nil, nil, fd) in the Python API). The forgotten
-- Python socket object is kept here for good: were it collected, its
-- finalizer would close the descriptor under its new owner.

local handed_over = {}

function core.forget(self)
  if self._sock then
    handed_over[#handed_over + 1] = self._sock
    self._sock = nil
  end
end

---------------------------------------------------------------------------
-- Timeouts
--
-- LuaSocket counts both timeouts from the start of each call: "b" (block)
-- bounds every wait, "t" (total) the whole call; as each wait is measured
-- from the same start, the smaller one rules. A negative value means none.
-- start returns the moment the call must give up, or nil for never;
-- arm gives the Python socket the time left before it.

function core.deadline(self)
  local b, t = self._block, self._total
  if b < 0 and t < 0 then return nil end
  local limit
  if b < 0 then limit = t elseif t < 0 then limit = b else limit = math.min(b, t) end
  return now() + limit
end

function core.arm(self, deadline)
  local want
  if deadline then
    want = deadline - now()
    if want < 0 then want = 0 end
  end
  if want ~= self._pytimeout then
    self._sock:settimeout(want)
    self._pytimeout = want
  end
end

-- settimeout and gettimeout are the same for tcp and udp objects.
function core.settimeout(self, t, mode, group)
  core.check(self, group, "settimeout")
  t = core.optnumber("settimeout", 1, t, -1)
  mode = mode == nil and "b" or core.checkstring("settimeout", 2, mode)
  local c = mode:sub(1, 1)
  if c == "b" then
    self._block = t
  elseif c == "r" or c == "t" then
    self._total = t
  else
    argerror("settimeout", 2, "invalid timeout mode", 1)
  end
  return 1
end

---------------------------------------------------------------------------
-- Socket options, with LuaSocket's names. Each entry says how a Lua value
-- becomes the option's value and back: "bool", "int", or a function pair.

local function sockopt(level, name, kind)
  return { level = level, name = name, kind = kind }
end

local S = socket
core.options = {
  ["keepalive"] = sockopt(S.SOL_SOCKET, S.SO_KEEPALIVE, "bool"),
  ["reuseaddr"] = sockopt(S.SOL_SOCKET, S.SO_REUSEADDR, "bool"),
  ["reuseport"] = sockopt(S.SOL_SOCKET, S.SO_REUSEPORT, "bool"),
  ["broadcast"] = sockopt(S.SOL_SOCKET, S.SO_BROADCAST, "bool"),
  ["dontroute"] = sockopt(S.SOL_SOCKET, S.SO_DONTROUTE, "bool"),
  ["recv-buffer-size"] = sockopt(S.SOL_SOCKET, S.SO_RCVBUF, "int"),
  ["send-buffer-size"] = sockopt(S.SOL_SOCKET, S.SO_SNDBUF, "int"),
  ["tcp-nodelay"] = sockopt(S.IPPROTO_TCP, S.TCP_NODELAY, "bool"),
  ["tcp-keepidle"] = sockopt(S.IPPROTO_TCP, S.TCP_KEEPIDLE, "int"),
  ["tcp-keepcnt"] = sockopt(S.IPPROTO_TCP, S.TCP_KEEPCNT, "int"),
  ["tcp-keepintvl"] = sockopt(S.IPPROTO_TCP, S.TCP_KEEPINTVL, "int"),
  ["tcp-defer-accept"] = sockopt(S.IPPROTO_TCP, S.TCP_DEFER_ACCEPT, "int"),
  ["tcp-fastopen"] = sockopt(S.IPPROTO_TCP, S.TCP_FASTOPEN, "int"),
  ["ipv6-v6only"] = sockopt(S.IPPROTO_IPV6, S.IPV6_V6ONLY, "bool"),
  ["ipv6-unicast-hops"] = sockopt(S.IPPROTO_IPV6, S.IPV6_UNICAST_HOPS, "int"),
  ["ipv6-multicast-hops"] = sockopt(S.IPPROTO_IPV6, S.IPV6_UNICAST_HOPS, "int"),
  ["ipv6-multicast-loop"] = sockopt(S.IPPROTO_IPV6, S.IPV6_MULTICAST_LOOP, "bool"),
  ["ip-multicast-ttl"] = sockopt(S.IPPROTO_IP, S.IP_MULTICAST_TTL, "int"),
  ["ip-multicast-loop"] = sockopt(S.IPPROTO_IP, S.IP_MULTICAST_LOOP, "bool"),
  ["linger"] = sockopt(S.SOL_SOCKET, S.SO_LINGER, "linger"),
  ["ip-multicast-if"] = sockopt(S.IPPROTO_IP, S.IP_MULTICAST_IF, "ip"),
  ["ip-add-membership"] = sockopt(S.IPPROTO_IP, S.IP_ADD_MEMBERSHIP, "mreq"),
  ["ip-drop-membership"] = sockopt(S.IPPROTO_IP, S.IP_DROP_MEMBERSHIP, "mreq"),
  ["ipv6-add-membership"] = sockopt(S.IPPROTO_IPV6, S.IPV6_JOIN_GROUP, "mreq6"),
  ["ipv6-drop-membership"] = sockopt(S.IPPROTO_IPV6, S.IPV6_LEAVE_GROUP, "mreq6"),
  ["error"] = sockopt(S.SOL_SOCKET, S.SO_ERROR, "error"),
  ["bindtodevice"] = sockopt(S.SOL_SOCKET, S.SO_BINDTODEVICE, "device"),
}
-- optvalue converts setoption's Lua value to what Python's setsockopt takes
-- (an integer or packed bytes); bad values raise LuaSocket's argument errors.
local function optvalue(kind, v)
  if kind == "bool" then
    if type(v) ~= "boolean" then
      argerror("setoption", 2, "boolean expected, got " .. typename(v), 2)
    end
    return v and 1 or 0
  elseif kind == "int" then
    return core.toint(tonumber(v) or 0)
  elseif kind == "linger" then
    if type(v) ~= "table" then argerror("setoption", 2, "table expected, got " .. typename(v), 2) end
    if type(v.on) ~= "boolean" then argerror("setoption", 2, "boolean 'on' field expected", 2) end
    if tonumber(v.timeout) == nil then argerror("setoption", 2, "number 'timeout' field expected", 2) end
    return struct.pack("ii", v.on and 1 or 0, core.toint(tonumber(v.timeout)))
  elseif kind == "ip" then
    local addr = core.checkstring("setoption", 2, v)
    if addr == "*" then addr = "0.0.0.0" end
    local ok, packed_addr = pcall(socket.inet_aton, addr)
    if not ok then argerror("setoption", 2, "ip expected", 2) end
    return packed_addr
  elseif kind == "mreq" then
    if type(v) ~= "table" then argerror("setoption", 2, "table expected, got " .. typename(v), 2) end
    if type(v.multiaddr) ~= "string" then argerror("setoption", 2, "string 'multiaddr' field expected", 2) end
    local ok, group = pcall(socket.inet_aton, v.multiaddr)
    if not ok then argerror("setoption", 2, "invalid 'multiaddr' ip address", 2) end
    if type(v.interface) ~= "string" then argerror("setoption", 2, "string 'interface' field expected", 2) end
    local iface = v.interface == "*" and "0.0.0.0" or v.interface
    local ok2, ifaddr = pcall(socket.inet_aton, iface)
    if not ok2 then argerror("setoption", 2, "invalid 'interface' ip address", 2) end
    return group .. ifaddr
  elseif kind == "mreq6" then
    if type(v) ~= "table" then argerror("setoption", 2, "table expected, got " .. typename(v), 2) end
    if type(v.multiaddr) ~= "string" then argerror("setoption", 2, "string 'multiaddr' field expected", 2) end
    local ok, group = pcall(socket.inet_pton, socket.AF_INET6, v.multiaddr)
    if not ok then argerror("setoption", 2, "invalid 'multiaddr' ip address", 2) end
    local index = 0
    if v.interface ~= nil then
      index = tonumber(v.interface)
      if not index then argerror("setoption", 2, "number 'interface' field expected", 2) end
    end
    return group .. struct.pack("I", index)
  elseif kind == "device" then
    return core.checkstring("setoption", 2, v) .. "\0"
  end
end

-- setoption and getoption are the methods of both tcp and udp objects;
-- `allowed` is the set of option names the object's kind supports for
-- the operation (LuaSocket can set some options it cannot read back).
function core.setoption(self, name, value, allowed)
  name = core.checkstring("setoption", 1, name)
  local opt = allowed[name] and core.options[name]
  if not opt or not opt.name then
    argerror("setoption", 1, format("unsupported option `%.35s'", name), 1)
  end
  local v = optvalue(opt.kind, value)
  if not self._sock then return nil, "setsockopt failed" end
  local ok, e = pcall(self._sock.setsockopt, self._sock, opt.level, opt.name, v)
  if not ok then
    message(e) -- raises what is not an OSError
    return nil, "setsockopt failed"
  end
  return 1
end

function core.getoption(self, name, allowed)
  name = core.checkstring("getoption", 1, name)
  local opt = allowed[name] and core.options[name]
  if not opt or not opt.name then
    argerror("getoption", 1, format("unsupported option `%.35s'", name), 1)
  end
  if not self._sock then return nil, "getsockopt failed" end
  local sock, kind = self._sock, opt.kind
  local ok, v
  if kind == "linger" then
    ok, v = pcall(sock.getsockopt, sock, opt.level, opt.name, 8)
    if ok then
      local fields = struct.unpack("ii", v) -- a tuple: {l_onoff, l_linger}
      return { on = fields[1] ~= 0, timeout = fields[2] }
    end
  elseif kind == "ip" then
    ok, v = pcall(sock.getsockopt, sock, opt.level, opt.name, 4)
    if ok then return socket.inet_ntoa(v) end
  elseif kind == "device" then
    ok, v = pcall(sock.getsockopt, sock, opt.level, opt.name, 16)
    if ok then return (v:gsub("%z.*", "")) end
  else
    ok, v = pcall(sock.getsockopt, sock, opt.level, opt.name)
    if ok then
      if kind == "bool" then return v ~= 0 end
      if kind == "error" then
        if v == 0 then return nil end
        return errno_messages[v] or core.strerror(v)
      end
      return v
    end
  end
  message(v) -- raises what is not an OSError
  return nil, "getsockopt failed"
end

---------------------------------------------------------------------------
-- Making sockets and naming addresses

local families = { inet = socket.AF_INET, inet6 = socket.AF_INET6, unspec = socket.AF_UNSPEC }
core.families = families

-- create makes a Python socket, as LuaSocket's inet_trycreate does: an
-- IPv6 socket is always IPv6-only.
function core.create(family, socktype, proto)
  local ok, sock = pcall(socket.socket, family, socktype, proto or 0)
  if not ok then return nil, message(sock) end
  if family == socket.AF_INET6 then
    pcall(sock.setsockopt, sock, socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
  end
  return sock
end

-- familyname is what getsockname and getpeername return third.
function core.familyname(family)
  if family == socket.AF_INET then return "inet" end
  if family == socket.AF_INET6 then return "inet6" end
  if family == socket.AF_UNSPEC then return "unspec" end
  return "unknown"
end

-- address returns LuaSocket's ip, port, family for one of Python's address
-- tuples. LuaSocket 3.1 gives getsockname's port as a string and
-- getpeername's as a number; port_string says which.
function core.address(addr, family, port_string)
  local port = addr[2]
  if port_string then port = tostring(port) end
  return addr[1], port, core.familyname(family)
end

-- resolve is getaddrinfo as LuaSocket's inet_trybind and inet_tryconnect
-- call it: a list of {family, type, proto, canonname, sockaddr}, or nil and
-- LuaSocket's message.
-- A third result is the system's own message, which some LuaSocket
-- functions return instead (udp:sendto).
function core.resolve(host, port, family, socktype, flags)
  local ok, res = pcall(socket.getaddrinfo, host, port, family, socktype, 0, flags or 0)
  if not ok then return nil, message(res), res.strerror end
  return res
end
