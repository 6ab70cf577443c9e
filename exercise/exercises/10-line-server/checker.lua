-- Checker for the line server. The checker is the client: it sends three
-- lines in one write (one segment), then one line in 4-byte pieces 100 ms
-- apart, and expects one numbered answer per line.
local check = require("check")
local socket = require("socket")

check.start_server()

local sock = check.connect()
local batch = "hello\nworld\nhow are you\n"
local want = "1: HELLO\n2: WORLD\n3: HOW ARE YOU\n"
sock:sendall(batch)
local got, why = check.expect_recv(sock, #want, 2)
if got ~= want then
  check.fail(("the checker sent 3 lines in one write (%s); the script answered %s instead of %s (then %s). One recv can hold several lines."):format(
    check.show(batch), check.show(got), check.show(want),
    why == "closed" and "closed the connection" or "sent nothing more"), "readline")
end

local line = "this line comes in pieces\n"
want = "4: THIS LINE COMES IN PIECES\n"
check.send_in_pieces(sock, line, 4, 0.1)
got, why = check.expect_recv(sock, #want, 2)
if got ~= want then
  check.fail(("the checker then sent the line %s in 4-byte pieces 100 ms apart; the script answered %s instead of %s. A line can take several recv calls."):format(
    check.show(line), check.show(got), check.show(want)), "readline")
end

sock:shutdown(socket.SHUT_WR)
got, why = check.recv_until_close(sock, 3)
if why ~= "closed" then
  check.fail("the checker shut down its sending side (so readline returned \"\"), but the script did not close the connection within 3 s", "close")
end
sock:close()

-- A second client starts counting from 1 again.
sock = check.connect()
sock:sendall("again\n")
got = check.expect_recv(sock, 9, 2)
if got ~= "1: AGAIN\n" then
  check.fail(("after the first client left, a second client sent \"again\\n\" and got %s instead of \"1: AGAIN\\n\": accept clients in a loop and number each client's lines from 1"):format(check.show(got)), "readline")
end
sock:close()
