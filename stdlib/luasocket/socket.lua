-- socket.lua: LuaSocket's module functions (socket.bind, socket.select,
-- socket.dns, socket.try...), added to netlua's `socket` module beside
-- Python's names. None of these names exists in Python's socket module,
-- so the two APIs share the table without clashing.

local socket, core = ...

local pyselect = require("select")
local time = require("time")

local type, tostring, tonumber, error, pcall = type, tostring, tonumber, error, pcall
local isinstance = isinstance
local ipairs, setmetatable, getmetatable = ipairs, setmetatable, getmetatable
local select = select
local sort = table.sort
local argerror, checkstring, optnumber = core.argerror, core.checkstring, core.optnumber

-- The 3.1.0 release of LuaSocket still calls itself 3.0.0; so do we.
socket._VERSION = "LuaSocket 3.0.0"
socket._SETSIZE = 1024        -- select's limit, FD_SETSIZE on the systems LuaSocket runs on
socket._SOCKETINVALID = -1    -- what getfd returns for an object with no socket
socket._DEBUG = true          -- receive and send also return the time they took
socket.BLOCKSIZE = 2048       -- the chunk size of socket.source

---------------------------------------------------------------------------
-- Time

function socket.gettime()
  return time.time()
end

function socket.sleep(seconds)
  local n = tonumber(seconds)
  if not n then argerror("sleep", 1, "number expected, got " .. type(seconds)) end
  if n ~= n or n < 0 then n = 0 end
  if n > 2147483647 then n = 2147483647 end
  time.sleep(n)
end

---------------------------------------------------------------------------
-- socket.bind(host, port [, backlog]): a listening tcp{server}, with
-- reuseaddr set, on the first address of host that works.

function socket.bind(host, port, backlog)
  host = checkstring("bind", 1, host)
  if host == "*" then host = "0.0.0.0" end
  local addrinfo, err = socket.dns.getaddrinfo(host)
  if not addrinfo then return nil, err end
  err = "no info on address"
  for _, alt in ipairs(addrinfo) do
    local sock
    if alt.family == "inet" then sock, err = socket.tcp4() else sock, err = socket.tcp6() end
    if not sock then return nil, err end
    sock:setoption("reuseaddr", true)
    local ok
    ok, err = sock:bind(alt.addr, port)
    if ok then
      ok, err = sock:listen(backlog)
      if ok then return sock end
    end
    sock:close()
  end
  return nil, err
end

---------------------------------------------------------------------------
-- socket.select(recvt, sendt [, timeout])
--
-- recvt and sendt are arrays of objects with a getfd method (LuaSocket
-- objects, or anything else that has one). The results list the ready
-- ones both as an array and as keys: r[1] == sock and r[sock] == 1.
-- Objects with buffered data (dirty) are ready to read at once.

-- descriptor returns obj:getfd(), or -1 for anything without one.
local function descriptor(obj)
  local t = type(obj)
  if t ~= "table" and t ~= "userdata" and t ~= "string" then
    error("attempt to index a " .. t .. " value", 0)
  end
  local getfd = obj.getfd
  if getfd == nil then return -1 end
  local fd = getfd(obj)
  if type(fd) ~= "number" or fd < 0 then return -1 end
  return fd
end

