-- Tutorial 5 (004) in docs/tutorials.md, 一,打印机器名与 IPv4 地址: show_ip.py.
local socket = require("socket")

local function print_machine_info()
  local host_name = socket.gethostname()
  local ip_address = socket.gethostbyname(host_name)
  print(("Host name: %s"):format(host_name))
  print(("IP address: %s"):format(ip_address))
end

print_machine_info()
