local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A server for gbk text"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
-- bind to {args.host, args.port} and listen. For each client: recv until "",
-- data:decode("gbk"), print the text, reply ("已收到: " .. text):encode("gbk")
-- with sendall, close the connection.
