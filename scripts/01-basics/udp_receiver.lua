-- Tutorial 1 (000) in docs/tutorials.md, 三、6 recv 与 recvfrom 函数, 示例:
-- a UDP socket that receives one datagram with recvfrom and prints it.
-- Send it one with scripts/02-network-programming/udp_client.lua, or:
--   netlua -e 's = require("socket").socket(2, 2) s:sendto("hi", {"127.0.0.1", 12345})'
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "UDP receiver (recvfrom)"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 12345})
local args = parser:parse_args()

-- 创建一个UDP套接字
local s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
-- 绑定本地地址和端口
s:bind({args.host, args.port})
-- 接收数据,设置bufsize为最大接收字节数
local data, address = s:recvfrom(1024)
-- 打印接收到的数据和发送端地址信息
print(("Received data: %s"):format(data:decode("utf-8")))
print(("Received from: %s"):format(tostring(address)))
s:close()
