-- Broken on purpose: one recv per message, so when three messages arrive
-- together it answers the first and drops the other two.
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local struct = require("struct")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A length-prefixed message server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(5)
while true do
  local conn = server:accept()
  while true do
    local data = conn:recv(1024)
    if data == "" then
      break
    end
    local n = struct.unpack("!I", data:sub(1, 4))[1]
    local body = data:sub(5, 4 + n)
    conn:sendall(struct.pack("!I", #body) .. body:upper())
  end
  conn:close()
end
