-- socket.smtp: LuaSocket's SMTP client, written for netlua from
-- LuaSocket's documentation and behaviour.
--
--   local smtp = require("socket.smtp")
--   local ok, err = smtp.send{
--     from = "<me@example.com>", rcpt = {"<you@example.com>"},
--     server = "127.0.0.1", port = 2525,
--     source = smtp.message{
--       headers = {to = "you@example.com", subject = "hello"},
--       body = "Hi!",                -- or an ltn12 source, or parts for multipart
--     },
--   }

local M = ...
local socket = require("socket")
local tp = require("socket.tp")
local ltn12 = require("ltn12")
local headers_module = require("socket.headers")
local mime = require("mime")
socket.smtp = M -- as LuaSocket does: socket.smtp is this module

local type, ipairs, pairs, setmetatable = type, ipairs, pairs, setmetatable
local format, lower, find = string.format, string.lower, string.find
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
M.SERVER = "localhost"
M.PORT = 25
M.DOMAIN = os.getenv("SERVER_NAME") or "localhost" -- what EHLO says we are
M.ZONE = "-0000"                                    -- the Date header's time zone

---------------------------------------------------------------------------
-- The session: each step sends a command and checks the reply; failures
-- raise through s.try (which closes the connection) for send's protect.

local session = {}
session.__index = session

-- greet reads the greeting and says EHLO; it returns the server's
-- extensions (the EHLO reply).
function session:greet(domain)
  self.try(self.tp:check("2.."))
  self.try(self.tp:command("EHLO", domain or M.DOMAIN))
  return socket.skip(1, self.try(self.tp:check("2..")))
end

function session:mail(from)
  self.try(self.tp:command("MAIL", "FROM:" .. from))
  return self.try(self.tp:check("2.."))
end

function session:rcpt(to)
  self.try(self.tp:command("RCPT", "TO:" .. to))
  return self.try(self.tp:check("2.."))
end

-- data sends the message from an ltn12 source, then the final ".".
function session:data(src, step)
  self.try(self.tp:command("DATA"))
  self.try(self.tp:check("3.."))
  self.try(self.tp:source(src, step))
  self.try(self.tp:send("\r\n.\r\n"))
  return self.try(self.tp:check("2.."))
end

function session:quit()
  self.try(self.tp:command("QUIT"))
  return self.try(self.tp:check("2.."))
end

function session:close()
  return self.tp:close()
end

function session:login(user, password)
  self.try(self.tp:command("AUTH", "LOGIN"))
  self.try(self.tp:check("3.."))
  self.try(self.tp:send(mime.b64(user) .. "\r\n"))
  self.try(self.tp:check("3.."))
  self.try(self.tp:send(mime.b64(password) .. "\r\n"))
  return self.try(self.tp:check("2.."))
end

function session:plain(user, password)
  self.try(self.tp:command("AUTH", "PLAIN " .. mime.b64("\0" .. user .. "\0" .. password)))
  return self.try(self.tp:check("2.."))
end

-- auth logs in with the first method the server offers (ext is its EHLO
-- reply); without a user and password it does nothing.
function session:auth(user, password, ext)
  if not user or not password then return 1 end
  if find(ext, "AUTH[^\n]+LOGIN") then return self:login(user, password) end
  if find(ext, "AUTH[^\n]+PLAIN") then return self:plain(user, password) end
  self.try(nil, "authentication not supported")
end

-- send sends one mail: MAIL, RCPT for each recipient, DATA (dot-stuffed).
function session:send(mailt)
  self:mail(mailt.from)
  if type(mailt.rcpt) == "table" then
    for _, to in ipairs(mailt.rcpt) do self:rcpt(to) end
  else
    self:rcpt(mailt.rcpt)
  end
  self:data(ltn12.source.chain(mailt.source, mime.stuff()), mailt.step)
end

-- open(server, port, create) connects and returns a session.
function M.open(server, port, create)
  local c = socket.try(tp.connect(server or M.SERVER, port or M.PORT, M.TIMEOUT, create))
  local s = setmetatable({ tp = c }, session)
  s.try = socket.newtry(function() s:close() end)
  return s
