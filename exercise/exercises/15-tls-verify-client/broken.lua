-- Broken on purpose: the certificate error was "fixed" by turning
-- verification off, so the first impostor is trusted.
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local ssl = require("ssl")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A TLS client that verifies the server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9443})
parser:add_argument("--cafile", {required = true})
local args = parser:parse_args()

local ctx = ssl.create_default_context({cafile = args.cafile})
ctx.check_hostname = false
ctx.verify_mode = ssl.CERT_NONE
local sock = socket.create_connection({args.host, args.port}, 5)
local s = ctx:wrap_socket(sock, {server_hostname = "localhost"})
s:sendall("hello\n")
io.write("answer: " .. s:recv(1024))
s:close()
