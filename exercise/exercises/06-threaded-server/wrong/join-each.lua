-- Wrong: starts a thread per client but waits for it (join) before the
-- next accept, so clients are served one at a time (requirement 2).
-- expect: requirement 2 / 要求 2
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
server:bind({args.host, args.port})
server:listen(128)
while true do
  local conn = server:accept()
  local t = threading.Thread{target = serve, args = {conn}, daemon = true}
  t:start()
  t:join()
end
