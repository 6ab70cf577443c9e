-- Wrong: answers every datagram to the first client that wrote, instead of
-- to the sender of that datagram (requirement 4).
-- expect: requirement 4 / 要求 4
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "UDP server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock:bind({args.host, args.port})
local first
while true do
  local data, addr = sock:recvfrom(1024)
  first = first or addr
  addr = first
  sock:sendto("Your msg: " .. data, addr)
end
