-- copas (Debian's lua-copas), unchanged: a line echo server and a client
-- in coroutines of one copas loop. The client's error at the end is on
-- purpose: it ends in copas's error handler, which prints the culprit.
local socket = require("socket")
local copas = require("copas")

local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
copas.addserver(server, function(c)
  c = copas.wrap(c)
  while true do
    local line = c:receive("*l")
    if not line then break end
    c:send(line:upper() .. "\n")
  end
end)

local done = false
copas.addthread(function()
  local raw = socket.tcp()
  print("connect", copas.connect(raw, "127.0.0.1", port))
  local c = copas.wrap(raw)
  for i = 1, 3 do
    c:send("hello " .. i .. "\n")
    print(c:receive("*l"))
  end
  raw:close()
  done = true
  c:close() -- copas 1.1's wrapper has no close: copas reports the error
end)

while not done do
  copas.step(0.1)
end
print("done")
