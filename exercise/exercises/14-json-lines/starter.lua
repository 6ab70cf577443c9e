local socket = require("socket")
local threading = require("threading")
local json = require("json")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A JSON line server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
-- bind to {args.host, args.port} and listen. For each client, in its own
-- thread: keep received data in a buffer, take out each line ending in
-- "\n", answer json.dumps({id = ..., sum = ...}) .. "\n", or
-- json.dumps({error = tostring(e)}) .. "\n" when json.loads fails; close the
-- connection when recv returns "".
