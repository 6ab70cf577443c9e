-- echo_server.lua: the benchmark's netlua echo server, written the way the
-- tutorials write their Python servers: one thread per connection, recv(4096)
-- and sendall, TCP_NODELAY on. bench/cmd/netbench starts it as
--
--   netlua bench/echo_server.lua PORT [BACKLOG]
--
-- and waits for the "listening on" line before driving it.
local socket = require("socket")
local threading = require("threading")

local port = tonumber(arg[1]) or 0
local backlog = tonumber(arg[2]) or 128

-- Like the tutorials' servers (and echo_server.py), no error handling: a
-- connection reset ends its thread with Python's "Exception in thread"
-- report. Wrapping this in pcall would cost each connection 4 KiB more,
-- because pcall runs the function in a nested VM loop on the thread's Go
-- stack, which then grows from 4 to 8 KiB.
local function handle(conn)
  while true do
    local data = conn:recv(4096)
    if data == "" then break end
    conn:sendall(data)
  end
  conn:close()
end

local srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv:bind({"127.0.0.1", port})
srv:listen(backlog)
print(("echo server listening on 127.0.0.1:%d"):format(srv:getsockname()[2]))

while true do
  local conn = srv:accept()
  conn:setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
  threading.Thread{target = handle, args = {conn}, daemon = true}:start()
end
