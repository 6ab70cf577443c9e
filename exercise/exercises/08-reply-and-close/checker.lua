-- Checker for "reply and close". The checker is the client: it reads the
-- answer until the connection closes, as a client that knows nothing of the
-- answer's length must. Three clients in a row.
local check = require("check")

check.start_server()
for i = 1, 3 do
  local message = ("message %d"):format(i)
  local want = "已接收到数据 " .. message
  local sock = check.connect()
  sock:sendall(message)
  local got, why = check.recv_until_close(sock, 3)
  if why == "timeout" and got == want then
    check.fail(("client %d sent %s and got the right answer, but the script did not close the connection: 3 s later the client was still waiting for the end of the answer"):format(i, check.show(message)), "close")
  end
  if got ~= want then
    check.fail(("client %d sent %s and read %s until the connection %s; it expected %s"):format(
      i, check.show(message), check.show(got), why == "closed" and "closed" or "timed out (3 s)", check.show(want)), "reply")
  end
  sock:close()
end
