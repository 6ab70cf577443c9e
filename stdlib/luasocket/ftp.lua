-- socket.ftp: LuaSocket's FTP client, written for netlua from LuaSocket's
-- documentation and behaviour. Transfers use passive mode (EPSV) unless a
-- session is driven step by step.
--
--   local ftp = require("socket.ftp")
--   local text, err = ftp.get("ftp://user:pw@127.0.0.1:2121/dir/file.txt;type=i")
--   local ok, err = ftp.put("ftp://user:pw@127.0.0.1:2121/upload.txt", "contents")
--   ftp.get{host = "127.0.0.1", port = 2121, path = "file.txt", sink = ltn12.sink.file(io.stdout)}
--   ftp.command{host = "127.0.0.1", port = 2121, command = "dele", argument = "x", check = 250}

local M = ...
local socket = require("socket")
local url = require("socket.url")
local tp = require("socket.tp")
local ltn12 = require("ltn12")
socket.ftp = M -- as LuaSocket does: socket.ftp is this module

local type, ipairs, pairs, setmetatable, tostring = type, ipairs, pairs, setmetatable, tostring
local find, format, gsub, match = string.find, string.format, string.gsub, string.match
local getmetatable = getmetatable

-- expect raises an argument error naming the function unless v is of the
-- kind wanted: "string" (numbers count), "table", or "callable" (a
-- function or something with a __call metamethod).
local function expect(fname, n, v, kind)
  local t = type(v)
  if kind == "string" and (t == "string" or t == "number") then return end
  if kind == "table" and t == "table" then return end
  if kind == "callable" then
    if t == "function" then return end
    local mt = (t == "table" or t == "userdata") and getmetatable(v)
    if mt and mt.__call then return end
  end
  error(string.format("bad argument #%d to '%s' (%s expected, got %s)", n, fname,
    kind == "callable" and "function" or kind, v == nil and "no value" or t), 3)
end

M.TIMEOUT = 60
M.USER = "ftp"
M.PASSWORD = "anonymous@anonymous.org"
local PORT = 21

---------------------------------------------------------------------------
-- A session on the control connection, with at most one data connection
-- (self.data), made either by connecting to the address the server gave
-- (self.pasvt, after pasv or epsv) or by accepting on self.server (port,
-- eprt). Failures raise through self.try, which closes everything.

local session = {}
session.__index = session

function M.open(server, port, create)
  local control = socket.try(tp.connect(server, port or PORT, M.TIMEOUT, create))
  local f = setmetatable({ tp = control }, session)
  f.try = socket.newtry(function() f:close() end)
  return f
end

function session:portconnect()
  self.try(self.server:settimeout(M.TIMEOUT))
  self.data = self.try(self.server:accept())
  self.try(self.data:settimeout(M.TIMEOUT))
end

function session:pasvconnect()
  self.data = self.try(socket.tcp())
  self.try(self.data:settimeout(M.TIMEOUT))
  self.try(self.data:connect(self.pasvt.address, self.pasvt.port))
end

-- login sends USER, and PASS if the server asks for it (331).
function session:login(user, password)
  self.try(self.tp:command("user", user or M.USER))
  local code = self.try(self.tp:check({ "2..", 331 }))
  if code == 331 then
    self.try(self.tp:command("pass", password or M.PASSWORD))
    self.try(self.tp:check("2.."))
  end
  return 1
end

local function forget_server(self)
  if self.server then
    self.server:close()
    self.server = nil
  end
end

-- pasv asks where to connect for data: "227 ... (h1,h2,h3,h4,p1,p2)".
function session:pasv()
  self.try(self.tp:command("pasv"))
  local _, reply = self.try(self.tp:check("2.."))
  local a, b, c, d, p1, p2 = match(reply, "(%d+)%D(%d+)%D(%d+)%D(%d+)%D(%d+)%D(%d+)")
  self.try(a and b and c and d and p1 and p2, reply)
  self.pasvt = { address = format("%d.%d.%d.%d", a, b, c, d), port = p1 * 256 + p2 }
  forget_server(self)
  return self.pasvt.address, self.pasvt.port
