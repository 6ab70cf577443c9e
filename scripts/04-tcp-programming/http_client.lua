-- Tutorial 4 (003) in docs/tutorials.md, 客戶端: connect to www.sina.com.cn:80,
-- send a GET, receive until the server closes, split header and body, print
-- the header and save the body to sina.html.
-- Without internet the lookup fails with socket.gaierror, as Python's would.
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "HTTP GET over a raw TCP socket"}
parser:add_argument("--host", {default = "www.sina.com.cn"})
parser:add_argument("--port", {type = "int", default = 80})
parser:add_argument("--output", {default = "sina.html"})
local args = parser:parse_args()

-- 建立一個socket:
local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
-- 建立連線:
s:connect({args.host, args.port})
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
