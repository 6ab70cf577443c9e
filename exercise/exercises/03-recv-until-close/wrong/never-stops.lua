-- Wrong: keeps receiving after the server closed (it ignores the empty
-- string), so it never ends and prints nothing (requirement 4).
-- expect: requirement 4 / 要求 4
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Receive until the server closes"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock:connect({args.host, args.port})
local pieces = {}
while true do
  local data = sock:recv(1024)
  -- (it never looks for "")
  pieces[#pieces + 1] = data
end
sock:close()
print(table.concat(pieces))
