local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A client with a timeout"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
-- connect to {args.host, args.port}, settimeout(2), sendall("ping\n"), then
--   local ok, answer = pcall(sock.recv, sock, 1024)
-- print the answer, or a message with "timed out" if isinstance(answer, socket.timeout)
