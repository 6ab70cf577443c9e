-- Wrong: a plain TCP echo server: the certificate is loaded but the
-- sockets are never wrapped, so no TLS client can talk to it (requirement 1).
-- expect: requirement 1 / 要求 1
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

while true do
  local conn = server:accept()
  pcall(function()
    while true do
      local data = conn:recv(4096)
      if data == "" then break end
      conn:sendall(data)
    end
  end)
  conn:close()
end
