local socket = require("socket")
local pickle = require("pickle")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Receive a length-prefixed pickle"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local HEADER = 10
local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
-- connect, receive exactly HEADER bytes, tonumber() the length,
-- receive exactly that many bytes, pickle.loads, print(msg.text)
