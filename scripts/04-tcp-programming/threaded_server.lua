-- Tutorial 4 (003) in docs/tutorials.md, 伺服器: one thread per connection; each
-- thread greets with Welcome!, answers Hello, NAME! to every message and
-- closes on exit. Runs until Ctrl-C. Client: threaded_client.lua.
local socket = require("socket")
local threading = require("threading")
local time = require("time")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Thread-per-connection greeting server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
parser:add_argument("--delay", {type = "float", default = 1, help = "seconds to sleep after each recv, as the tutorial does"})
local args = parser:parse_args()

local function tcplink(sock, addr)
  print(("Accept new connection from %s:%s..."):format(addr[1], addr[2]))
  sock:send("Welcome!")
  while true do
    local data = sock:recv(1024)
    time.sleep(args.delay)
    if data == "" or data:decode("utf-8") == "exit" then
      break
    end
    sock:send(("Hello, %s!"):format(data:decode("utf-8")):encode("utf-8"))
  end
  sock:close()
  print(("Connection from %s:%s closed."):format(addr[1], addr[2]))
end

local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
-- 監聽埠:
s:bind({args.host, args.port})
s:listen(5)
print("Waiting for connection...")
while true do
  -- 接受乙個新連線:
  local sock, addr = s:accept()
  -- 建立新執行緒來處理tcp連線:
  local t = threading.Thread{target = tcplink, args = {sock, addr}}
  t:start()
end
