-- Checker for the gbk server. The checker is the client: it sends Chinese
-- text that differs every run, encoded in gbk, first in 3-byte pieces (so
-- characters, 2 bytes each, are split between segments) with a break right
-- after a full stop and a pause, then all at once, and expects the gbk reply.
-- The texts hold characters that gbk has and gb2312 lacks.
local check = require("check")
local socket = require("socket")

local common = {"你", "好", "服", "务", "器", "这", "是", "一", "段", "中", "文", "网", "络", "编", "程", "数", "据", "测", "试"}
local gbk_only = {"镕", "堃", "喆", "昇", "玥", "琤"}

local function random_text(n)
  local t = {}
  for i = 1, n do
    t[i] = common[math.random(#common)]
    if math.random(6) == 1 then
      t[i] = t[i] .. gbk_only[math.random(#gbk_only)]
    end
  end
  return table.concat(t)
end

check.start_server()
check.step("listens on the given address only")
local first = check.connect()
check.expect_bound_to_host(1)

local texts = {}

local function exchange(text, how, send)
  local payload = text:encode("gbk")
  local want = ("已收到: " .. text):encode("gbk")
  local sock = #texts == 0 and first or check.next_client(4)
  texts[#texts + 1] = text
  send(sock, payload)
  pcall(sock.shutdown, sock, socket.SHUT_WR) -- fails if the script already reset the connection
  local got, why = check.recv_until_close(sock, 3)
  sock:close()
  if got == want then
    return
  end
  local code = check.wait(0.5)
  local decoded = check.output():find("codec can't decode", 1, true)
  local req, hint, did_en, did_zh = 4, "gbk", "", ""
  if got == "" and (code or decoded) then
    req, hint = 2, decoded and "whole-message" or "gbk"
    did_en = code and (" The script died (status %d); its output ends with:\n%s"):format(code, check.output():sub(-400)) or ""
    did_zh = "脚本出错了。"
  elseif got == ("已收到: " .. text) then
    did_en, did_zh = " It answered in utf-8 instead of gbk.", "它用 utf-8 而不是 gbk 回答。"
  elseif why ~= "closed" and why ~= "reset" and got == want then
    hint = "close"
  else
    local partial = got:sub(1, #("已收到: "):encode("gbk"))
    if partial == ("已收到: "):encode("gbk") and #got < #want then
      req, hint = 2, "whole-message"
      did_en, did_zh = " Its answer holds only part of the text: receive until recv returns \"\".", "它的回答只包含部分文本:请一直接收到 recv 返回 \"\"。"
    end
  end
  check.fail{req = req, hint = hint,
    en = ("The checker sent %s encoded in gbk (%d bytes) %s, then shut down its side; the script answered %s instead of %s.%s"):format(
      check.show(text), #payload, how, check.show(got), check.show(want), did_en),
    zh = ("检查程序把 %s 用 gbk 编码(%d 字节)%s发送,然后关闭发送方向;脚本的回答是 %s,而不是 %s。%s"):format(
      check.show(text), #payload, how == "in one write" and "一次" or "分块", check.show(got), check.show(want), did_zh)}
end

check.step("receives text split inside characters and after a full stop, with a pause")
local sentence = random_text(math.random(8, 20)) .. "。"
local text = sentence .. random_text(math.random(10, 30)) .. ",再见!"
exchange(text, "in 3-byte pieces 30 ms apart, with a break after the full stop and a pause of 1.5 s", function(sock, payload)
  local stop = #sentence:encode("gbk")
  check.send_in_pieces(sock, payload:sub(1, stop - 1), 3, 0.03)
  check.sleep(0.05)
  check.send_in_pieces(sock, payload:sub(stop, stop), 1, 0)
  check.sleep(1.5)
  check.send_in_pieces(sock, payload:sub(stop + 1), 3, 0.03)
end)

check.step("answers client after client")
for i = 1, 3 do
  exchange(random_text(math.random(3, 40)), "in one write", function(sock, payload) pcall(sock.sendall, sock, payload) end)
end

check.step("prints each client's text on a line of its own")
-- The script printed before it answered, but its output reaches the
-- checker through a pipe: give it a moment to arrive.
local lines = {}
local deadline = check.clock() + 1
repeat
  lines = {}
  for line in check.output():gmatch("([^\n]*)\n") do
    lines[#lines + 1] = line
  end
  if #lines < #texts then
    check.sleep(0.05)
  end
until #lines >= #texts or check.clock() > deadline
for i, t in ipairs(texts) do
  if lines[i] ~= t then
    check.fail{req = 3, hint = "print",
      en = ("Line %d of the output should be client %d's text %s; it is %s."):format(i, i, check.show(t), check.show(lines[i] or "(no such line)")),
      zh = ("输出的第 %d 行应该是第 %d 个客户端的文本 %s,实际是 %s。"):format(i, i, check.show(t), check.show(lines[i] or "(没有这一行)"))}
  end
end
