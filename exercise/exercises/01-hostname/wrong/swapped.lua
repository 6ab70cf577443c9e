-- Wrong: prints the address first and the name second (requirement 1).
-- expect: requirement 1 / 要求 1
local socket = require("socket")

local host_name = socket.gethostname()
print(("IP address: %s"):format(socket.gethostbyname(host_name)))
print(("Host name: %s"):format(host_name))
