-- Tutorial 3 (002) in docs/tutorials.md, 什么是服务器？ 举例: a server that sends
-- "Socket Programming in Python" to every client that connects. Runs until
-- Ctrl-C. Clients: client.lua, client_pieces.lua.
--
-- The tutorial binds (socket.gethostname(), 1234) and later adds clt.close()
-- (多重沟通) so that clients reading until the end see it; both are here.
-- Its client connects to 2346, a different port: the ports agree here.
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Sends a greeting to every client"}
parser:add_argument("--host", {default = socket.gethostname()})
parser:add_argument("--port", {type = "int", default = 1234})
local args = parser:parse_args()

local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s:bind({args.host, args.port})
--port number can be anything between 0-65535(we usually specify non-previleged ports which are > 1023)
s:listen(5)
while true do
  local clt, adr = s:accept()
  print(("Connection to %sestablished"):format(tostring(adr)))
  --to send info to clientsocket
  clt:send(("Socket Programming in Python"):encode("utf-8"))
  clt:close()
end
