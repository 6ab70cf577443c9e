-- A client for tcp_server.lua and makefile_server.lua (tutorial
-- 2 in docs/tutorials.md shows only the servers): sends one message and
-- prints the answer.
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "TCP client: send a message, print the answer"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
parser:add_argument("--message", {default = "hello"})
parser:add_argument("--encoding", {default = "utf-8"})
local args = parser:parse_args()

local s = socket.create_connection({args.host, args.port})
s:sendall(args.message:encode(args.encoding))
print(s:recv(1024):decode(args.encoding))
s:close()
