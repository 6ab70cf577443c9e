-- Wrong: prints the transmit time as the server sent it, in seconds since
-- 1900, forgetting to subtract 2208988800 (requirement 3).
-- expect: requirement 3 / 要求 3
local socket = require("socket")
local struct = require("struct")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "SNTP client"}
parser:add_argument("--host", {default = "pool.ntp.org"})
parser:add_argument("--port", {type = "int", default = 123})
local args = parser:parse_args()

local TIME1970 = 2208988800
local client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client:settimeout(5)
client:sendto("\27" .. ("\0"):rep(47), {args.host, args.port})
local data = client:recvfrom(1024)
local fields = struct.unpack("!12I", data)
print(("%d"):format(fields[11]))
client:close()
