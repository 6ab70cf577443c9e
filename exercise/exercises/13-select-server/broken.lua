-- Broken on purpose: select is right, but a reset connection raises out of
-- recv and the whole server dies with it.
-- expect: requirement 4 / 要求 4
local socket = require("socket")
local select = require("select")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Echo server with select"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(128)

local clients = {}
while true do
  local watched = {server}
  for _, c in ipairs(clients) do
    watched[#watched + 1] = c
  end
  local readable = select.select(watched, {}, {})
  for _, s in ipairs(readable) do
    if s == server then
      clients[#clients + 1] = server:accept()
    else
      local data = s:recv(4096)
      if data == "" then
        for i, c in ipairs(clients) do
          if c == s then
            table.remove(clients, i)
          end
        end
        s:close()
      else
        s:sendall(data)
      end
    end
  end
end
