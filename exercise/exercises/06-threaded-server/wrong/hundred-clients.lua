-- Wrong: accepts 150 connections and then stops accepting, as if a server
-- had a known number of clients (requirement 4).
-- expect: requirement 4 / 要求 4
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
for i = 1, 150 do
  local conn = server:accept()
  threading.Thread{target = serve, args = {conn}, daemon = true}:start()
end
