local socket = require("socket")
local select = require("select")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Echo server with select"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
-- bind and listen, then loop: select.select on the server and the clients,
-- accept on the server, echo on a readable client, drop a client that closed
