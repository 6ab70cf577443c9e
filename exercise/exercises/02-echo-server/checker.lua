-- Checker for the echo server. The checker is the client: it sends a message
-- in small pieces with pauses between them, as a slow network would, then
-- a large block in one go, and expects every byte back.
local check = require("check")
local socket = require("socket")

check.start_server()

-- 1. A short message in 3-byte pieces, 50 ms apart.
check.step("echoes a message sent in 3-byte pieces")
local message = "hello, echo server! 你好"
local sock = check.connect()
check.send_in_pieces(sock, message, 3, 0.05)
local got, why = check.expect_recv(sock, #message, 3)
if got ~= message then
  check.fail(("the checker sent %s (%d bytes) in 3-byte pieces 50 ms apart; the script echoed only %s (%d bytes) and then %s. One recv is not one message."):format(
    check.show(message), #message, check.show(got), #got,
    why == "closed" and "closed the connection" or "sent nothing more"), "recv-loop")
end

-- 2. 200 KB at once: more than one send can take, and more than one recv returns.
check.step("echoes 200 KB sent at once")
local block = ("0123456789abcdef"):rep(12800)
sock:sendall(block)
got, why = check.expect_recv(sock, #block, 5)
if got ~= block then
  check.fail(("the checker sent %d bytes at once; %d came back before the script %s"):format(
    #block, #got, why == "closed" and "closed the connection" or "stopped sending"), "sendall")
end

-- 3. The client closes its side; the server must see the empty recv and close.
check.step("closes when the client shuts down its side")
sock:shutdown(socket.SHUT_WR)
got, why = check.recv_until_close(sock, 3)
if why ~= "closed" then
  check.fail("the checker shut down its sending side (so the script's recv returned \"\"), but the script did not close the connection within 3 s", "close")
end
sock:close()

-- 4. The server must still serve the next client.
check.step("serves the next client")
sock = check.connect()
sock:sendall("again")
got = check.expect_recv(sock, 5, 3)
if got ~= "again" then
  check.fail(("after the first client left, a second client sent \"again\" and got %s back: the script should accept clients in a loop"):format(check.show(got)), "recv-loop")
end
sock:close()
