-- Broken on purpose: it answers but keeps every connection open.
-- expect: requirement 3 / 要求 3
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Reply and close"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(5)
local open = {} -- kept so nothing closes them
while true do
  local conn = server:accept()
  local data = conn:recv(1024)
  conn:sendall("已接收到数据 " .. data)
  open[#open + 1] = conn
end
