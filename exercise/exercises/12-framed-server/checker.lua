-- Checker for the length-prefixed server. The checker is the client: random
-- messages, several in one write, one in 3-byte pieces with a pause (the
-- header split too), an empty one, one of 64 KiB or more; then another
-- client after the first shut down its side.
local check = require("check")
local socket = require("socket")
local struct = require("struct")

local function frame(body)
  return struct.pack("!I", #body) .. body
end

-- answers splits what came back into framed messages, for the message.
local function answers(data)
  local list = {}
  local i = 1
  while i + 3 <= #data do
    local n = struct.unpack("!I", data:sub(i, i + 3))[1]
    list[#list + 1] = data:sub(i + 4, i + 3 + n)
    i = i + 4 + n
  end
  return list
end

check.start_server()
check.step("listens on the given address only")
local sock = check.connect()
check.expect_bound_to_host(1)

local function exchange(bodies, how, send)
  local want = {}
  for i, b in ipairs(bodies) do
    want[i] = frame(b:upper())
  end
  want = table.concat(want)
  send()
  local got, why = check.expect_recv(sock, #want, 5)
  if got == want then
    return
  end
  local list = answers(got)
  local upper_unframed = got == table.concat(bodies):upper()
  local req, hint = upper_unframed and 3 or 2, upper_unframed and "answer" or "recv-exactly"
  check.fail{req = req, hint = hint,
    en = ("The checker sent %s (%d message%s of %s bytes); the script answered %d bytes (%s) and then %s.%s"):format(
      how, #bodies, #bodies == 1 and "" or "s", table.concat((function()
        local sizes = {}
        for i, b in ipairs(bodies) do sizes[i] = #b end
        return sizes
      end)(), ", "), #got, #list == 1 and "1 framed message" or (#list .. " framed messages"),
      why == "closed" and "closed the connection" or "sent nothing more",
      upper_unframed and " The answer has no 4-byte length in front: answer in the same format." or ""),
    zh = ("检查程序发送了 %d 条消息(%s);脚本回答了 %d 字节。%s"):format(#bodies, how, #got,
      upper_unframed and "回答前面没有 4 字节的长度:请用同样的格式回答。" or "一次 recv 不等于一条消息:请按长度准确读取。")}
end

check.step("answers several messages that came in one write")
local bodies = {check.random_text(math.random(1, 30)), check.random_text(math.random(30, 200)), check.random_word(math.random(1, 5))}
exchange(bodies, "in one write", function()
  sock:sendall(frame(bodies[1]) .. frame(bodies[2]) .. frame(bodies[3]))
end)

check.step("answers a message that came in pieces, with a pause")
local body = check.random_text(math.random(20, 60))
exchange({body}, "in 3-byte pieces, with a pause of 1.5 s after the header's first bytes", function()
  local data = frame(body)
  check.send_in_pieces(sock, data:sub(1, 3), 3, 0)
  check.sleep(1.5)
  check.send_in_pieces(sock, data:sub(4), 3, 0.02)
end)

check.step("answers an empty message and a message of 64 KiB or more")
local big = check.random_word(65536 + math.random(0, 40000))
exchange({"", big, ""}, "in one write: an empty message, a large one and an empty one", function()
  local writer = sock:dup()
  writer:settimeout(10)
  require("threading").Thread{target = function()
    pcall(writer.sendall, writer, frame("") .. frame(big) .. frame(""))
    writer:close()
  end}:start()
end)

check.step("closes when the client shuts down its side")
sock:shutdown(socket.SHUT_WR)
check.expect_close(sock, 3, {req = 4, hint = "close",
  en = "The checker shut down its sending side between messages, so recv returned \"\" where a header should start.",
  zh = "检查程序在两条消息之间关闭了发送方向,所以在应该读头部的地方 recv 返回了 \"\"。"})
sock:close()

check.step("serves the next client")
for i = 1, 3 do
  sock = check.next_client(4, i == 3 and 1.5 or nil)
  local word = check.random_word(math.random(1, 40))
  exchange({word}, ("one message, from client %d"):format(i + 1), function() sock:sendall(frame(word)) end)
  sock:shutdown(socket.SHUT_WR)
  check.expect_close(sock, 3, {req = 4, hint = "close",
    en = ("Client %d shut down its sending side between messages."):format(i + 1),
    zh = ("第 %d 个客户端在两条消息之间关闭了发送方向。"):format(i + 1)})
  sock:close()
end
