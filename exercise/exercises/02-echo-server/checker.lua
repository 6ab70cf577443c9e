-- Checker for the echo server. The checker is the client. Every run sends
-- other data (from the run's seed): random bytes in small pieces with a
-- pause of almost two seconds, megabytes that it is slow to read, and more
-- clients than a script that leaks connections can hold.
local check = require("check")
local socket = require("socket")

local LIMITED = check.limit_descriptors(48)
check.start_server()

check.step("listens on the given address only")
local sock = check.connect()
check.expect_bound_to_host(1)

check.step("echoes data split into many pieces, with a long pause")
local message = check.random_text(150) .. "\n  你好 \t" .. check.random_bytes(40)
check.send_in_pieces(sock, message:sub(1, 120), 1, 0.002) -- 120 one-byte pieces
check.sleep(1.8)
check.send_in_pieces(sock, message:sub(121), 7, 0.01)
local got, why = check.expect_recv(sock, #message, 4)
if got ~= message then
  local cut = #got < #message and "only " .. #got or tostring(#got)
  check.fail{req = 2, hint = #got < 120 and "recv-loop" or "pause",
    en = ("The checker sent %d bytes: 120 one-byte pieces, a pause of 1.8 s, then the rest in 7-byte pieces. It got back %s bytes (%s) before the connection %s."):format(
      #message, cut, check.show(got), why == "closed" and "closed" or "went quiet"),
    zh = ("检查程序发送了 %d 字节:先是 120 个单字节的小块,停顿 1.8 秒,再以每块 7 字节发送剩下的。它只收回了 %d 字节。一次 recv 不等于一条消息,停顿也不代表结束。"):format(#message, #got)}
end

check.step("echoes a large transfer to a slow reader")
local size = 3 * 1024 * 1024 + math.random(0, 65535)
local block = check.random_bytes(4096):rep(math.floor(size / 4096)) .. check.random_bytes(size % 4096)
-- The checker writes everything before it reads anything: the echo fills
-- the socket buffers both ways, so the script's sends must wait.
-- The writer has its own socket object over the same connection (dup), so
-- the reader's timeouts don't cut its sendall short.
local out = sock:dup()
out:settimeout(20)
local writer = require("threading").Thread{target = function()
  pcall(out.sendall, out, block)
  out:close()
end}
writer:start()
check.sleep(1.5)
-- Read until everything has come back, or until nothing more comes for 5 s:
-- how long a loaded machine takes to move megabytes is not what this step
-- checks, but an echo that stops is.
local pieces, have = {}, 0
why = "ok"
while have < #block and why == "ok" do
  local piece
  piece, why = check.expect_recv(sock, math.min(256 * 1024, #block - have), 5)
  pieces[#pieces + 1] = piece
  have = have + #piece
end
got = table.concat(pieces)
writer:join()
if got ~= block then
  local first = 1
  while first <= #got and got:byte(first) == block:byte(first) do
    first = first + 1
  end
  check.fail{req = 3, hint = "sendall",
    en = ("The checker sent %d bytes and waited 1.5 s before reading the echo, so the socket buffers filled up. It got back %d bytes, the first %d of them right, and then %s. send may send only part of the data; sendall sends it all."):format(
      #block, #got, first - 1, why == "closed" and "the connection closed" or why == "reset" and "the connection was reset" or why == "timeout" and "nothing more for 5 s" or "the rest differed"),
    zh = ("检查程序发送了 %d 字节,并在读取回显前等待了 1.5 秒,使套接字缓冲区被填满。它只收回 %d 字节,其中前 %d 字节正确。send 可能只发送一部分,sendall 才会全部发送。"):format(#block, #got, first - 1)}
end

check.step("closes when the client shuts down its side")
sock:shutdown(socket.SHUT_WR)
check.expect_close(sock, 3, {req = 4, hint = "close",
  en = "The checker shut down its sending side, so the script's recv returned \"\".",
  zh = "检查程序关闭了发送方向,所以脚本的 recv 返回了 \"\"。"})
sock:close()

check.step("drops a client that stays silent for 3 s")
local silent = check.next_client(5)
local began = check.clock()
local _, why = check.recv_until_close(silent, 7)
local waited = check.clock() - began
if why ~= "closed" and why ~= "reset" then
  check.fail{req = 4, hint = "timeout",
    en = "A client connected and sent nothing; 7 s later the script still held the connection open. Set conn:settimeout(3) and close the connection when recv raises socket.timeout.",
    zh = "一个客户端连上后什么都不发;7 秒后脚本仍然没有关闭连接。请设置 conn:settimeout(3),recv 抛出 socket.timeout 时关闭连接。"}
elseif waited < 2.5 then
  check.fail{req = 4, hint = "timeout",
    en = ("A client connected and sent nothing; the script closed the connection after %.1f s, before the 3 s it should wait."):format(waited),
    zh = ("一个客户端连上后什么都不发;脚本在 %.1f 秒后就关闭了连接,早于应等待的 3 秒。"):format(waited)}
end
silent:close()

check.step("serves client after client, closing each")
local clients = LIMITED and 60 or 12
for i = 1, clients do
  local word = check.random_word(math.random(1, 30))
  local c = check.next_client(5, i == clients and 1.5 or nil)
  c:sendall(word)
  got, why = check.expect_recv(c, #word, 3)
  if got ~= word then
    check.fail{req = 5, hint = LIMITED and i > 30 and "close" or "recv-loop",
      en = ("Client %d of %d sent %s and got %s back (%s).%s"):format(i, clients, check.show(word), check.show(got), why,
        LIMITED and " The script may hold 48 descriptors: a server that does not close each connection runs out of them." or ""),
      zh = ("第 %d 个客户端(共 %d 个)发送了 %s,收回的是 %s。%s"):format(i, clients, check.show(word), check.show(got),
        LIMITED and "脚本最多只能打开 48 个描述符:不关闭连接的服务器会用完它们。" or "")}
  end
  c:shutdown(socket.SHUT_WR)
  check.expect_close(c, 3, {req = 4, hint = "close",
    en = ("Client %d of %d shut down its sending side."):format(i, clients),
    zh = ("第 %d 个客户端(共 %d 个)关闭了发送方向。"):format(i, clients)})
  c:close()
end
