-- Wrong: the header is read with recv_exactly, but the body with a single
-- recv(length), as if it came in one piece (requirement 3).
-- expect: requirement 3 / 要求 3
local socket = require("socket")
local pickle = require("pickle")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Receive a length-prefixed pickle"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local HEADER = 10

-- recv_exactly returns n bytes, however many recv calls they take.
local function recv_exactly(sock, n)
  local pieces, have = {}, 0
  while have < n do
    local data = sock:recv(n - have)
    if data == "" then
      error("the server closed after " .. have .. " of " .. n .. " bytes")
    end
    pieces[#pieces + 1] = data
    have = have + #data
  end
  return table.concat(pieces)
end

local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock:connect({args.host, args.port})
local length = tonumber(recv_exactly(sock, HEADER):match("^%s*(%d+)"))
local msg = pickle.loads(sock:recv(length))
print(msg.text)
sock:close()
