-- Byte, line and "*a" receives of 1 B to 8 MB from a peer that sends a
-- known pattern (see diff_test.go), compared with what was expected.
local socket = require("socket")
local port = arg[1]

local alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
local function pattern(n)
  local s = string.rep(alphabet, math.floor(n / #alphabet) + 1)
  return s:sub(1, n)
end
local function three(a, b, c) return a, b, c end

local function ask(command)
  local c = assert(socket.connect("127.0.0.1", port))
  assert(c:send(command .. "\n"))
  return c
end

for _, n in ipairs({ 1, 2, 10, 100, 1000, 8191, 8192, 8193, 65536, 100000, 1048576, 8388608 }) do
  local c = ask("bytes " .. n)
  local data, err = c:receive(n)
  print("bytes", n, data and #data, err, data == pattern(n))
  print("  then", three(c:receive(1)))
  local received, sent = c:getstats()
  print("  stats", received, sent)
  c:close()

  c = ask("bytes " .. n)
  data, err = c:receive("*a")
  print("all", n, data and #data, err, data == pattern(n))
  c:close()
end

for _, n in ipairs({ 1, 2, 10, 1000, 20000, 200000 }) do
  local c = ask("lines " .. n)
  local count, ok = 0, true
  while true do
    local line, err, partial = c:receive("*l")
    if not line then
      print("lines", n, count, ok, err, partial)
      break
    end
    count = count + 1
    if line ~= "line " .. count .. " " .. pattern(count % 7) then ok = false end
  end
  c:close()
end

-- Mixed patterns on one connection, with prefixes.
local c = ask("raw alpha\r\nbeta\n\ngamma\r\rdelta\nepsilon-zeta\nlast")
print(three(c:receive()))
print(three(c:receive(3)))
print(three(c:receive("*l", "pre-")))
print(three(c:receive()))
print(three(c:receive("*l")))
print(three(c:receive(5, "xy")))
print(three(c:receive(2, "long prefix")))
print(three(c:receive(0)))
print(three(c:receive("*l")))
print(c:dirty())
print(three(c:receive("*a", "[")))
print(three(c:receive("*a")))
print(three(c:receive()))
print(three(c:receive(1)))
c:close()

-- The peer closes in the middle of what was asked: partial results.
for _, pat in ipairs({ "*l", 10, "*a" }) do
  c = ask("raw abc")
  print("partial", pat, three(c:receive(pat)))
  print("again", pat, three(c:receive(pat)))
  c:close()
end
c = ask("raw ")
print("empty *a", three(c:receive("*a")))
c:close()

-- Bad patterns raise.
c = ask("raw x")
print(pcall(c.receive, c, "*x"))
print(pcall(c.receive, c, -1))
print(pcall(c.receive, c, {}))
c:close()
