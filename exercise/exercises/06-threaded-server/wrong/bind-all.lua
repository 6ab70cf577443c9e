-- Wrong: binds "0.0.0.0" (every address) instead of the --host it is given
-- (requirement 1).
-- expect: requirement 1 / 要求 1
-- needs: distinct loopback addresses (caught only where --host is not 127.0.0.1)
local socket = require("socket")
local threading = require("threading")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Threaded echo server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local function serve(conn)
  while true do
    local data = conn:recv(1024)
    if data == "" then
      break
    end
    conn:sendall(data)
  end
  conn:close()
end

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({"0.0.0.0", args.port})
server:listen(128)
while true do
  local conn = server:accept()
  threading.Thread{target = serve, args = {conn}, daemon = true}:start()
end
