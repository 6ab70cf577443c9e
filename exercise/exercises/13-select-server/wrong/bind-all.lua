-- Wrong: binds "0.0.0.0" (every address) instead of the --host it is given
-- (requirement 1).
-- expect: requirement 1 / 要求 1
-- needs: distinct loopback addresses (caught only where --host is not 127.0.0.1)
local socket = require("socket")
local select = require("select")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Echo server with select"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({"0.0.0.0", args.port})
server:listen(128)

local clients = {}

local function drop(conn)
  for i, c in ipairs(clients) do
    if c == conn then
      table.remove(clients, i)
      break
    end
  end
  conn:close()
end

while true do
  local watched = {server}
  for _, c in ipairs(clients) do
    watched[#watched + 1] = c
  end
  local readable = select.select(watched, {}, {})
  for _, s in ipairs(readable) do
    if s == server then
      local conn = server:accept()
      clients[#clients + 1] = conn
    else
      local ok, data = pcall(s.recv, s, 4096)
      if not ok or data == "" then
        drop(s)
      else
        local sent = pcall(s.sendall, s, data)
        if not sent then
          drop(s)
        end
      end
    end
  end
end
