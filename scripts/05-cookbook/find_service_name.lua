-- Tutorial 5 (004) in docs/tutorials.md, 四,端口、协议和服务名称: asks for a port
-- and protocol, prints the service; then a service and protocol, prints the port.
local socket = require("socket")

local function find_service_name(port, protocol)
  -- find service by port and protocol
  local service_name = socket.getservbyport(tonumber(port), protocol)
  print(("Port: %s  Protocol: %s => service name: %s"):format(port, protocol, service_name))
end

local function find_port_name(service, protocol)
  -- find port by service and protocol
  local port_name = socket.getservbyname(service, protocol)
  print(("Service: %s  Protocol: %s => port name: %s"):format(service, protocol, port_name))
end

local port = input("port:")
local protocol = input("protocol:")
find_service_name(port, protocol)
local service = input("service:")
protocol = input("protocol:")
find_port_name(service, protocol)
