-- Broken on purpose: it prints the host name but forgets the address.
-- expect: requirement 2 / 要求 2
local socket = require("socket")

print(("Host name: %s"):format(socket.gethostname()))
