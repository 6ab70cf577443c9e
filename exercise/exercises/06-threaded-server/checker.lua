-- Checker for the threaded server. A client connects and says nothing while
-- others are served; 100 clients connect at once and answer in reverse
-- order; ten clients stream random data at the same time, each from its own
-- checker thread, and each must get exactly its own bytes back; then 200
-- clients one after another, more than the script may hold open at once.
local check = require("check")
local socket = require("socket")
local threading = require("threading")

local LIMITED = check.limit_descriptors(160)
check.start_server()

check.step("listens on the given address only")
local silent = check.connect()
check.expect_bound_to_host(1)

check.step("serves others while a client is silent")
local second = check.connect()
local hello = "hello " .. check.random_word(10)
second:sendall(hello)
local got, why = check.expect_recv(second, #hello, 2)
if got ~= hello then
  check.fail{req = 2, hint = "threads",
    en = ("A first client connected and stayed silent; a second client sent %s and got %s within 2 s (%s): the script serves one client at a time."):format(check.show(hello), check.show(got), why),
    zh = ("第一个客户端连上后一直不说话;第二个客户端发送了 %s,2 秒内收回的是 %s:脚本一次只服务一个客户端。"):format(check.show(hello), check.show(got))}
end
second:close()

check.step("serves 100 clients connected at once")
local clients = {}
for i = 1, 100 do
  clients[i] = check.connect()
end
for i = 100, 1, -1 do
  local message = ("client %03d %s"):format(i, check.random_word(5))
  clients[i]:sendall(message)
  got, why = check.expect_recv(clients[i], #message, 3)
  if got ~= message then
    check.fail{req = 2, hint = "threads",
      en = ("100 clients connected at once; client %d sent %s and got %s back (%s)."):format(i, check.show(message), check.show(got), why),
      zh = ("100 个客户端同时连接;第 %d 个发送了 %s,收回的是 %s。"):format(i, check.show(message), check.show(got))}
  end
end
for i = 1, 100 do
  clients[i]:close()
end

check.step("echoes clients that send at the same time, each its own data")
local results = {}
local streams = {}
for i = 1, 10 do
  local sock = check.connect()
  local data = check.random_bytes(math.random(20000, 60000))
  streams[i] = threading.Thread{target = function()
    local out = sock:dup()
    out:settimeout(10)
    local writer = threading.Thread{target = function()
      for j = 1, #data, 700 do
        out:sendall(data:sub(j, j + 699))
      end
    end}
    writer:start()
    local back, how = check.expect_recv(sock, #data, 10)
    writer:join()
    out:close()
    sock:close()
    results[i] = {ok = back == data, sent = #data, got = #back, how = how, mixed = back ~= data:sub(1, #back)}
  end}
  streams[i]:start()
end
for i = 1, 10 do
  streams[i]:join()
end
for i = 1, 10 do
  local r = results[i]
  if not r.ok then
    check.fail{req = 2, hint = r.mixed and "shared" or "threads",
      en = r.mixed and ("Ten clients sent data at the same time; client %d got back %d bytes that are not what it sent: the threads share a buffer or a variable, so one client's data went to another."):format(i, r.got)
        or ("Ten clients sent data at the same time; client %d sent %d bytes and got only %d back (%s)."):format(i, r.sent, r.got, r.how),
      zh = r.mixed and ("十个客户端同时发送数据;第 %d 个客户端收回的 %d 字节不是它自己发送的:各线程共用了缓冲区或变量,一个客户端的数据被发给了另一个。"):format(i, r.got)
        or ("十个客户端同时发送数据;第 %d 个发送了 %d 字节,只收回 %d 字节。"):format(i, r.sent, r.got)}
  end
end

check.step("closes each connection, for hundreds of clients")
local total = LIMITED and 200 or 60
for i = 1, total do
  local c = check.next_client(4, i == total and 1.5 or nil)
  local word = check.random_word(math.random(1, 20))
  c:sendall(word)
  got, why = check.expect_recv(c, #word, 3)
  if got ~= word then
    check.fail{req = LIMITED and i > 100 and 3 or 4, hint = "close",
      en = ("Client %d of %d (one after another) sent %s and got %s (%s).%s"):format(i, total, check.show(word), check.show(got), why,
        LIMITED and " The script may hold 160 descriptors: a server that does not close finished connections runs out." or ""),
      zh = ("第 %d 个客户端(共 %d 个,依次连接)发送了 %s,收回的是 %s。%s"):format(i, total, check.show(word), check.show(got),
        LIMITED and "脚本最多只能打开 160 个描述符:不关闭已结束的连接的服务器会用完它们。" or "")}
  end
  c:shutdown(socket.SHUT_WR)
  check.expect_close(c, 3, {req = 3, hint = "close",
    en = ("Client %d of %d shut down its sending side."):format(i, total),
    zh = ("第 %d 个客户端(共 %d 个)关闭了发送方向。"):format(i, total)})
  c:close()
end
silent:close()
