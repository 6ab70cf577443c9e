-- Wrong: encodes the answer in gbk; the client expects the message's own
-- bytes after the utf-8 text "已接收到数据 " (requirement 2).
-- expect: requirement 2 / 要求 2
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Reply and close"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(5)
while true do
  local conn = server:accept()
  local data = conn:recv(1024)
  conn:sendall(("已接收到数据 "):encode("gbk") .. data)
  conn:close() -- the close tells the client the answer is complete
end
