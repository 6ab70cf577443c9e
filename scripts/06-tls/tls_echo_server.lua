-- The echo server of Tutorial 5 (004) in docs/tutorials.md, 十一
-- (05-cookbook/echo_server.lua), over TLS:
-- the same accept loop, with each connection wrapped by an SSLContext that
-- holds the server's certificate and key. One thread per client, and a
-- client that fails the handshake (a plaintext client, a client that
-- refuses the certificate) is reported and does not stop the server.
-- Python: ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER);
--         ctx.load_cert_chain(certfile, keyfile); ctx.wrap_socket(conn, server_side=True)
--
--   netlua 06-tls/tls_echo_server.lua --port 9443 --cert server.pem --key server.key
--
-- Runs until Ctrl-C.
local socket = require("socket")
local ssl = require("ssl")
local threading = require("threading")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "TLS echo server"}
parser:add_argument("--host", {default = "localhost"})
parser:add_argument("--port", {type = "int", required = true})
parser:add_argument("--cert", {required = true, help = "the server's certificate (PEM)"})
parser:add_argument("--key", {required = true, help = "its private key (PEM)"})
local args = parser:parse_args()

-- 1, the TLS settings: this server's certificate and key
local ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx:load_cert_chain(args.cert, args.key)

-- 2, a plain TCP listening socket, as in the cookbook
local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock:bind({args.host, args.port})
sock:listen(5)
print(("TLS echo server on %s:%s"):format(args.host, args.port))

local function serve(conn, address)
  local ok, e = pcall(function()
    conn:settimeout(30) -- a client that never finishes its handshake gives up the thread
    -- 3, the handshake: after it, conn is an SSLSocket that reads and writes plaintext
    local tls = ctx:wrap_socket(conn, {server_side = true})
    print(("%s:%s connected with %s, %s"):format(address[1], address[2], tls:version(), tls:cipher()[1]))
    while true do
      local data = tls:recv(2048)
      if data == "" then break end
      tls:sendall(data)
      print(("%s:%s echoed %d bytes"):format(address[1], address[2], #data))
    end
    tls:close()
  end)
  if not ok then
    -- The handshake failed or the client vanished: say why, keep serving.
    print(("%s:%s failed: %s"):format(address[1], address[2], tostring(e)))
  end
  conn:close()
end

while true do
  local conn, address = sock:accept()
  threading.Thread{target = serve, args = {conn, address}, daemon = true}:start()
end
