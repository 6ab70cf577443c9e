-- Tutorial 2 (001) in docs/tutorials.md, Socketserver, 示例: a ThreadingTCPServer
-- whose MyHandler overrides setup (making an Event), handle (answering
-- "Your msg=..." until the client closes) and finish. Talk to it with
-- tcp_client.lua; stop it with Ctrl-C.
--
-- The tutorial calls server.shutdown() after serve_forever(), which never
-- returns by itself; its summary says what shutdown is for: stopping
-- serve_forever from elsewhere. So serve_forever runs in a thread here, and
-- Ctrl-C in the main thread leads to shutdown() and server_close().
local socketserver = require("socketserver")
local threading = require("threading")
local time = require("time")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "socketserver.ThreadingTCPServer with MyHandler"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

-- 处理用户请求
local MyHandler = socketserver.BaseRequestHandler:subclass("MyHandler")

function MyHandler:setup()
  socketserver.super(MyHandler, self):setup()
  self.event = threading.Event()
end

function MyHandler:handle()
  socketserver.super(MyHandler, self):handle()
  -- Python's print(a, b, c) separates with spaces, Lua's with tabs.
  print(("%s %s %s"):format(tostring(self.server), tostring(self.client_address), tostring(self.request)))
  -- 循环,没有循环,连接处理直接断掉了
  while not self.event:is_set() do
    local data = self.request:recv(1024):decode()
    local msg = ("Your msg=%s"):format(data)
    print(msg)
    self.request:send(msg:encode())
    if data == "" then
      break
    end
  end
end

function MyHandler:finish()
  socketserver.super(MyHandler, self):finish()
end

--启动服务 服务器绑定地址
local ADDR = {args.host, args.port}
local server = socketserver.ThreadingTCPServer(ADDR, MyHandler)
threading.Thread{target = function() server:serve_forever() end}:start()

local ok, err = pcall(function()
  while true do
    time.sleep(3600)
  end
end)
if not ok and not isinstance(err, KeyboardInterrupt) then
  error(err, 0)
end
server:shutdown()
server:server_close()
print("server closed")
