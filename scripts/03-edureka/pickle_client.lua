-- Tutorial 3 (002) in docs/tutorials.md, 如何使用 pickle 模块传递 python 对象结构？
-- 客户端: receive in 10-byte pieces; the first piece holds the length header;
-- when the whole pickle is in, unpickle and print it. The tutorial's loop
-- is mis-indented as printed and never ends; this follows its evident intent
-- and stops when the server closes the connection. Start pickle_server.lua first.
local socket = require("socket")
local pickle = require("pickle")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Receives a pickled object behind a 10-byte length header"}
parser:add_argument("--host", {default = socket.gethostname()})
parser:add_argument("--port", {type = "int", default = 2133})
local args = parser:parse_args()

local a = 10
local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s:connect({args.host, args.port})
local complete_info = ""
local rec_msg = true
local x
while true do
  local mymsg = s:recv(10)
  if mymsg == "" then
    break -- the server closed the connection
  end
  if rec_msg then
    print(("The length of message = %s"):format(bytes_repr(mymsg:sub(1, a))))
    x = tonumber(mymsg:sub(1, a))
    rec_msg = false
  end
  complete_info = complete_info .. mymsg
  if #complete_info - a == x then
    print("Recieved the complete info")
    print(bytes_repr(complete_info:sub(a + 1)))
    local m = pickle.loads(complete_info:sub(a + 1))
    print(repr(m))
    rec_msg = true
    complete_info = ""
  end
end
print(bytes_repr(complete_info))
