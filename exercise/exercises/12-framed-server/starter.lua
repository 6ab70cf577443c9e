local socket = require("socket")
local struct = require("struct")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A length-prefixed message server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

-- recv_exactly(sock, n): n bytes, however many recv calls they take
-- (return nil if the client closed before the first byte).

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
-- bind to {args.host, args.port} and listen. For each client, until it closes:
--   local n = struct.unpack("!I", recv_exactly(conn, 4))[1]
--   local body = recv_exactly(conn, n)
--   conn:sendall(struct.pack("!I", #body) .. body:upper())
