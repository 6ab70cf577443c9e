-- Wrong: skips empty lines, as if they carried nothing; each line gets its
-- answer, empty ones too (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A line server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(5)
while true do
  local conn = server:accept()
  local f = conn:makefile("rb")
  local n = 0
  while true do
    local line = f:readline()
    if line == "" then
      break -- the client shut down its side
    end
    line = line:gsub("\n$", "")
    if line ~= "" then
      n = n + 1
      conn:sendall(("%d: %s\n"):format(n, line:upper()))
    end
  end
  f:close()
  conn:close()
end
