-- tls_echo_server.lua: echo_server.lua over TLS, for the benchmark's TLS
-- rows: one thread per connection, the handshake in that thread, then
-- recv(4096) and sendall on the SSLSocket, TCP_NODELAY on.
-- bench/cmd/netbench -tls starts it as
--
--   netlua bench/tls_echo_server.lua PORT BACKLOG CERTFILE KEYFILE
--
-- and waits for the "listening on" line before driving it.
local socket = require("socket")
local ssl = require("ssl")
local threading = require("threading")

local port = tonumber(arg[1]) or 0
local backlog = tonumber(arg[2]) or 128
local ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx:load_cert_chain(arg[3], arg[4])

local function handle(conn)
  local tls = ctx:wrap_socket(conn, {server_side = true})
  while true do
    local data = tls:recv(4096)
    if data == "" then break end
    tls:sendall(data)
  end
  tls:close()
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
