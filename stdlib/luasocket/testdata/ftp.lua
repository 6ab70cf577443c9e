-- socket.ftp against the Go test server on port arg[1].
local ftp = require("socket.ftp")
local ltn12 = require("ltn12")
local base = "ftp://127.0.0.1:" .. arg[1]

print("get", ftp.get(base .. "/hello.txt"))
local big = ftp.get("ftp://anonymous:secret@127.0.0.1:" .. arg[1] .. "/dir/big.bin;type=i")
print("big", #big, big == string.rep("0123456789", 30000))
print("spaced", ftp.get(base .. "/with%20space.md"))
print("put", ftp.put(base .. "/up.txt", "uploaded!!!"))
print("again", ftp.get(base .. "/up.txt"))
local t = {}
print("table get", ftp.get{ host = "127.0.0.1", port = arg[1], path = "hello.txt", sink = ltn12.sink.table(t), type = "a" })
print(table.concat(t))
print("table put", ftp.put{ host = "127.0.0.1", port = arg[1], path = "/src.txt",
  source = ltn12.source.string(string.rep("s", 5000)) })
print("missing", ftp.get(base .. "/nope.txt"))
print("command", ftp.command{ host = "127.0.0.1", port = arg[1], command = { "cwd", "dele" },
  argument = { "dir", "x" }, check = { 250, 250 } })
print("bad type", ftp.get(base .. "/x;type=z"))
print("no host", ftp.get("ftp:///x"))
print("wrong scheme", ftp.get("http://h/x"))
