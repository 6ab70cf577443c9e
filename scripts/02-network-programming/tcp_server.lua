-- Tutorial 2 (001) in docs/tutorials.md, TCP编程, 示例: a TCP server on 9999 that
-- receives once and answers 已接收到数据 {data}. Talk to it with
-- tcp_client.lua (or: netlua -e 's=require("socket").create_connection({"127.0.0.1",9999}) s:send("hi") print(s:recv(1024))').
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "TCP server that answers 已接收到数据 {}"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

--TCP Server
local sock = socket.socket() --默认IPv4,TCP
local ip = args.host
local port = args.port -- 整数
local addr = {ip, port}
sock:bind(addr) -- 绑定IP和端口
sock:listen() --监听
local conn, addrinfo = sock:accept() --返回一个socket对象和一个远端地址,默认阻塞
local data = conn:recv(1024) -- 接收数据
print(bytes_repr(data)) -- print(data) of bytes in Python
local msg = ("已接收到数据 %s"):format(data:decode())
conn:send(msg:encode()) --传送字节流数据
conn:close()
sock:close()
