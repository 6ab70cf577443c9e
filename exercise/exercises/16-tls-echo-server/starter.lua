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
-- listen on {args.host, args.port}; for each accepted conn:
--   local ok, e = pcall(function()
--     local tls = ctx:wrap_socket(conn, {server_side = true})
--     echo with tls:recv(4096) / tls:sendall(data) until recv returns ""
--   end)
--   print the error if not ok; conn:close() either way; next client
