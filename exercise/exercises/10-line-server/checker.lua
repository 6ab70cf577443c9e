-- Checker for the line server. The checker is the client: lines that differ
-- every run, with spaces and tabs to keep; several lines in one write, a
-- line in pieces with pauses, a 5000-byte line, an empty line; then another
-- client, whose lines are numbered from 1 again.
local check = require("check")
local socket = require("socket")

check.start_server()
check.step("listens on the given address only")
local sock = check.connect()
check.expect_bound_to_host(1)

local n = 0
-- expect sends data (a function does the sending) holding lines, and
-- checks the numbered answers.
local function expect(lines, how, send, req_hint)
  local want = {}
  for _, line in ipairs(lines) do
    n = n + 1
    want[#want + 1] = ("%d: %s\n"):format(n, line:upper())
  end
  want = table.concat(want)
  send()
  local got, why = check.expect_recv(sock, #want, 3)
  if got == want then
    return
  end
  local req, hint = 2, "readline"
  local trimmed = got:gsub("[ \t]", "") == want:gsub("[ \t]", "")
  if trimmed then
    hint = "whitespace"
  elseif req_hint then
    req, hint = req_hint[1], req_hint[2]
  end
  check.fail{req = req, hint = hint,
    en = ("The checker sent %s; the script answered %s instead of %s (then %s).%s"):format(how, check.show(got), check.show(want),
      why == "closed" and "closed the connection" or "sent nothing more",
      trimmed and " The spaces or tabs of the line were changed: keep them." or ""),
    zh = ("检查程序发送了%s;脚本的回答是 %s,而不是 %s。%s"):format(how, check.show(got), check.show(want),
      trimmed and "行中的空格或制表符被改变了:请保留它们。" or "")}
end

local function line()
  return ("%s \t %s  "):format(check.random_word(math.random(1, 10)), check.random_text(math.random(0, 30)))
end

check.step("answers lines that came in one segment")
local batch = {line(), line(), "  " .. line(), line()}
expect(batch, "4 lines in one write", function() sock:sendall(table.concat(batch, "\n") .. "\n") end)

check.step("answers a line that came in pieces, with a pause")
local piece = {line() .. check.random_word(40)}
expect(piece, "a line in 4-byte pieces, with a pause of 1.5 s in the middle", function()
  local data = piece[1] .. "\n"
  local half = math.floor(#data / 2)
  check.send_in_pieces(sock, data:sub(1, half), 4, 0.02)
  check.sleep(1.5)
  check.send_in_pieces(sock, data:sub(half + 1), 4, 0.02)
end)

check.step("answers a 5000-byte line and an empty line")
local long = {check.random_word(5000), ""}
expect(long, "a 5000-byte line, then an empty line", function() sock:sendall(long[1] .. "\n\n") end)

check.step("closes when the client shuts down its side")
sock:shutdown(socket.SHUT_WR)
check.expect_close(sock, 3, {req = 4, hint = "close",
  en = "The checker shut down its sending side, so readline returned \"\".",
  zh = "检查程序关闭了发送方向,所以 readline 返回了 \"\"。"})
sock:close()

check.step("numbers a new client's lines from 1")
for client = 1, 3 do
  sock = check.next_client(4, client == 3 and 1.5 or nil)
  n = 0
  local again = {line(), line()}
  expect(again, ("two lines from client %d, after the first client left"):format(client + 1), function()
    sock:sendall(table.concat(again, "\n") .. "\n")
  end, {3, "number"})
  sock:shutdown(socket.SHUT_WR)
  check.expect_close(sock, 3, {req = 4, hint = "close",
    en = ("Client %d shut down its sending side."):format(client + 1),
    zh = ("第 %d 个客户端关闭了发送方向。"):format(client + 1)})
  sock:close()
end
