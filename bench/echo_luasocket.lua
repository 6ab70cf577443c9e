-- echo_luasocket.lua: the benchmark's line echo server written with the
-- LuaSocket API in netlua: one thread per connection, receive("*l") and
-- send, tcp-nodelay on. The LuaSocket rows of BENCHMARKS.md start it as
--
--   netlua bench/echo_luasocket.lua PORT [BACKLOG]
--
-- and wait for the "listening on" line before driving it.
local socket = require("socket")
local threading = require("threading")

local port = tonumber(arg[1]) or 0
local backlog = tonumber(arg[2]) or 128

local function handle(c)
  while true do
    local line = c:receive("*l")
    if not line then break end
    c:send(line .. "\n")
  end
  c:close()
end

local server = assert(socket.bind("127.0.0.1", port, backlog))
local _, bound = server:getsockname()
print(("echo server listening on 127.0.0.1:%s"):format(bound))

while true do
  local c = server:accept()
  if c then
    c:setoption("tcp-nodelay", true)
    threading.Thread{target = handle, args = {c}, daemon = true}:start()
  end
end
