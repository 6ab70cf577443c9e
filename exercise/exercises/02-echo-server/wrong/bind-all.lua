-- Wrong: binds "0.0.0.0" (every address) instead of the --host it is given,
-- so the server answers on addresses it should not (requirement 1).
-- expect: requirement 1 / 要求 1
-- needs: distinct loopback addresses (caught only where --host is not 127.0.0.1)
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "TCP echo server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({"0.0.0.0", args.port})
server:listen(5)
while true do
  local conn, addr = server:accept()
  conn:settimeout(3)
  local ok, err = pcall(function()
    while true do
      local data = conn:recv(1024)
      if data == "" then
        break -- the client closed: nothing more will come
      end
      conn:sendall(data)
    end
  end)
  if not ok and not isinstance(err, socket.timeout) then
    print("connection lost: " .. tostring(err)) -- reset by the client, say
  end
  conn:close()
end
