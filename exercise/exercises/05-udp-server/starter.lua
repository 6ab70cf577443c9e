local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "UDP server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
-- bind, then answer every datagram: recvfrom, then sendto the sender
