-- Wrong: splits each recv on "\n" without keeping the unfinished end for
-- the next recv, so a line that spans two recv calls becomes two lines
-- (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A line server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(5)
while true do
  local conn = server:accept()
  local n = 0
  while true do
    local data = conn:recv(1024)
    if data == "" then
      break
    end
    for line in data:gmatch("([^\n]*)\n") do
      n = n + 1
      conn:sendall(("%d: %s\n"):format(n, line:upper()))
    end
  end
  conn:close()
end
