-- Wrong: retries, but prints the whole error instead of "refused: " and
-- its verify_message (requirement 3).
-- expect: requirement 3 / 要求 3
local socket = require("socket")
local ssl = require("ssl")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A TLS client that verifies the server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9443})
parser:add_argument("--cafile", {required = true})
local args = parser:parse_args()

local ctx = ssl.create_default_context({cafile = args.cafile})
for attempt = 1, 3 do
  local sock = socket.create_connection({args.host, args.port}, 5)
  local ok, s = pcall(ctx.wrap_socket, ctx, sock, {server_hostname = "localhost"})
  if ok then
    s:sendall("hello\n")
    local answer = ""
    while not answer:find("\n", 1, true) do
      local data = s:recv(1024)
      if data == "" then break end
      answer = answer .. data
    end
    io.write("answer: " .. answer)
    s:close()
    break
  end
  print(tostring(s))
  sock:close()
end