end

-- epsv asks for a port on the same host: "229 ... (|||port|)".
function session:epsv()
  self.try(self.tp:command("epsv"))
  local _, reply = self.try(self.tp:check("229"))
  local _, _, _, port = match(reply, "%((.)(.-)%1(.-)%1(.-)%1%)")
  self.try(port, "invalid epsv response")
  self.pasvt = { address = self.tp:getpeername(), port = port }
  forget_server(self)
  return self.pasvt.address, self.pasvt.port
end

-- port tells the server where to connect for data; with no address, a
-- new listening socket on this side's address.
function session:port(address, port)
  self.pasvt = nil
  if not address then
    address = self.try(self.tp:getsockname())
    self.server = self.try(socket.bind(address, 0))
    address, port = self.try(self.server:getsockname())
    self.try(self.server:settimeout(M.TIMEOUT))
  end
  local low = port % 256
  local high = (port - low) / 256
  local arg = gsub(format("%s,%d,%d", address, high, low), "%.", ",")
  self.try(self.tp:command("port", arg))
  self.try(self.tp:check("2.."))
  return 1
end

function session:eprt(family, address, port)
  self.pasvt = nil
  if not address then
    address = self.try(self.tp:getsockname())
    self.server = self.try(socket.bind(address, 0))
    address, port = self.try(self.server:getsockname())
    self.try(self.server:settimeout(M.TIMEOUT))
  end
  self.try(self.tp:command("eprt", format("|%s|%s|%d|", family, address, port)))
  self.try(self.tp:check("2.."))
  return 1
end

-- The file a transfer names: argument, or the URL path without its
-- leading slash, unescaped.
local function argument_of(t)
  local argument = t.argument or url.unescape((gsub(t.path or "", "^[/\\]", "")))
  if argument == "" then return nil end
  return argument
end

-- send uploads sendt.source (STOR, or sendt.command); returns the bytes sent.
function session:send(sendt)
  self.try(self.pasvt or self.server, "need port or pasv first")
  if self.pasvt then self:pasvconnect() end
  self.try(self.tp:command(sendt.command or "stor", argument_of(sendt)))
  local code = self.try(self.tp:check({ "2..", "1.." }))
  if not self.pasvt then self:portconnect() end
  local sink = socket.sink("close-when-done", self.data)
  self.try(ltn12.pump.all(sendt.source, sink, sendt.step or ltn12.pump.step))
  if find(code, "1..") then self.try(self.tp:check("2..")) end
  self.data:close()
  local sent = socket.skip(1, self.data:getstats())
  self.data = nil
  return sent
end

-- receive downloads into recvt.sink (RETR, or recvt.command). A command
-- answered at once on the control connection (2xx) gives its reply.
function session:receive(recvt)
  self.try(self.pasvt or self.server, "need port or pasv first")
  if self.pasvt then self:pasvconnect() end
  self.try(self.tp:command(recvt.command or "retr", argument_of(recvt)))
  local code, reply = self.try(self.tp:check({ "1..", "2.." }))
  if code >= 200 and code <= 299 then
    recvt.sink(reply)
    return 1
  end
  if not self.pasvt then self:portconnect() end
  local source = socket.source("until-closed", self.data)
  self.try(ltn12.pump.all(source, recvt.sink, recvt.step or ltn12.pump.step))
  if find(code, "1..") then self.try(self.tp:check("2..")) end
  self.data:close()
  self.data = nil
  return 1
end

function session:cwd(dir)
  self.try(self.tp:command("cwd", dir))
  self.try(self.tp:check(250))
  return 1
end

function session:type(kind)
  self.try(self.tp:command("type", kind))
  self.try(self.tp:check(200))
  return 1
end

