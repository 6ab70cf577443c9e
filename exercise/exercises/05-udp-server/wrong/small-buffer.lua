-- Wrong: recvfrom(64): longer datagrams lose their end (requirement 3).
-- expect: requirement 3 / 要求 3
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "UDP server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock:bind({args.host, args.port})
while true do
  local data, addr = sock:recvfrom(64)
  sock:sendto("Your msg: " .. data, addr)
end
