-- Wrong: echoes what one recv returned and closes: a message that comes
-- in several records is echoed only in part (requirement 3).
-- expect: requirement 3 / 要求 3
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
    local tls = ctx:wrap_socket(conn, {server_side = true})
    tls:sendall(tls:recv(4096))
    tls:close()
  end)
  conn:close()
end
