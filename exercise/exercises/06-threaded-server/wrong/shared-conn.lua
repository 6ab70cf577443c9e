-- Wrong: the accepted connection goes into a global variable that every
-- thread reads, instead of being passed to its own thread: when clients
-- overlap, a thread serves the newest client instead of its own
-- (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local threading = require("threading")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Threaded echo server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local function serve()
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
  conn = server:accept() -- a global: every thread sees the newest one
  threading.Thread{target = serve, daemon = true}:start()
end