function session:greet()
  local code = self.try(self.tp:check({ "1..", "2.." }))
  if find(code, "1..") then self.try(self.tp:check("2..")) end
  return 1
end

function session:quit()
  self.try(self.tp:command("quit"))
  self.try(self.tp:check("2.."))
  return 1
end

function session:close()
  if self.data then self.data:close() end
  if self.server then self.server:close() end
  return self.tp:close()
end

---------------------------------------------------------------------------
-- get, put and command

-- override: a table's url fills in host, port, path...; its own fields win.
local function override(t)
  if not t.url then return t end
  local u = url.parse(t.url)
  for k, v in pairs(t) do u[k] = v end
  return u
end

local function put_table(putt)
  putt = override(putt)
  socket.try(putt.host, "missing hostname")
  local f = M.open(putt.host, putt.port, putt.create)
  f:greet()
  f:login(putt.user, putt.password)
  if putt.type then f:type(putt.type) end
  f:epsv()
  local sent = f:send(putt)
  f:quit()
  f:close()
  return sent
end

local defaults = { path = "/", scheme = "ftp" }

-- genericform(url) is the table get(url) and put(url, body) use; a
-- ";type=a" or ";type=i" parameter sets the transfer type.
function M.genericform(u)
  local t = socket.try(url.parse(u, defaults))
  socket.try(t.scheme == "ftp", "wrong scheme '" .. tostring(t.scheme) .. "'")
  socket.try(t.host, "missing hostname")
  if t.params then
    t.type = match(t.params, "^type=(.)$")
    socket.try(t.type == "a" or t.type == "i", "invalid type '" .. tostring(t.type) .. "'")
  end
  return t
end

local protected_put = socket.protect(function(putt, body)
  if type(putt) == "string" then
    local t = M.genericform(putt)
    t.source = ltn12.source.string(body)
    return put_table(t)
  end
  return put_table(putt)
end)

local function get_table(gett)
  gett = override(gett)
  socket.try(gett.host, "missing hostname")
  local f = M.open(gett.host, gett.port, gett.create)
  f:greet()
  f:login(gett.user, gett.password)
  if gett.type then f:type(gett.type) end
  f:epsv()
  f:receive(gett)
  f:quit()
  return f:close()
end

local protected_get = socket.protect(function(gett)
  if type(gett) == "string" then
    local t = M.genericform(gett)
    local parts = {}
    t.sink = ltn12.sink.table(parts)
    get_table(t)
    return table.concat(parts)
  end
  return get_table(gett)
end)

-- command{host=, command=, argument=, check=} runs commands (a list each
-- of commands, arguments and expected codes, or one of each).
local protected_command = socket.protect(function(cmdt)
  cmdt = override(cmdt)
  socket.try(cmdt.host, "missing hostname")
  socket.try(cmdt.command, "missing command")
  local f = M.open(cmdt.host, cmdt.port, cmdt.create)
  f:greet()
  f:login(cmdt.user, cmdt.password)
  if type(cmdt.command) == "table" then
    local arguments, checks = cmdt.argument or {}, cmdt.check or {}
    for i, cmd in ipairs(cmdt.command) do
      f.try(f.tp:command(cmd, arguments[i]))
      if checks[i] then f.try(f.tp:check(checks[i])) end
    end
  else
    f.try(f.tp:command(cmdt.command, cmdt.argument))
    if cmdt.check then f.try(f.tp:check(cmdt.check)) end
  end
  f:quit()
  return f:close()
end)

-- The public functions check their arguments, then run protected: a
-- failure inside returns nil, err.
function M.get(gett)
  if type(gett) ~= "string" then expect("get", 1, gett, "table") end
  return protected_get(gett)
end

function M.put(putt, body)
  if type(putt) ~= "string" then expect("put", 1, putt, "table")
  else expect("put", 2, body, "string") end
  return protected_put(putt, body)
end

function M.command(cmdt)
  expect("command", 1, cmdt, "table")
  return protected_command(cmdt)
end

return M
