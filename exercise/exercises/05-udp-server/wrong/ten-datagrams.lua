-- Wrong: answers ten datagrams and exits, as if clients sent a known number
-- (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "UDP server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock:bind({args.host, args.port})
for i = 1, 10 do
  local data, addr = sock:recvfrom(1024)
  sock:sendto("Your msg: " .. data, addr)
end
