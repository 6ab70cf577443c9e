-- Wrong: one recv for the whole message, as if it came in one piece
-- (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A server for gbk text"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(5)
while true do
  local conn = server:accept()
  local pieces = {}
  pieces[1] = conn:recv(1024)
  -- Decode only now: a 2-byte gbk character may have been split between
  -- two recv calls.
  local text = table.concat(pieces):decode("gbk")
  print(text)
  conn:sendall(("已收到: " .. text):encode("gbk"))
  conn:close()
end
