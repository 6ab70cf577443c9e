-- Checker for the select server. A silent client connects first; then ten
-- clients send in turns, in pieces, so their data interleaves; then a client
-- resets its connection (SO_LINGER 0), and the server must still answer the
-- next client. The task asks for one thread, so a script that requires
-- threading fails too.
local check = require("check")
local socket = require("socket")
local struct = require("struct")

check.step("uses a single thread")
local script = io.open(check.script_path(), "rb")
local source = script and script:read("*a") or ""
if script then
  script:close()
end
if source:find("threading") then
  check.fail{req = 2, hint = "one-thread",
    en = "The script uses threading, but the task asks for a single thread that serves every client with select.select.",
    zh = "脚本使用了 threading,但题目要求用一个线程、通过 select.select 服务所有客户端。"}
end

check.start_server()
check.step("listens on the given address only")
local silent = check.connect()
check.expect_bound_to_host(1)

check.step("serves others while a client is silent")
local first = check.connect()
first:sendall("hello")
local got, why = check.expect_recv(first, 5, 2)
if got ~= "hello" then
  check.fail{req = 2, hint = "select",
    en = ("A first client connected and stayed silent; a second client sent 'hello' and got %s within 2 s (%s): the script waits on one client instead of selecting."):format(check.show(got), why),
    zh = ("第一个客户端连上后一直不说话;第二个客户端发送了 'hello',2 秒内收回的是 %s:脚本在等一个客户端,而不是用 select。"):format(check.show(got))}
end

check.step("drops a client that closed, and serves the others")
-- From here on a client has closed, so a script that keeps closed sockets
-- in its select list may already have died: each connect says requirement 3.
first:close()
local leaving = check.next_client(3, 0.3)
leaving:sendall("bye")
check.expect_recv(leaving, 3, 2)
leaving:close()
check.sleep(0.3)
local after = check.next_client(3)
after:sendall("after")
got, why = check.expect_recv(after, 5, 2)
if got ~= "after" then
  local code = check.wait(0)
  check.fail{req = 3, hint = "drop",
    en = ("A client said 'bye' and closed; the next client sent 'after' and got %s (%s)%s. When recv returns \"\", remove that socket from the list you give select, and close it."):format(
      check.show(got), why, code and (", and the script had exited: " .. check.output():sub(-300)) or ""),
    zh = "一个客户端说了 'bye' 后关闭;下一个客户端发送 'after' 没有收到回显。recv 返回 \"\" 时,要把这个套接字从交给 select 的列表中去掉并关闭它。"}
end
after:close()

check.step("echoes ten clients whose data interleaves")
local clients, sent = {}, {}
for i = 1, 10 do
  clients[i] = check.connect()
  sent[i] = ""
end
for round = 1, 3 do
  for i = 1, 10 do
    local piece = ("[%d:%d]"):format(i, round)
    clients[i]:sendall(piece)
    sent[i] = sent[i] .. piece
  end
  check.sleep(0.02)
end
for i = 1, 10 do
  got, why = check.expect_recv(clients[i], #sent[i], 3)
  if got ~= sent[i] then
    check.fail{req = 2, hint = "select",
      en = ("Ten clients sent in turns; client %d sent %s and got %s back (%s)."):format(i, check.show(sent[i]), check.show(got), why),
      zh = ("十个客户端轮流发送;第 %d 个发送了 %s,收回的是 %s。"):format(i, check.show(sent[i]), check.show(got))}
  end
end

check.step("survives a client that resets its connection")
local rude = check.connect()
rude:sendall("bye")
check.expect_recv(rude, 3, 2)
-- SO_LINGER with a zero timeout: close sends RST instead of FIN.
rude:setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
rude:close()
check.sleep(0.2)
if not check.running() then
  check.fail{req = 4, hint = "reset",
    en = "A client reset its connection (RST), and the script exited: recv raised ConnectionResetError and nothing caught it.",
    zh = "一个客户端重置了连接(RST),脚本就退出了:recv 抛出了 ConnectionResetError,没有被捕获。"}
end
local last = check.connect()
last:sendall("still there?")
got, why = check.expect_recv(last, 12, 2)
if got ~= "still there?" then
  check.fail{req = 4, hint = "reset",
    en = ("After a client reset its connection, the next client sent 'still there?' and got %s (%s)."):format(check.show(got), why),
    zh = ("一个客户端重置连接之后,下一个客户端发送了 'still there?',收回的是 %s。"):format(check.show(got))}
end
last:close()
for i = 1, 10 do
  clients[i]:close()
end
silent:close()
