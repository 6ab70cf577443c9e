-- echo_select.lua: the same line echo server in plain LuaSocket, without
-- threads: one socket.select loop, as Lua programs without threads write
-- it. It runs unchanged under real LuaSocket (lua5.1) and under netlua:
--
--   lua5.1 bench/echo_select.lua PORT [BACKLOG]
--   netlua bench/echo_select.lua PORT [BACKLOG]
local socket = require("socket")

local port = tonumber(arg[1]) or 0
local backlog = tonumber(arg[2]) or 128

local server = assert(socket.bind("127.0.0.1", port, backlog))
server:settimeout(0)
local _, bound = server:getsockname()
print(("echo server listening on 127.0.0.1:%s"):format(bound))
io.stdout:flush()

local watched = { server }
local partial = {} -- each client's line so far

local function drop(c)
  for i, s in ipairs(watched) do
    if s == c then table.remove(watched, i) break end
  end
  partial[c] = nil
  c:close()
end

while true do
  local readable = socket.select(watched, nil)
  for _, s in ipairs(readable) do
    if s == server then
      local c = server:accept()
      if c then
        c:settimeout(0)
        c:setoption("tcp-nodelay", true)
        watched[#watched + 1] = c
        partial[c] = ""
      end
    else
      -- Take every complete line waiting, keep the rest for later.
      while true do
        local line, err, part = s:receive("*l", partial[s])
        if line then
          partial[s] = ""
          s:settimeout(nil)
          s:send(line .. "\n")
          s:settimeout(0)
        elseif err == "timeout" then
          partial[s] = part
          break
        else
          drop(s)
          break
        end
      end
    end
  end
end
