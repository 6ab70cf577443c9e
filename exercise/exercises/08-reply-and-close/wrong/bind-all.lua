-- Wrong: binds "0.0.0.0" (every address) instead of the --host it is given
-- (requirement 1).
-- expect: requirement 1 / 要求 1
-- needs: distinct loopback addresses (caught only where --host is not 127.0.0.1)
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Reply and close"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({"0.0.0.0", args.port})
server:listen(5)
while true do
  local conn = server:accept()
  local data = conn:recv(1024)
  conn:sendall("已接收到数据 " .. data)
  conn:close() -- the close tells the client the answer is complete
end
