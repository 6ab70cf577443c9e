-- Broken on purpose: it decodes the client's bytes as utf-8, which they are
-- not, and dies of a UnicodeDecodeError.
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
  while true do
    local data = conn:recv(1024)
    if data == "" then
      break
    end
    pieces[#pieces + 1] = data
  end
  local text = table.concat(pieces):decode("utf-8")
  print(text)
  conn:sendall(("已收到: " .. text):encode("utf-8"))
  conn:close()
end
