-- Checker for the UDP server. The checker is eight clients on their own
-- ports; they take turns sending datagrams that differ every run (random
-- bytes, up to 1000 of them, and an empty one), so each answer must go to
-- its own sender and carry the datagram exactly.
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
  local ok, reply = pcall(s.recvfrom, s, 2048)
  if ok then
    return reply
  end
  return nil
end

check.step("answers on the given address")
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
      check.fail{req = 1, hint = "listen",
        en = ("The checker sent \"ping\" to %s:%d for 5 s and got no answer: does the script bind to the --host and --port it is given?"):format(check.host, check.port),
        zh = ("检查程序向 %s:%d 发送 \"ping\" 5 秒,没有得到回应:脚本是否绑定了给定的 --host 和 --port?"):format(check.host, check.port)}
    end
  end
end
-- Pings sent while the script was starting may be answered late: drop
-- those answers, so that each later reply belongs to its own datagram.
first:settimeout(0.3)
while pcall(first.recvfrom, first, 2048) do
end
check.expect_bound_to_host(1, "udp")

check.step("answers every datagram of every client, to its sender")
local clients = {first}
for i = 2, 8 do
  clients[i] = client()
end
local function exchange(i, data, round)
  reply = ask(clients[i], data, 2)
  if not reply then
    -- Did the answer go to another client?
    for j, other in ipairs(clients) do
      other:settimeout(0)
      local ok, stray = pcall(other.recvfrom, other, 2048)
      if ok and stray == "Your msg: " .. data then
        check.fail{req = 4, hint = "sender",
          en = ("Client %d sent %s and got no answer: the answer went to client %d instead. Answer with sendto(reply, addr), addr being what recvfrom returned with that datagram."):format(i, check.show(data), j),
          zh = ("第 %d 个客户端发送了 %s 却没有收到回应:回应被发给了第 %d 个客户端。请用 sendto(reply, addr) 回应,addr 是 recvfrom 随该数据报返回的地址。"):format(i, check.show(data), j)}
      end
    end
    -- Windows refuses a datagram larger than recvfrom's buffer
    -- ([WinError 10040]) where Unix cuts it short.
    if check.wait(0.2) and check.output():find("10040", 1, true) then
      check.fail{req = 3, hint = "size",
        en = ("Client %d sent %d bytes and the script died: the datagram was larger than the buffer it gave recvfrom (Windows refuses it). Ask for more than the largest datagram: recvfrom(2048)."):format(i, #data),
        zh = ("第 %d 个客户端发送了 %d 字节,脚本就出错退出了:数据报比 recvfrom 的缓冲区大(Windows 会拒绝)。请用足够大的大小:recvfrom(2048)。"):format(i, #data)}
    end
    local state = check.wait(0) and "had exited" or "still ran"
    check.fail{req = 2, hint = "loop",
      en = ("Client %d sent %s (datagram %d) and got no answer within 2 s; the script %s. A server answers every datagram, in a loop."):format(i, check.show(data), round, state),
      zh = ("第 %d 个客户端发送了 %s(第 %d 个数据报),2 秒内没有得到回应。服务器应该在循环中回应每个数据报。"):format(i, check.show(data), round)}
  end
  if reply ~= "Your msg: " .. data then
    local other = reply:sub(1, 10) == "Your msg: " and #reply == 10 + #data
    if reply:sub(1, 10) == "Your msg: " and data:find(reply:sub(11), 1, true) == 1 then
      check.fail{req = 3, hint = "size",
        en = ("Client %d sent %d bytes and got back only the first %d of them: the datagram must come back whole (recvfrom with a large enough size)."):format(i, #data, #reply - 10),
        zh = ("第 %d 个客户端发送了 %d 字节,只收回了前 %d 字节:数据报必须完整地发回(recvfrom 的大小要足够)。"):format(i, #data, #reply - 10)}
    end
    check.fail{req = other and 4 or 3, hint = other and "sender" or "answer",
      en = ("Client %d sent %s and got %s back, not 'Your msg: ' and its own datagram."):format(i, check.show(data), check.show(reply)),
      zh = ("第 %d 个客户端发送了 %s,收回的是 %s,而不是 'Your msg: ' 加上它自己的数据报。"):format(i, check.show(data), check.show(reply))}
  end
end
for round = 1, 5 do
  for i = 1, #clients do
    exchange(i, check.random_bytes(math.random(1, round == 5 and 1000 or 40)), round)
  end
end

check.step("answers an empty datagram, spaces and line breaks kept, and after a pause")
exchange(3, "", 6)
exchange(5, "  \t" .. check.random_word(6) .. " \r\n", 6)
check.sleep(1.5)
exchange(8, "after a pause " .. check.random_word(8), 7)
for _, s in ipairs(clients) do
  s:close()
end
