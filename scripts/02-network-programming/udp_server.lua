-- Tutorial 2 (001) in docs/tutorials.md, UDP服务端: 1) create the socket, 2) bind
-- IP and port, 3) recvfrom / sendto, 4) release it. Answers one datagram.
-- Start it first, then udp_client.lua.
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "UDP server: answers one datagram"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

-- 1)创建socket对象
local sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
-- 2)绑定IP和port
sock:bind({args.host, args.port})
print(("UDP server on %s"):format(tostring(sock:getsockname())))
-- 3)传输数据: 接收数据 recvfrom, 发送数据 sendto
local data, addr = sock:recvfrom(1024)
print(("Received %s from %s"):format(data:decode(), tostring(addr)))
sock:sendto(("Your msg: %s"):format(data:decode()):encode(), addr)
-- 4)释放资源
sock:close()
