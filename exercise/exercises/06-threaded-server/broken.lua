-- Broken on purpose: a correct echo loop, but one client at a time, so a
-- silent client blocks everyone else.
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Threaded echo server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(128)
while true do
  local conn = server:accept()
  while true do
    local data = conn:recv(1024)
    if data == "" then
      break
    end
    conn:sendall(data)
  end
  conn:close()
end
