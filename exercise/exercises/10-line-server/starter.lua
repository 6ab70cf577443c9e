local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A line server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
-- bind to {args.host, args.port} and listen. For each client:
--   local f = conn:makefile("rb")
--   read lines with f:readline() until it returns "", answer each one
--   ("1: HELLO\n"), then close the file and the connection.
