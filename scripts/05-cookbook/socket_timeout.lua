-- Tutorial 5 (004) in docs/tutorials.md, 六,套接字超时与阻塞: socket_timeout.py.
-- Python prints the timeout as a float (100.0); Lua numbers print without
-- a fraction when they have none (100).
local socket = require("socket")

local function socket_timeout(timeout)
  local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM) -- 创建socket对象
  print(("Default socket timeout: %s"):format(repr(s:gettimeout())))
  print(s:getblocking() and "True" or "False")
  s:settimeout(timeout)
  print(("Current socket timeout: %s"):format(repr(s:gettimeout())))
end

socket_timeout(100)
