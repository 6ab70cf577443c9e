-- Checker for the UDP server. The checker is three clients on their own
-- ports; they take turns sending, so each answer must go to its own sender.
local check = require("check")
local socket = require("socket")

check.start_server()

local function client()
  local s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
  s:bind({check.host, 0})
  return s
end

-- ask sends data and waits up to timeout for one answer; nil if none came.
local function ask(s, data, timeout)
  s:sendto(data, {check.host, check.port})
  s:settimeout(timeout)
  local ok, reply = pcall(s.recvfrom, s, 1024)
  if ok then
    return reply
  end
  return nil
end

-- The script needs a moment to bind: the first datagram is repeated until
-- it is answered (UDP itself would just lose the early ones).
local first = client()
local reply
local deadline = check.clock() + 5
while not reply do
  reply = ask(first, "ping", 0.2)
  if not reply then
    local code = check.wait(0)
    if code then
      check.fail(("the checker sent \"ping\" to %s:%d, but the script exited (status %d) without answering:\n%s"):format(check.host, check.port, code, check.output():sub(-600)), "listen")
    end
    if check.clock() > deadline then
      check.fail(("the checker sent \"ping\" to %s:%d for 5 s and got no answer: does the script bind to the --host and --port it is given?"):format(check.host, check.port), "listen")
    end
  end
end
if reply ~= "Your msg: ping" then
  check.fail(("the checker sent \"ping\" and the answer was %s, not 'Your msg: ping'"):format(check.show(reply)), "loop")
end

local clients = {first, client(), client()}
for round = 1, 3 do
  for i, s in ipairs(clients) do
    local data = ("client %d, datagram %d"):format(i, round)
    reply = ask(s, data, 2)
    if not reply then
      local state = check.wait(0) and "had exited" or "still ran"
      check.fail(("the script answered \"ping\"; then client %d sent %s and got no answer within 2 s (the script %s). A server answers every datagram, in a loop."):format(i, check.show(data), state), "loop")
    end
    if reply ~= "Your msg: " .. data then
      check.fail(("client %d sent %s and got %s back: each sender must get the answer to its own datagram"):format(i, check.show(data), check.show(reply)), "sender")
    end
  end
end
