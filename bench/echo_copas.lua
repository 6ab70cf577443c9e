-- echo_copas.lua: the line echo server with copas, the coroutine
-- dispatcher LuaSocket programs use for many connections (Debian's
-- lua-copas). It runs under real LuaSocket and, unchanged, under netlua:
--
--   lua5.1 bench/echo_copas.lua PORT [BACKLOG]
--   netlua bench/echo_copas.lua PORT [BACKLOG]
local socket = require("socket")
local copas = require("copas")

local port = tonumber(arg[1]) or 0
local backlog = tonumber(arg[2]) or 128

local server = assert(socket.bind("127.0.0.1", port, backlog))
local _, bound = server:getsockname()

copas.addserver(server, function(c)
  c:setoption("tcp-nodelay", true)
  c = copas.wrap(c)
  while true do
    local line = c:receive("*l")
    if not line then break end
    c:send(line .. "\n")
  end
end)

print(("echo server listening on 127.0.0.1:%s"):format(bound))
io.stdout:flush()
copas.loop()
