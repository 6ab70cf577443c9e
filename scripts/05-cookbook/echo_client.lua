-- Tutorial 5 (004) in docs/tutorials.md, 十一, echo_client.py --port: send a
-- gbk-encoded message and print the echo. Python's loop waits for len(message)
-- characters; what it means is the byte count sent, which is used here (a
-- Lua string's length is its byte count). Start echo_server.lua first.
local socket = require("socket")
local argparse = require("argparse")

local host = "localhost" -- 127.0.0.1

local function echo_client(port)
  -- 一个简单的回显客户
  -- 1,创建 TCP 套接字
  local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
  -- 2,连接到服务器socket
  local server_address = {host, port}
  print(("正在连接到 %s:%s"):format(host, port))
  sock:connect(server_address)
  local ok, e = pcall(function()
    -- 3,向服务器发送信息
    local message = "测试数据,该信息会被回显!"
    print(("正在发送 %s"):format(message))
    local encoded = message:encode("gbk")
    sock:sendall(encoded) -- 字符串编码为字节后发送。
    -- 4,等待从服务器接收响应信息
    local amount_received = 0
    local amount_expected = #encoded
    local data
    while amount_received < amount_expected do
      data = sock:recv(2018)
      amount_received = amount_received + #data
      if data == "" then break end
    end
    print(("接收到的服务器端数据为: %s"):format(data:decode("gbk"))) -- 接收字节后解码为字符
  end)
  if not ok then
    if isinstance(e, socket.error) then
      print(("Socket 错误: %s"):format(tostring(e)))
    else
      print(("其他错误: %s"):format(tostring(e)))
    end
  end
  -- finally
  print("正在关闭到服务器端的链接...")
  sock:close()
end

local parser = argparse.ArgumentParser{description = "Socket Server Example"}
parser:add_argument("--port", {action = "store", dest = "port", type = "int", required = true})
local given_args = parser:parse_args()
local port = given_args.port
echo_client(port)
