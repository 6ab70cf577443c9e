local socket = require("socket")
local struct = require("struct")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "SNTP client"}
parser:add_argument("--host", {default = "pool.ntp.org"})
parser:add_argument("--port", {type = "int", default = 123})
local args = parser:parse_args()

local TIME1970 = 2208988800
local client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
-- sendto the 48-byte request, recvfrom the answer, unpack "!12I",
-- print the transmit time minus TIME1970
