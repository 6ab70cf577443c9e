-- Wrong: passes the string "host_name" to gethostbyname instead of the
-- variable's value, so the lookup fails (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")

local host_name = socket.gethostname()
print(("Host name: %s"):format(host_name))
local ok, ip_address = pcall(socket.gethostbyname, "host_name")
print(("IP address: %s"):format(ok and ip_address or "unknown"))
