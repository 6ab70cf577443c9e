-- Checker for the gbk server. The checker is the client: it sends Chinese
-- text encoded in gbk, first in 3-byte pieces (so characters, 2 bytes each,
-- are split between segments), then all at once, and expects the gbk reply.
local check = require("check")
local socket = require("socket")

check.start_server()

local function exchange(text, piece)
  local payload = text:encode("gbk")
  local want = ("已收到: " .. text):encode("gbk")
  local how = piece and ("in %d-byte pieces 30 ms apart"):format(piece) or "in one write"
  local sock = check.connect()
  if piece then
    check.send_in_pieces(sock, payload, piece, 0.03)
  else
    sock:sendall(payload)
  end
  pcall(sock.shutdown, sock, socket.SHUT_WR) -- fails if the script already reset the connection
  local got, why = check.recv_until_close(sock, 3)
  sock:close()
  if got == want then
    return
  end
  local did
  if got == "" then
    did = "answered nothing"
  elseif got == ("已收到: " .. text) then
    did = "answered in utf-8 instead of gbk"
  else
    did = "answered " .. check.show(got) .. (" instead of %s"):format(check.show(want))
  end
  local code = check.wait(0.5)
  if code then
    did = did .. ", and " .. (code == 0 and "exited" or ("died (status %d); its output ends with:\n%s"):format(code, check.output():sub(-400)))
  elseif why ~= "closed" then
    did = did .. " and did not close the connection within 3 s"
  end
  local hint = "gbk"
  if code == nil and got ~= "" and why ~= "closed" then
    hint = "close"
  elseif check.output():find("'gbk' codec can't decode", 1, true) then
    hint = "whole-message" -- decoded piece by piece: a character was cut in two
  end
  check.fail(("the checker sent %s encoded in gbk (%d bytes) %s, then shut down its side; the script %s"):format(
    check.show(text), #payload, how, did), hint)
end

exchange("你好,服务器!这是一段用 gbk 编码的中文。", 3)
exchange("第二个客户端:再见。")
check.expect_output("你好,服务器!这是一段用 gbk 编码的中文。", "the decoded text of the first client", "gbk")
