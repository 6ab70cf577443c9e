-- Wrong: "cleans up" the text before printing it, squeezing runs of
-- spaces and tabs; the task asks for the text exactly (requirement 3).
-- expect: requirement 3 / 要求 3
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
  if data == "" then
    break -- the server closed the connection: the text is complete
  end
  pieces[#pieces + 1] = data
end
sock:close()
print((table.concat(pieces):gsub("[ \t]+", " ")))
