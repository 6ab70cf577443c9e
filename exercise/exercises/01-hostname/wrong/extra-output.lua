-- Wrong: prints a debugging line first, so the first line is not the host
-- name line (requirement 1; requirement 3 too).
-- expect: requirement 1 / 要求 1
local socket = require("socket")

local host_name = socket.gethostname()
local ip_address = socket.gethostbyname(host_name)
print("debug: looking up " .. host_name)
print(("Host name: %s"):format(host_name))
print(("IP address: %s"):format(ip_address))
