-- Wrong: prints the values without the labels the task shows (requirement 1).
-- expect: requirement 1 / 要求 1
local socket = require("socket")

local host_name = socket.gethostname()
print(host_name)
print(socket.gethostbyname(host_name))
