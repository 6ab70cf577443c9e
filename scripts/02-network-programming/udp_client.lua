-- Tutorial 2 (001) in docs/tutorials.md, UDP客户端: 1) create the socket, 2) sendto
-- an address, 3) release it. Start udp_server.lua (or
-- 01-basics/udp_receiver.lua) first.
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "UDP client: sends one datagram"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
parser:add_argument("--message", {default = "hello udp"})
local args = parser:parse_args()

-- 1)创建socket对象
local sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
-- 2)发送数据: 发给某地址某信息
local n = sock:sendto(args.message:encode(), {args.host, args.port})
print(("Sent %d bytes to %s:%d"):format(n, args.host, args.port))
-- 3)释放资源
sock:close()
