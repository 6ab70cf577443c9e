-- Tutorial 2 (001) in docs/tutorials.md, socket常用方法, makefile示例: the server
-- reads 10 characters through a file object made with makefile and writes
-- back Return your msg:{line}. Talk to it with tcp_client.lua --message 0123456789.
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "TCP server using makefile"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

--TCP Server
local sock = socket.socket() --默认IPV4 TCP
local ip = args.host
local port = args.port -- 整数
local addr = {ip, port}
sock:bind(addr) -- 绑定IP和端口
sock:listen() --监听
local conn, addrinfo = sock:accept() --返回一个socket对象和一个远端地址,默认阻塞

local f = conn:makefile("rw")
local line = f:read(10)
print(line)
f:write(("Return your msg:%s"):format(line))
f:flush()
f:close()
-- The tutorial leaves the sockets to be closed at exit; closing them says so.
conn:close()
sock:close()
