-- Wrong: prints a label and a date next to the number; the task asks for
-- the integer alone (requirement 3).
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
print(("Time: %d (%s)"):format(fields[11] - TIME1970, os.date("!%c", fields[11] - TIME1970)))
client:close()
