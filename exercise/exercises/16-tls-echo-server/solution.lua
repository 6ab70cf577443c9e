-- Reference solution: one client at a time; a failed handshake or a
-- vanished client is reported and the loop goes on.
local socket = require("socket")
local ssl = require("ssl")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A TLS echo server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9443})
parser:add_argument("--cert", {required = true})
parser:add_argument("--key", {required = true})
local args = parser:parse_args()

local ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx:load_cert_chain(args.cert, args.key)

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(5)
print(("TLS echo server on %s:%d"):format(args.host, args.port))

while true do
  local conn, address = server:accept()
  conn:settimeout(10) -- a client that stalls mid-handshake does not hold the server for ever
  local ok, e = pcall(function()
    local tls = ctx:wrap_socket(conn, {server_side = true})
    while true do
      local data = tls:recv(4096)
      if data == "" then break end
      tls:sendall(data)
    end
    tls:close()
  end)
  if not ok then
    print(("client %s:%d: %s"):format(address[1], address[2], tostring(e)))
  end
  conn:close()
end
