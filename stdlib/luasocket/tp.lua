-- socket.tp: LuaSocket's helper for text protocols with numeric replies
-- (SMTP, FTP): connect, send commands, check the "250 ok" replies.
-- Written for netlua from LuaSocket's documentation and behaviour.
--
--   local tp = require("socket.tp")
--   local c = assert(tp.connect("127.0.0.1", 25))
--   c:check("2..")               -- the greeting: code 2xx, or nil, reply
--   c:command("helo", "me")
--   print(c:check("2.."))
--   c:close()

local M = ...
local socket = require("socket")
local ltn12 = require("ltn12")
socket.tp = M -- as LuaSocket does: socket.tp is this module

local type, tonumber, ipairs, setmetatable = type, tonumber, ipairs, setmetatable
local find, upper = string.find, string.upper

M.TIMEOUT = 60 -- seconds, for each socket operation

-- read_reply reads one reply: "250 ok", or a multi-line one that starts
-- with "250-" and ends at the line starting with the same code and a space.
-- It returns the code (a string) and the reply's lines joined by "\n".
local function read_reply(c)
  local line, err = c:receive()
  if err then return nil, err end
  local reply = line
  local _, _, code, sep = find(line, "^(%d%d%d)(.?)")
  if not code then return nil, "invalid server reply" end
  if sep == "-" then
    local current
    repeat
      line, err = c:receive()
      if err then return nil, err end
      _, _, current, sep = find(line, "^(%d%d%d)(.?)")
      reply = reply .. "\n" .. line
    until code == current and sep == " "
  end
  return code, reply
end

local connection = {}
connection.__index = connection

function connection:getpeername() return self.c:getpeername() end
-- (LuaSocket's tp answers getsockname with the peer's name too.)
function connection:getsockname() return self.c:getpeername() end

-- check(ok) reads a reply and accepts it when its code matches ok: a
-- pattern ("2.."), a list of patterns, or a function(code, reply) that
-- decides. Accepted: the code as a number and the reply; else nil, reply.
function connection:check(ok)
  local code, reply = read_reply(self.c)
  if not code then return nil, reply end
  if type(ok) == "function" then return ok(tonumber(code), reply) end
  if type(ok) == "table" then
    for _, pattern in ipairs(ok) do
      if find(code, pattern) then return tonumber(code), reply end
    end
    return nil, reply
  end
  if find(code, ok) then return tonumber(code), reply end
  return nil, reply
end

-- command sends "CMD arg\r\n", the command in capitals.
function connection:command(cmd, arg)
  cmd = upper(cmd)
  if arg then return self.c:send(cmd .. " " .. arg .. "\r\n") end
  return self.c:send(cmd .. "\r\n")
end

function connection:sink(snk, pattern)
  local chunk, err = self.c:receive(pattern)
  return snk(chunk, err)
end

function connection:send(data) return self.c:send(data) end
function connection:receive(pattern) return self.c:receive(pattern) end
function connection:getfd() return self.c:getfd() end
function connection:dirty() return self.c:dirty() end
function connection:getcontrol() return self.c end

-- source sends all of an ltn12 source's data.
function connection:source(source, step)
  local sink = socket.sink("keep-open", self.c)
  return ltn12.pump.all(source, sink, step or ltn12.pump.step)
end

function connection:close()
  self.c:close()
  return 1
end

-- connect(host, port [, timeout [, create]]) -> connection | nil, err
function M.connect(host, port, timeout, create)
  local c, err = (create or socket.tcp)()
  if not c then return nil, err end
  c:settimeout(timeout or M.TIMEOUT)
  local ok
  ok, err = c:connect(host, port)
  if not ok then
    c:close()
    return nil, err
  end
  return setmetatable({ c = c }, connection)
end

return M
