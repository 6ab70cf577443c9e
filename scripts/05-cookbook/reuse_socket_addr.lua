-- Tutorial 5 (004) in docs/tutorials.md, 九,服务器端重用socket地址: a server with
-- SO_REUSEADDR that prints what each client sends (gbk-encoded); Ctrl-C
-- ends the loop. Send it something with
--   netlua ../02-network-programming/tcp_client.lua --port 8282 --encoding gbk --message 你好服务端,我是客户端小黑!
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Server that reuses its address"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 8282})
local args = parser:parse_args()

local function reuse_socket_addr()
  local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
  -- Get the old state of the SO_REUSEADDR option
  local old_state = sock:getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)
  print(("Old sock state: %s"):format(old_state))
  -- Enable the SO_REUSEADDR option
  sock:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
  local new_state = sock:getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)
  print(("New sock state: %s"):format(new_state))
  local local_port = args.port
  local srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM) -- 1,创建服务器端套接字
  srv:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1) -- 2,允许端地址用
  srv:bind({args.host, local_port}) -- 3,服务器端绑定地址
  srv:listen(1) -- 4,服务器端监听连接
  print(("Listening on port: %s "):format(local_port))
  while true do
    local ok, msg = pcall(function()
      local connection, addr = srv:accept() -- 5,服务器端接受客户端的连接
      print(("Connected by %s:%s"):format(addr[1], addr[2])) -- 服务器端获取客户端连接信息
      local ret = connection:recv(1024) -- 6,服务器端接收客户端数据
      ret = ret:decode("gbk") -- 服务器解码端客户端数据
      print(ret) -- 打印端客户端数据
      -- Python closes the connection when `connection` is rebound on the
      -- next accept (reference counting); Lua's garbage collector is not so
      -- prompt, so it is closed here.
      connection:close()
    end)
    if not ok then
      if isinstance(msg, KeyboardInterrupt) then -- 处理异常
        break
      elseif isinstance(msg, socket.error) then -- 处理异常
        print(("%s"):format(tostring(msg)))
      else
        error(msg, 0)
      end
    end
  end
end

reuse_socket_addr()
