-- Wrong: calls recv a fixed number of times (50), as if the text always
-- came in that many pieces (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Receive until the server closes"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock:connect({args.host, args.port})
local pieces = {}
for i = 1, 50 do
  local data = sock:recv(1024)
  if data == "" then
    break -- the server closed the connection: the text is complete
  end
  pieces[#pieces + 1] = data
end
sock:close()
print(table.concat(pieces))
