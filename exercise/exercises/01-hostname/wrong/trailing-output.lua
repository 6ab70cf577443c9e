-- Wrong: prints the two lines, then a goodbye the task does not ask for
-- (requirement 3).
-- expect: requirement 3 / 要求 3
local socket = require("socket")

local host_name = socket.gethostname()
local ip_address = socket.gethostbyname(host_name)
print(("Host name: %s"):format(host_name))
print(("IP address: %s"):format(ip_address))
print("done.")
