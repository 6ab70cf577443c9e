-- Checker for the length-prefixed server. The checker is the client: it
-- sends three framed messages in one write, then one message in 3-byte
-- pieces (the header too is split), and expects one framed answer each.
local check = require("check")
local socket = require("socket")
local struct = require("struct")

local function frame(body)
  return struct.pack("!I", #body) .. body
end

-- answers splits what came back into framed messages, for the message.
local function answers(data)
  local list = {}
  local i = 1
  while i + 3 <= #data do
    local n = struct.unpack("!I", data:sub(i, i + 3))[1]
    list[#list + 1] = data:sub(i + 4, i + 3 + n)
    i = i + 4 + n
  end
  return list
end

check.start_server()
local sock = check.connect()
local bodies = {"first message", "second, a little longer message", ("third "):rep(50)}
local batch = frame(bodies[1]) .. frame(bodies[2]) .. frame(bodies[3])
local want = frame(bodies[1]:upper()) .. frame(bodies[2]:upper()) .. frame(bodies[3]:upper())
sock:sendall(batch)
local got, why = check.expect_recv(sock, #want, 2)
if got ~= want then
  local list = answers(got)
  check.fail(("the checker sent 3 length-prefixed messages (of %d, %d and %d bytes) in one write, %d bytes in all; the script answered %d message%s (%d bytes) and then %s. All three can come in one recv: one recv is not one message."):format(
    #bodies[1], #bodies[2], #bodies[3], #batch, #list, #list == 1 and "" or "s", #got,
    why == "closed" and "closed the connection" or "sent nothing more"), "recv-exactly")
end

local body = "a message in pieces"
want = frame(body:upper())
check.send_in_pieces(sock, frame(body), 3, 0.05)
got, why = check.expect_recv(sock, #want, 2)
if got ~= want then
  check.fail(("the checker then sent one %d-byte message, header included, in 3-byte pieces 50 ms apart; the script answered %s instead of %s. A header and a body can each take several recv calls."):format(
    #frame(body), check.show(got), check.show(want)), "recv-exactly")
end

sock:shutdown(socket.SHUT_WR)
got, why = check.recv_until_close(sock, 3)
if why ~= "closed" then
  check.fail("the checker shut down its sending side between messages (so recv returned \"\"), but the script did not close the connection within 3 s", "close")
end
sock:close()

sock = check.connect()
sock:sendall(frame("again"))
got = check.expect_recv(sock, 9, 2)
if got ~= frame("AGAIN") then
  check.fail(("after the first client left, a second client sent a message and got %s back: accept clients in a loop"):format(check.show(got)), "recv-exactly")
end
sock:close()
