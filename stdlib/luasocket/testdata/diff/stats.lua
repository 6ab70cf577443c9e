-- getstats and setstats, send ranges, non-blocking transfers, and total
-- and blocking timeouts on receive and send.
local socket = require("socket")
local port = arg[1]
local function three(a, b, c) return a, b, c end

local c = assert(socket.connect("127.0.0.1", port))
print(three(c:send("echo\n")))
local received, sent, age = c:getstats()
print(received, sent, type(age))
print(three(c:send("0123456789", 3)))
print(three(c:send("0123456789", 3, 5)))
print(three(c:send("0123456789", -3)))
print(three(c:send("0123456789", 5, 2)))
print(three(c:send("0123456789", -100, 100)))
print(three(c:send("")))
print(three(c:receive(8 + 3 + 3 + 10)))
received, sent = c:getstats()
print(received, sent)
print(c:setstats(100, 200, 5))
received, sent, age = c:getstats()
print(received, sent, age >= 5 and age < 60)
print(c:setstats())
print(c:getstats() == 100)
c:close()

-- non-blocking: nothing yet is a timeout with an empty partial result
c = assert(socket.connect("127.0.0.1", port))
c:send("hold partial\n")
c:settimeout(0)
local data, err, partial
repeat
  data, err, partial = c:receive(100)
until partial ~= ""
print("nonblocking", data, err, partial)
print("nonblocking more", three(c:receive(5, partial)))
print("nonblocking line", three(c:receive("*l")))
c:close()

-- blocking timeout on receive: partial data comes back
for _, mode in ipairs({ "b", "t" }) do
  c = assert(socket.connect("127.0.0.1", port))
  c:send("hold some\n")
  c:settimeout(0.2, mode)
  local t0 = socket.gettime()
  data, err, partial = c:receive(100)
  local waited = socket.gettime() - t0
  print("timeout", mode, data, err, partial, waited > 0.1, waited < 3)
  data, err, partial = c:receive("*l")
  print("timeout line", mode, data, err, partial)
  c:close()
end

-- send timeouts: a peer that never reads
for _, mode in ipairs({ "b", "t" }) do
  c = assert(socket.connect("127.0.0.1", port))
  c:send("drain\n")
  c:settimeout(0.3, mode)
  local big = string.rep("x", 64 * 1024 * 1024)
  local last
  data, err, last = c:send(big)
  print("send timeout", mode, data, err, last > 0 and last < #big)
  local _, s = c:getstats()
  print("sent counted", s == last + 6)
  c:close()
end

-- a non-blocking send fills the buffers, then says timeout
c = assert(socket.connect("127.0.0.1", port))
c:send("drain\n")
c:settimeout(0)
local total = 0
for _ = 1, 10000 do
  local n, e, last = c:send(string.rep("y", 65536))
  if not n then
    total = total + last
    print("nonblocking send", e, last >= 0)
    break
  end
  total = total + n
end
print("some sent", total > 0)
c:close()
