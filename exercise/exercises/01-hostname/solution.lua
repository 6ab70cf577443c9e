-- Reference solution: the tutorial's print_machine_info.
local socket = require("socket")

local host_name = socket.gethostname()
local ip_address = socket.gethostbyname(host_name)
print(("Host name: %s"):format(host_name))
print(("IP address: %s"):format(ip_address))
