-- socket.select: results by number and by object, dirty objects, and the
-- error cases.
local socket = require("socket")
local port = arg[1]
local function three(a, b, c) return a, b, c end

local r, w, e = socket.select(nil, nil, 0.05)
print("nil nil", type(r), type(w), #r, #w, e)
local closed = socket.udp4()
closed:close()
r, w, e = socket.select({ closed }, { closed }, 0.05)
print("closed", #r, #w, e)
print("string", pcall(socket.select, { "alo" }, { "alo" }, 0.05))
print("number item", pcall(socket.select, { 1 }, nil, 0.05))
print("number table", pcall(socket.select, 3, nil, 0.05))
print("bad timeout", pcall(socket.select, nil, nil, "x"))
local many = {}
for i = 1, socket._SETSIZE + 1 do many[i] = socket.udp4() end
print("too many", pcall(socket.select, many, nil, 0.05))
for _, s in ipairs(many) do s:close() end
print("no fd", #(socket.select({ socket.tcp() }, nil, 0.05)))

local c = assert(socket.connect("127.0.0.1", port))
c:send("hold one\\ntwo\\n\n")
r, w, e = socket.select({ c }, nil, 5)
print("readable", #r, #w, e, r[1] == c, r[c])
r, w, e = socket.select(nil, { c }, 5)
print("writable", #r, #w, e, w[1] == c, w[c])
print(three(c:receive()))
print("dirty", c:dirty())
r, w, e = socket.select({ c }, nil, 0)
print("dirty ready", #r, r[c], e)
print(three(c:receive()))
print("clean", c:dirty())
r, w, e = socket.select({ c }, nil, 0.05)
print("nothing", #r, #w, e)
local server = assert(socket.bind("127.0.0.1", 0))
local _, sport = server:getsockname()
r, w, e = socket.select({ server, c }, nil, 0.05)
print("server idle", #r, e)
local d = assert(socket.connect("127.0.0.1", sport))
r, w, e = socket.select({ server, c }, nil, 5)
print("server ready", #r, r[server], e)
local a = server:accept()
print(a.class)
a:close() d:close() c:close() server:close()
local custom = { getfd = function() return -1 end }
print("custom -1", #(socket.select({ custom }, nil, 0.01)))