-- collect fills fds (a list of descriptors for Python's select) and byfd
-- (descriptor -> object) from the array t, argument n of select.
local function collect(t, n, byfd)
  local fds, seen = {}, {}
  if t == nil then return fds, seen end
  if type(t) ~= "table" then
    argerror("select", n, "table expected, got " .. type(t), 1)
  end
  local i = 1
  while true do
    local obj = t[i]
    if obj == nil then break end
    local fd = descriptor(obj)
    if fd >= 0 then
      if fd >= socket._SETSIZE then
        argerror("select", n, "descriptor too large for set size", 1)
      end
      if not seen[fd] then
        seen[fd] = obj
        fds[#fds + 1] = fd
      end
      byfd[fd] = obj
    end
    i = i + 1
  end
  return fds, seen
end

-- assoc makes the result table for the array list: by number and by object.
local function assoc(list)
  local t = {}
  for i, obj in ipairs(list) do
    t[i] = obj
    t[obj] = i
  end
  return t
end

function socket.select(recvt, sendt, timeout)
  local t = optnumber("select", 3, timeout, -1)
  local byfd = {}
  local rfds, rseen = collect(recvt, 1, byfd)
  local wfds = collect(sendt, 2, byfd)
  -- Objects with data already buffered need no wait.
  local readable, ndirty = {}, 0
  if recvt ~= nil then
    local keep = {}
    for _, fd in ipairs(rfds) do
      local obj = rseen[fd]
      local dirty = obj.dirty
      if dirty ~= nil and dirty(obj) then
        ndirty = ndirty + 1
        readable[ndirty] = obj
      else
        keep[#keep + 1] = fd
      end
    end
    rfds = keep
  end
  if ndirty > 0 then t = 0 end
  local ok, r, w = pcall(pyselect.select, rfds, wfds, {}, t >= 0 and t or nil)
  if not ok then
    core.message(r) -- raises KeyboardInterrupt and other non-OSErrors
    error("select failed", 0)
  end
  if #r == 0 and #w == 0 and ndirty == 0 then
    return {}, {}, "timeout"
  end
  -- LuaSocket lists ready descriptors in increasing order.
  sort(r)
  sort(w)
  local writable = {}
  for _, fd in ipairs(r) do readable[#readable + 1] = byfd[fd] end
  for _, fd in ipairs(w) do writable[#writable + 1] = byfd[fd] end
  return assoc(readable), assoc(writable)
end

---------------------------------------------------------------------------
-- Exceptions: try, newtry, protect
--
-- try(ok, err, ...) returns its arguments when ok is true; otherwise it
-- raises err wrapped in a table that protect recognises, so that a
-- function made by protect returns nil, err instead of raising.

-- A wrapped error is a table {err} with a hidden metatable, as LuaSocket
-- makes it; the weak set `wrapped` is how protect knows it is one.
local wrapper = { __metatable = false }
local wrapped = setmetatable({}, { __mode = "k" })

function socket.newtry(finalizer)
  if finalizer == nil then finalizer = function() end end
  return function(...)
    if not (...) then
      finalizer()
      local e = setmetatable({ (select(2, ...)) }, wrapper)
      wrapped[e] = true
      error(e, 0)
    end
    return ...
  end
end

socket.try = socket.newtry()

-- unwrap returns the message of an error raised by try, or nothing.
local function unwrap(e)
  if type(e) == "table" and wrapped[e] then
    return true, e[1]
  end
  return false
end

local function finish(ok, ...)
  if ok then return ... end
  local err = (...)
  local wrapped, msg = unwrap(err)
  if wrapped then return nil, msg end
  error(err, 0)
end

function socket.protect(f)
  return function(...)
    return finish(pcall(f, ...))
  end
end

---------------------------------------------------------------------------
-- Sources and sinks over sockets (for ltn12), and choose

function socket.choose(table)
  return function(name, opt1, opt2)
    if type(name) ~= "string" then
      name, opt1, opt2 = "default", name, opt1
    end
    local f = table[name or "nil"]
    if not f then error("unknown key (" .. tostring(name) .. ")", 3) end
    return f(opt1, opt2)
  end
end

-- Each sink and source is callable and also has getfd and dirty, so it
-- can be given to socket.select.
local function selectable(sock, call)
  return setmetatable({
    getfd = function() return sock:getfd() end,
    dirty = function() return sock:dirty() end,
  }, { __call = call })
end

local sinkt, sourcet = {}, {}
socket.sinkt, socket.sourcet = sinkt, sourcet

sinkt["close-when-done"] = function(sock)
  return selectable(sock, function(_, chunk)
    if not chunk then
      sock:close()
      return 1
    end
    return sock:send(chunk)
  end)
end

sinkt["keep-open"] = function(sock)
  return selectable(sock, function(_, chunk)
    if chunk then return sock:send(chunk) end
    return 1
  end)
end

sinkt["default"] = sinkt["keep-open"]

-- chooser is socket.choose for sink and source, with an error that names
-- the function when the mode is unknown.
local function chooser(fname, table)
  local choose = socket.choose(table)
  return function(name, opt1, opt2)
    if type(name) == "string" and not table[name] then
      argerror(fname, 1, "unknown key (" .. name .. ")")
    end
    return choose(name, opt1, opt2)
  end
end
socket.sink = chooser("sink", sinkt)

sourcet["by-length"] = function(sock, length)
  return selectable(sock, function()
    if length <= 0 then return nil end
    local chunk, err = sock:receive(math.min(socket.BLOCKSIZE, length))
    if err then return nil, err end
    length = length - #chunk
    return chunk
  end)
end

sourcet["until-closed"] = function(sock)
  local done = false
  return selectable(sock, function()
    if done then return nil end
    local chunk, err, partial = sock:receive(socket.BLOCKSIZE)
    if not err then return chunk end
    if err == "closed" then
      sock:close()
      done = true
      return partial
    end
    return nil, err
  end)
end

sourcet["default"] = sourcet["until-closed"]
socket.source = chooser("source", sourcet)

-- skip(d, ...) returns the arguments after the first d.
function socket.skip(count, ...)
  local d = tonumber(count)
  if not d then argerror("skip", 1, "number expected, got " .. type(count)) end
  d = core.toint(d)
  if d < 0 then return d, ... end
  if d >= select("#", ...) then return end
  return select(d + 1, ...)
end

---------------------------------------------------------------------------
-- socket.dns: name resolution with LuaSocket's result shapes

local dns = {}
socket.dns = dns

-- host_error is LuaSocket's message for a failed gethostbyname.
local function host_error(e)
  local msg = core.message(e)
  if isinstance(e, socket.gaierror) or isinstance(e, socket.herror) then
    return "host not found"
  end
  return msg
end

-- gethost resolves a name, or an IPv4 address backwards, as LuaSocket's
-- inet_gethost does: name, aliases and addresses, or nil and a message.
local function gethost(address)
  -- LuaSocket passes a C string: a name with a zero byte finds nothing.
  if address:find("\0", 1, true) then return nil, "host not found" end
  local ok, res
  if pcall(socket.inet_aton, address) and address:match("^[%d%.]+$") then
    ok, res = pcall(socket.gethostbyaddr, address)
  else
    ok, res = pcall(socket.gethostbyname_ex, address)
  end
  if not ok then return nil, host_error(res) end
  local resolved = { name = res[1], alias = {}, ip = {} }
  for i, a in ipairs(res[2]) do resolved.alias[i] = a end
  for i, a in ipairs(res[3]) do resolved.ip[i] = a end
  return resolved
end

-- dns.toip(address) -> first IPv4 address, {name=, alias={}, ip={}}
function dns.toip(address)
  address = checkstring("toip", 1, address)
  local resolved, err = gethost(address)
  if not resolved then return nil, err end
  return resolved.ip[1], resolved
end

-- dns.tohostname(address) -> canonical name, {name=, alias={}, ip={}}
function dns.tohostname(address)
  address = checkstring("tohostname", 1, address)
  local resolved, err = gethost(address)
  if not resolved then return nil, err end
  return resolved.name, resolved
end

function dns.gethostname()
  local ok, name = pcall(socket.gethostname)
  if not ok then return nil, core.message(name) end
  return name
end

-- dns.getaddrinfo(host) -> { {family = "inet" or "inet6", addr = "..."}, ... }
function dns.getaddrinfo(host)
  host = checkstring("getaddrinfo", 1, host)
  local res, err = core.resolve(host, nil, socket.AF_UNSPEC, socket.SOCK_STREAM)
  if not res then return nil, err end
  local list = {}
  for i, ai in ipairs(res) do
    local family = core.familyname(ai[1])
    list[i] = { family = family, addr = ai[5][1] }
  end
  return list
end

-- dns.getnameinfo([host] [, serv]) -> {names of each address}, service name
function dns.getnameinfo(host, serv)
  if host ~= nil then host = checkstring("getnameinfo", 1, host) end
  if serv ~= nil then serv = checkstring("getnameinfo", 2, serv) end
  if host == nil and serv == nil then
    argerror("getnameinfo", 1, "host and serv cannot be both nil")
  end
  local res, err = core.resolve(host, serv, socket.AF_UNSPEC, socket.SOCK_STREAM)
  if not res then return nil, err end
  local names, service = {}, nil
  for i, ai in ipairs(res) do
    local ok, info = pcall(socket.getnameinfo, ai[5], 0)
    if ok then
      if host then names[i] = info[1] end
      service = info[2]
    end
  end
  if serv then return names, service end
  return names
end

-- These are functions, not methods: their argument errors count from 1.
for _, f in ipairs({ socket.select, socket.bind, socket.connect, socket.connect4, socket.connect6,
  socket.sleep, socket.skip, socket.sink, socket.source, dns.toip, dns.tohostname,
  dns.getaddrinfo, dns.getnameinfo }) do
  core.functions[f] = true
end
