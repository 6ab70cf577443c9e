-- Tutorial 3 (002) in docs/tutorials.md, 如何使用 pickle 模块传递 python 对象结构？
-- 服务器端: pickle a dict and send it behind a 10-byte length header.
-- The printed line `mymsg = {len(mymsg):{a}}"utf-8") + mymsg` is garbled in
-- the tutorial; its evident intent, as in the original article, is
-- bytes(f"{len(mymsg):<{a}}", "utf-8") + mymsg: the length, left-aligned in
-- a field of a=10 characters. Runs until Ctrl-C. Client: pickle_client.lua.
local socket = require("socket")
local pickle = require("pickle")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Sends a pickled dict with a 10-byte length header"}
parser:add_argument("--host", {default = socket.gethostname()})
parser:add_argument("--port", {type = "int", default = 2133})
local args = parser:parse_args()

local a = 10
local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s:bind({args.host, args.port}) --binding tuple
s:listen(5)
while true do
  local clt, adr = s:accept()
  print(("Connection to %sestablished"):format(tostring(adr)))
  -- {1: "Client", 2: "Server"} is a dict in Python; a Lua table with keys
  -- 1..n would pickle as a list, so pickle.dict says which it is.
  local m = pickle.dict{[1] = "Client", [2] = "Server"}
  local mymsg = pickle.dumps(m) --the msg we want to print later
  mymsg = ("%-" .. a .. "s"):format(#mymsg):encode("utf-8") .. mymsg
  clt:send(mymsg)
  clt:close()
end
