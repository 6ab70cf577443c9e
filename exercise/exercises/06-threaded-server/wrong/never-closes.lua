-- Wrong: echoes each client but never closes its connection, so clients
-- never see the end and descriptors leak (requirement 3).
-- expect: requirement 3 / 要求 3
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
  -- (the connection is never closed)
end

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(128)
while true do
  local conn = server:accept()
  threading.Thread{target = serve, args = {conn}, daemon = true}:start()
end
