-- Broken on purpose: no timeout, so recv waits for an answer that never
-- comes, for ever.
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A client with a timeout"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock:connect({args.host, args.port})
sock:sendall("ping\n")
print("answer: " .. sock:recv(1024))
sock:close()
