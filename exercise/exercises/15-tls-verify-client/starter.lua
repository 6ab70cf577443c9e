local socket = require("socket")
local ssl = require("ssl")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A TLS client that verifies the server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9443})
parser:add_argument("--cafile", {required = true})
local args = parser:parse_args()

local ctx = ssl.create_default_context({cafile = args.cafile})
-- for attempt = 1, 3 do
--   connect with socket.create_connection({args.host, args.port}, 5)
--   local ok, s = pcall(ctx.wrap_socket, ctx, sock, {server_hostname = "localhost"})
--   refused (isinstance(s, ssl.SSLCertVerificationError)): print("refused: " .. s.verify_message), close, next attempt
--   accepted: s:sendall("hello\n"), read the answer up to "\n", print it, close, stop
-- end
