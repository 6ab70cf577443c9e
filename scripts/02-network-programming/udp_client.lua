-- Tutorial 001_fafcf978cdf9f78b.txt, UDP客户端: 1) create the socket, 2) sendto
-- an address, 3) release it. It also waits (up to 5 s) for udp_server.lua's
-- answer, to show the reply.
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
sock:sendto(args.message:encode(), {args.host, args.port})
sock:settimeout(5)
local data, addr = sock:recvfrom(1024)
print(("Reply from %s: %s"):format(tostring(addr), data:decode()))
-- 3)释放资源
sock:close()
