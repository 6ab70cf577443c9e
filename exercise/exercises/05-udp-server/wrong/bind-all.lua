-- Wrong: binds "0.0.0.0" (every address) instead of the --host it is given
-- (requirement 1).
-- expect: requirement 1 / 要求 1
-- needs: distinct loopback addresses (caught only where --host is not 127.0.0.1)
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "UDP server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock:bind({"0.0.0.0", args.port})
while true do
  local data, addr = sock:recvfrom(1024)
  sock:sendto("Your msg: " .. data, addr)
end
