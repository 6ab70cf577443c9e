-- Tutorial 5 (004) in docs/tutorials.md, 六, test_socket_modes.py: a blocking
-- socket with a 0.5 s timeout, bound to a free port, listening in a loop.
-- The tutorial's version ends in a KeyboardInterrupt traceback on Ctrl-C;
-- as its next section suggests, this one catches it and exits cleanly.
local socket = require("socket")

local function test_socket_modes()
  local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM) -- 创建套接字
  s:setblocking(true) -- 设置为阻塞型套接字
  s:settimeout(0.5) -- 设置超时时间
  s:bind({"127.0.0.1", 0}) -- 将套接字绑定到 address
  local socket_address = s:getsockname() -- 获取套接字本身的地址
  print(("Trivial Server launched on socket: %s"):format(tostring(socket_address)))
  while true do
    s:listen(1) -- 启动一个服务器用于接受套接字连接。
  end
end

local ok, err = pcall(test_socket_modes)
if not ok and not isinstance(err, KeyboardInterrupt) then
  error(err, 0)
end
