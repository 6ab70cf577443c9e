-- Checker for the TLS echo server. The checker is the client: first a TLS
-- client that sends one message and shuts down its side; then a client
-- that speaks plain text (an HTTP request) and one that hangs up halfway
-- through the handshake, after each of which the server must still serve;
-- then a TLS client whose bytes go through a relay that cuts them into
-- 5-byte pieces (every record, handshake included, arrives split) and
-- that sends its message as three records; then 100 KB at once. Payloads
-- are random, from the run's seed.
local check = require("check")
local socket = require("socket")
local ssl = require("ssl")
local threading = require("threading")

local certs = check.tls_certs()
check.start_server({"--cert", certs.server, "--key", certs.server_key})
local ctx = ssl.create_default_context({cafile = certs.ca})

-- tls_client connects a client and does the handshake (the certificate is
-- for localhost; the checker trusts the CA that signed it).
local function tls_client(sock, req, en, zh)
  sock:settimeout(5)
  local ok, tls = pcall(ctx.wrap_socket, ctx, sock, {server_hostname = "localhost"})
  if not ok then
    check.fail{req = req, hint = "listen",
      en = ("%s; the TLS handshake failed: %s. Wrap each accepted connection with ctx:wrap_socket(conn, {server_side = true}), ctx holding --cert and --key."):format(en, tostring(tls)),
      zh = ("%s;TLS 握手失败。"):format(zh)}
  end
  return tls
end

-- survived fails unless the script still runs after a bad client.
local function survived(en, zh)
  local code = check.wait(0.5)
  if code then
    check.fail{req = 2, hint = "survive",
      en = ("%s, and the script stopped (status %d): one bad client must not end the server. Its output ends with:\n%s"):format(en, code, check.output():sub(-600)),
      zh = ("%s,脚本就停止了(状态 %d):一个坏客户端不能让服务器退出。"):format(zh, code)}
  end
end

local function expect_echo(tls, message, en, zh, timeout)
  local got, why = check.expect_recv(tls, #message, timeout or 5)
  if got ~= message then
    check.fail{req = 3, hint = "recv-loop",
      en = ("%s; the script echoed %s (%d of %d bytes) and then %s."):format(en, check.show(got), #got, #message,
        why == "closed" and "closed the connection" or why == "reset" and "reset the connection" or "sent nothing more"),
      zh = ("%s;脚本只发回了 %d / %d 字节。"):format(zh, #got, #message)}
  end
end

check.step("speaks TLS and echoes one message")
local sock = check.connect()
local tls = tls_client(sock, 1, "The checker connected to --host and --port as a TLS client", "检查程序作为 TLS 客户端连接 --host 和 --port")
local first = check.random_word(math.random(10, 40))
tls:sendall(first)
expect_echo(tls, first, ("The checker sent %s in one TLS record"):format(check.show(first)), "检查程序在一个 TLS 记录里发送了消息")
tls:shutdown(socket.SHUT_WR)
check.expect_close(tls, 3, {req = 3, hint = "recv-loop",
  en = "After the echo the checker shut down its sending side, so the script's recv returned \"\".",
  zh = "收到回显后检查程序关闭了发送方向,脚本的 recv 返回 \"\"。"})
tls:close()

check.step("survives a client that speaks plain text")
-- A moment first: a script that ends after one client has ended by then,
-- and the failure says so (requirement 4), not that plain text killed it.
local plain = check.next_client(4, 0.3)
plain:sendall("GET / HTTP/1.0\r\nHost: " .. check.random_word(8) .. "\r\n\r\n")
check.recv_until_close(plain, 3)
plain:close()
survived("The checker connected and sent a plain-text HTTP request instead of a TLS handshake", "检查程序连接后发送了明文 HTTP 请求,而不是 TLS 握手")

check.step("survives a client that hangs up mid-handshake")
local quitter = check.next_client(4)
quitter:sendall("\22\3\1\0\200\1\0\0\196\3\3" .. check.random_bytes(20)) -- the start of a ClientHello
quitter:close()
survived("The checker sent the first 31 bytes of a ClientHello and hung up", "检查程序发送了 ClientHello 的前 31 个字节就断开了")

check.step("echoes records cut into 5-byte pieces")
local up = check.next_client(4)
up:settimeout(10)
local near, far = socket.socketpair()
-- The relay: what the TLS client writes to near comes out of far and goes
-- to the server in pieces of 5 bytes, 2 ms apart (the ClientHello alone is
-- some 1,500 bytes); the server's bytes go back as they come.
threading.Thread{daemon = true, target = function()
  while true do
    local ok, d = pcall(far.recv, far, 4096)
    if not ok or d == "" then break end
    check.send_in_pieces(up, d, 5, 0.002)
  end
  pcall(up.shutdown, up, socket.SHUT_WR)
end}:start()
threading.Thread{daemon = true, target = function()
  while true do
    local ok, d = pcall(up.recv, up, 4096)
    if not ok or d == "" then break end
    pcall(far.sendall, far, d)
  end
  pcall(far.shutdown, far, socket.SHUT_WR)
end}:start()
local split = tls_client(near, 1, "The checker connected as a TLS client whose bytes reach the server in 5-byte pieces", "检查程序作为 TLS 客户端连接,字节以 5 字节一段到达服务器")
local parts = {}
for i = 1, 3 do
  parts[i] = check.random_text(math.random(5, 30))
  split:sendall(parts[i]) -- each sendall is its own TLS record
  check.sleep(0.05)
end
local message = table.concat(parts)
expect_echo(split, message, ("The checker sent %s as three TLS records, each cut into 5-byte pieces on the way"):format(check.show(message)),
  "检查程序把消息分成三个 TLS 记录发送,每个记录在路上又被切成 5 字节一段")
split:close()
up:close()
far:close()

check.step("echoes 100 KB sent at once")
-- Made before connecting: a script's recv timeout must not run meanwhile.
local block = check.random_word(4096):rep(25)
local big = tls_client(check.next_client(4), 1, "The checker connected as a TLS client", "检查程序作为 TLS 客户端连接")
big:sendall(block)
expect_echo(big, block, ("The checker sent %d bytes at once"):format(#block), ("检查程序一次发送了 %d 字节"):format(#block), 10)
big:close()
local last = check.next_client(4)
last:close()
