-- Wrong: reads and writes the length in little-endian ("<I") instead of
-- network byte order ("!I") (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local struct = require("struct")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A length-prefixed message server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

-- recv_exactly returns n bytes, or nil if the peer closed before the first
-- one (the normal end between messages); a close mid-message is an error.
local function recv_exactly(sock, n)
  local pieces, have = {}, 0
  while have < n do
    local data = sock:recv(n - have)
    if data == "" then
      if have == 0 then
        return nil
      end
      error(("the client closed after %d of %d bytes"):format(have, n))
    end
    pieces[#pieces + 1] = data
    have = have + #data
  end
  return table.concat(pieces)
end

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(5)
while true do
  local conn = server:accept()
  while true do
    local header = recv_exactly(conn, 4)
    if not header then
      break
    end
    local body = recv_exactly(conn, struct.unpack("<I", header)[1]) or ""
    conn:sendall(struct.pack("<I", #body) .. body:upper())
  end
  conn:close()
end
