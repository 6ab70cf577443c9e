-- socket.http against the Go test server whose URL is arg[1].
local http = require("socket.http")
local ltn12 = require("ltn12")
local base = arg[1]

local body, code, headers, status = http.request(base .. "/plain")
print("plain", code, body, status)
print("content-type", headers["content-type"])
print("x-test", headers["x-test"])

body, code, headers = http.request(base .. "/chunked")
local count = select(2, body:gsub("chunk %d", ""))
print("chunked", code, count, #body, body:sub(1, 9), headers["transfer-encoding"])

body, code, headers = http.request(base .. "/redirect")
print("redirect", code, body, headers.location)
body, code, headers = http.request(base .. "/redirect2")
print("redirect2", code, body)
local t = {}
local ok, rcode, rheaders = http.request{ url = base .. "/redirect", sink = ltn12.sink.table(t), redirect = false }
print("no redirect", ok, rcode, rheaders.location, #table.concat(t) > 0)
ok, rcode = http.request{ url = base .. "/loop", sink = ltn12.sink.null() }
print("loop", ok and nil, rcode)

t = {}
ok, rcode = http.request{ url = base .. "/big", sink = ltn12.sink.table(t) }
local big = table.concat(t)
print("big", rcode, #big, big:sub(1, 5) == "0000 " and big:sub(-1006, -1002) == "0999 ")

body, code = http.request(base .. "/echo?x=1", "a=1&b=2")
print(body)
t = {}
local payload = string.rep("p", 30000)
ok, rcode = http.request{
  url = base .. "/echo", method = "PUT", sink = ltn12.sink.table(t),
  source = ltn12.source.string(payload), headers = { ["x-custom"] = "yes" },
}
print("put", ok, rcode)
print((table.concat(t):gsub("body=.*", "body=...")))
ok, rcode, rheaders = http.request{ url = base .. "/plain", method = "HEAD", sink = ltn12.sink.table(t) }
print("head", ok, rcode, rheaders["content-length"])
body, code = http.request(base .. "/nocontent")
print("nocontent", body, code)
body, code = http.request(base .. "/missing")
print("missing", code, body)
body, code = http.request(base:gsub("^http://", "http://user:secret@") .. "/echo")
print((body:gsub("\n[^\n]*body=.*", "")))

-- a port with nothing listening
local socket = require("socket")
local probe = socket.bind("127.0.0.1", 0)
local _, free = probe:getsockname()
probe:close()
print("refused", http.request("http://127.0.0.1:" .. free .. "/"))
print("no host", http.request("http:///path"))