end

---------------------------------------------------------------------------
-- Messages: smtp.message(mesgt) is an ltn12 source of the message text.
-- The message is produced by a coroutine that yields it piece by piece.

local function lower_headers(t)
  local result = {}
  for name, value in pairs(t or {}) do result[lower(name)] = value end
  return result
end

local boundaries = 0
local function new_boundary()
  boundaries = boundaries + 1
  return format("%s%05d==%05d", os.date("%d%m%Y%H%M%S"), math.random(0, 99999), boundaries)
end

local function yield_headers(t)
  local canonic = headers_module.canonic
  local h = "\r\n"
  for name, value in pairs(t) do
    h = (canonic[name] or name) .. ": " .. value .. "\r\n" .. h
  end
  coroutine.yield(h)
end

local yield_message -- defined below: it and multipart call each other

-- A body that is a table is multipart: its parts are messages themselves,
-- between optional preamble and epilogue.
local function yield_multipart(mesgt)
  local boundary = new_boundary()
  local h = lower_headers(mesgt.headers)
  h["content-type"] = (h["content-type"] or "multipart/mixed") .. '; boundary="' .. boundary .. '"'
  yield_headers(h)
  if mesgt.body.preamble then
    coroutine.yield(mesgt.body.preamble)
    coroutine.yield("\r\n")
  end
  for _, part in ipairs(mesgt.body) do
    coroutine.yield("\r\n--" .. boundary .. "\r\n")
    yield_message(part)
  end
  coroutine.yield("\r\n--" .. boundary .. "--\r\n\r\n")
  if mesgt.body.epilogue then
    coroutine.yield(mesgt.body.epilogue)
    coroutine.yield("\r\n")
  end
end

-- A body that is a function is an ltn12 source of the text.
local function yield_source(mesgt)
  local h = lower_headers(mesgt.headers)
  h["content-type"] = h["content-type"] or 'text/plain; charset="iso-8859-1"'
  yield_headers(h)
  while true do
    local chunk, err = mesgt.body()
    if err then
      coroutine.yield(nil, err)
    elseif chunk then
      coroutine.yield(chunk)
    else
      break
    end
  end
end

local function yield_string(mesgt)
  local h = lower_headers(mesgt.headers)
  h["content-type"] = h["content-type"] or 'text/plain; charset="iso-8859-1"'
  yield_headers(h)
  coroutine.yield(mesgt.body)
end

function yield_message(mesgt)
  if type(mesgt.body) == "table" then
    yield_multipart(mesgt)
  elseif type(mesgt.body) == "function" then
    yield_source(mesgt)
  else
    yield_string(mesgt)
  end
end

-- message returns an ltn12 source of the whole message, with Date,
-- X-Mailer and MIME-Version headers added.
function M.message(mesgt)
  expect("message", 1, mesgt, "table")
  local h = lower_headers(mesgt.headers)
  h["date"] = h["date"] or os.date("!%a, %d %b %Y %H:%M:%S ") .. (mesgt.zone or M.ZONE)
  h["x-mailer"] = h["x-mailer"] or socket._VERSION
  h["mime-version"] = "1.0"
  mesgt.headers = h
  local co = coroutine.create(function() yield_message(mesgt) end)
  return function()
    local ok, a, b = coroutine.resume(co)
    if ok then return a, b end
    return nil, a
  end
end

-- send{from=, rcpt=, source=, server=, port=, domain=, user=, password=,
-- step=, create=} sends one mail: 1, or nil and the error.
local protected_send = socket.protect(function(mailt)
  local s = M.open(mailt.server, mailt.port, mailt.create)
  local ext = s:greet(mailt.domain)
  s:auth(mailt.user, mailt.password, ext)
  s:send(mailt)
  s:quit()
  return s:close()
end)

function M.send(mailt)
  expect("send", 1, mailt, "table")
  return protected_send(mailt)
end

return M
