-- Wrong: sends only the first byte "\27" instead of a 48-byte request
-- (requirement 1).
-- expect: requirement 1 / 要求 1
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
client:sendto("\27", {args.host, args.port})
local data = client:recvfrom(1024)
local fields = struct.unpack("!12I", data)
print(("%d"):format(fields[11] - TIME1970))
client:close()
