-- Wrong: sets the timeout but does not catch socket.timeout, so the script
-- ends with the error (requirement 3).
-- expect: requirement 3 / 要求 3
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A client with a timeout"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock:connect({args.host, args.port})
sock:settimeout(2)
sock:sendall("ping\n")
local answer = sock:recv(1024)
print("answer: " .. answer)
sock:close()
