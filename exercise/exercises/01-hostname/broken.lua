-- Broken on purpose: it prints the host name but forgets the address.
-- expect: the script should print the IP address of this host
local socket = require("socket")

print(("Host name: %s"):format(socket.gethostname()))
