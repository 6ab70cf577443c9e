-- Wrong: waits at most one second for the next piece and takes a timeout
-- as the end of the text; a server that pauses longer is cut short
-- (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Receive until the server closes"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock:connect({args.host, args.port})
sock:settimeout(1)
local pieces = {}
while true do
  local ok, data = pcall(sock.recv, sock, 1024)
  if not ok or data == "" then
    break -- the server closed the connection: the text is complete
  end
  pieces[#pieces + 1] = data
end
sock:close()
print(table.concat(pieces))
