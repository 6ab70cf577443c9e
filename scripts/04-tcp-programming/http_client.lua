-- Tutorial 4 (003) in docs/tutorials.md, 客戶端: connect to www.sina.com.cn:80,
-- send a GET, receive until the server closes, split header and body, print
-- the header and save the body to sina.html.
-- Without internet the lookup fails with socket.gaierror, as Python's would.
-- --tls fetches over https instead (port 443 by default): the socket is
-- wrapped with ssl.create_default_context(), which checks the server's
-- certificate against the system's authorities (or --cafile) and its name.
local socket = require("socket")
local ssl = require("ssl")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "HTTP GET over a raw TCP socket"}
parser:add_argument("--host", {default = "www.sina.com.cn"})
parser:add_argument("--port", {type = "int", help = "default 80, or 443 with --tls"})
parser:add_argument("--output", {default = "sina.html"})
parser:add_argument("--tls", {action = "store_true", help = "https: TLS, verifying the certificate"})
parser:add_argument("--cafile", {help = "with --tls, trust this CA file instead of the system's"})
local args = parser:parse_args()
local port = args.port or (args.tls and 443 or 80)

-- 建立一個socket:
local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
-- 建立連線:
s:connect({args.host, port})
if args.tls then
  -- Python: ssl.create_default_context(cafile=...).wrap_socket(s, server_hostname=host)
  local ctx = ssl.create_default_context({cafile = args.cafile})
  s = ctx:wrap_socket(s, {server_hostname = args.host})
end
-- 傳送資料:
s:send(("GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"):format(args.host))
-- 接收資料:
local buffer = {}
while true do
  -- 每次最多接收1k位元組:
  local d = s:recv(1024)
  if d ~= "" then
    buffer[#buffer + 1] = d
  else
    break
  end
end
local data = table.concat(buffer)
-- 關閉連線:
s:close()
local sep = data:find("\r\n\r\n", 1, true)
local header, html = data:sub(1, sep - 1), data:sub(sep + 4)
print(header:decode("utf-8"))
-- 把接收的資料寫入檔案:
local f = assert(io.open(args.output, "wb"))
f:write(html)
f:close()
