-- Tutorial 5 (004) in docs/tutorials.md, 十一,编写一个简单的 TCP 回显客户端/服务器端应用:
-- echo_server.py --port. Echoes one message per connection and prints it
-- decoded from gbk. Runs until Ctrl-C.
local socket = require("socket")
local argparse = require("argparse")

local host = "localhost"
local data_payload = 2048
local backlog = 5

local function echo_server(port)
  -- 一个简单的回显服务器
  -- 1,创建 TCP 套接字
  local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
  -- 2,启用地址可重用
  sock:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
  -- 3,绑定套接字地址
  local server_address = {host, port}
  print(("启动回显服务器  %s:%s"):format(host, port))
  sock:bind(server_address)
  -- 4,监听客户端,backlog 参数指定最大排队连接数
  sock:listen(backlog)
  while true do
    print("等待从客户端接收信息...")
    -- 5,接受客户端连接
    local client, address = sock:accept()
    -- 6,接收客户端信息
    local data = client:recv(data_payload)
    if data ~= "" then
      print(("接收到的客户端数据为: %s"):format(data:decode("gbk"))) -- 接收字节后解码为字符
      -- 7,向客户端回显信息
      client:send(data) -- 返回接搜到的字节数据
      print(("已将该 %s 字节串返回给 %s"):format(bytes_repr(data), tostring(address)))
    end
    -- 断开与客户端的连接
    client:close()
  end
end

local parser = argparse.ArgumentParser{description = "Socket Server Example"}
parser:add_argument("--port", {action = "store", dest = "port", type = "int", required = true})
local given_args = parser:parse_args()
local port = given_args.port
echo_server(port)
