-- Tutorial 4 (003) in docs/tutorials.md, 客戶端 for the threaded server: print the
-- welcome, send michael, tracy, sarah and print each answer, then exit.
-- Start threaded_server.lua first.
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Client of the thread-per-connection server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
-- 建立連線:
s:connect({args.host, args.port})
-- 接收歡迎訊息:
print(s:recv(1024):decode("utf-8"))
for _, data in ipairs({"michael", "tracy", "sarah"}) do
  -- 傳送資料:
  s:send(data)
  print(s:recv(1024):decode("utf-8"))
end
s:send("exit")
s:close()
