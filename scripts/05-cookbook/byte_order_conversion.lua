-- Tutorial 5 (004) in docs/tutorials.md, 五,转换字节序.
local socket = require("socket")

local function convert_integer()
  local data = 1234
  -- 32-bit
  print(("Original: %s => Long host byte order: %s, Network byte order:%s"):format(
    data, socket.ntohl(data), socket.htonl(data)))
  -- 16-bit
  print(("Original: %s => Short host byte order: %s, Network byte order:%s"):format(
    data, socket.ntohs(data), socket.htons(data)))
end

convert_integer()
