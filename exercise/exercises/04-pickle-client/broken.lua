-- Broken on purpose: one recv for the header and one for the body, as if
-- each came in one piece.
-- expect: one recv is not one message
local socket = require("socket")
local pickle = require("pickle")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Receive a length-prefixed pickle"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock:connect({args.host, args.port})
local length = tonumber(sock:recv(10):match("%d+"))
local msg = pickle.loads(sock:recv(length))
print(msg.text)
sock:close()
