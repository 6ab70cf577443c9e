-- Tutorial 3 (002) in docs/tutorials.md, 什么是客户？ 举例: connect and print what
-- one recv(1024) brings. Start server.lua first.
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Receives the greeting with one recv(1024)"}
parser:add_argument("--host", {default = socket.gethostname()})
parser:add_argument("--port", {type = "int", default = 1234})
parser:add_argument("--bufsize", {type = "int", default = 1024})
local args = parser:parse_args()

local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s:connect({args.host, args.port})
local msg = s:recv(args.bufsize)
print(msg:decode("utf-8"))
