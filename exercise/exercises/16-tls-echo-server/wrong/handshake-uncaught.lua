-- Wrong: catches errors only around the echo loop, not around the
-- handshake, so a plaintext client stops the server (requirement 2).
-- expect: requirement 2 / 要求 2
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
  local tls = ctx:wrap_socket(conn, {server_side = true})
  pcall(function()
    while true do
      local data = tls:recv(4096)
      if data == "" then break end
      tls:sendall(data)
    end
  end)
  tls:close()
end
