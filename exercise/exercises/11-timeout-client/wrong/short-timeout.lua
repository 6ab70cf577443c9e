-- Wrong: a half-second timeout: an answer that comes after a second is
-- missed (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A client with a timeout"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock:connect({args.host, args.port})
sock:settimeout(0.5)
sock:sendall("ping\n")
local ok, answer = pcall(sock.recv, sock, 1024)
if ok then
  print("answer: " .. answer)
elseif isinstance(answer, socket.timeout) then
  print("timed out: no answer from the server within 2 s")
else
  error(answer, 0) -- another error (a reset...): let it show
end
sock:close()
