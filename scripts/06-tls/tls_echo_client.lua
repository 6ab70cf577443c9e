-- The echo client of Tutorial 5 (004) in docs/tutorials.md, 十一
-- (05-cookbook/echo_client.lua), over TLS: connect, wrap the socket with
-- ssl.create_default_context() so that the server's certificate and name
-- are checked, send, read the echo.
-- Python: ctx = ssl.create_default_context(cafile=cafile)
--         s = ctx.wrap_socket(sock, server_hostname=host)
--
--   netlua 06-tls/tls_echo_client.lua --port 9443 --cafile ca.pem
--
-- Without --cafile the system's certificate authorities are trusted; a
-- server they did not sign is refused with SSLCertVerificationError.
local socket = require("socket")
local ssl = require("ssl")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "TLS echo client"}
parser:add_argument("--host", {default = "localhost"})
parser:add_argument("--port", {type = "int", required = true})
parser:add_argument("--cafile", {help = "trust this CA file instead of the system's"})
parser:add_argument("--cert", {help = "a client certificate (PEM), for servers that ask for one"})
parser:add_argument("--key", {help = "the client certificate's key"})
parser:add_argument("--message", {default = "测试数据,该信息会被回显!"})
local args = parser:parse_args()

local ctx = ssl.create_default_context({cafile = args.cafile})
if args.cert then
  ctx:load_cert_chain(args.cert, args.key)
end

print(("正在连接到 %s:%s"):format(args.host, args.port))
local sock = socket.create_connection({args.host, args.port}, 10)
local ok, e = pcall(function()
  -- The handshake: the server proves it holds a certificate for args.host.
  local tls = ctx:wrap_socket(sock, {server_hostname = args.host})
  print(("%s, %s; server: %s"):format(tls:version(), tls:cipher()[1], tls:getpeercert().subject[#tls:getpeercert().subject][1][2]))
  print(("正在发送 %s"):format(args.message))
  tls:sendall(args.message)
  local received = {}
  local amount = 0
  while amount < #args.message do
    local data = tls:recv(2048)
    if data == "" then break end
    received[#received + 1] = data
    amount = amount + #data
  end
  print(("接收到的服务器端数据为: %s"):format(table.concat(received)))
  tls:close()
end)
if not ok then
  if isinstance(e, ssl.SSLCertVerificationError) then
    print(("证书验证失败 (certificate refused): %s"):format(e.verify_message))
  else
    print(("错误: %s"):format(tostring(e)))
  end
  sock:close()
  os.exit(1)
end
