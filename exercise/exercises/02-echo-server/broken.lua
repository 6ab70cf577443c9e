-- Broken on purpose: it treats one recv as one whole message, answers it
-- and closes. Its checker must say that the echo was cut short.
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "TCP echo server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(5)
while true do
  local conn = server:accept()
  local data = conn:recv(1024)
  conn:send(data)
  conn:close()
end
