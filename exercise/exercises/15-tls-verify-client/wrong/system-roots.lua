-- Wrong: ignores --cafile and trusts only the system's authorities, so
-- the real server (signed by the course's own CA) is refused too
-- (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local ssl = require("ssl")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A TLS client that verifies the server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9443})
parser:add_argument("--cafile", {required = true})
local args = parser:parse_args()

local ctx = ssl.create_default_context()
for attempt = 1, 3 do
  local sock = socket.create_connection({args.host, args.port}, 5)
  local ok, s = pcall(ctx.wrap_socket, ctx, sock, {server_hostname = "localhost"})
  if ok then
    s:sendall("hello\n")
    io.write("answer: " .. s:recv(1024))
    s:close()
    break
  end
  print("refused: " .. s.verify_message)
  sock:close()
end
