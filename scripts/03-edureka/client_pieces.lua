-- Tutorial 3 (002) in docs/tutorials.md, 多重沟通: receive in 7-byte pieces until
-- the server closes the connection, then print the whole message.
-- Start server.lua first.
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Receives the greeting 7 bytes at a time"}
parser:add_argument("--host", {default = socket.gethostname()})
parser:add_argument("--port", {type = "int", default = 1234})
local args = parser:parse_args()

local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s:connect({args.host, args.port})
local complete_info = ""
while true do
  local msg = s:recv(7)
  if #msg <= 0 then
    break
  end
  complete_info = complete_info .. msg:decode("utf-8")
end
print(complete_info)
