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
if source:find("require%s*%(?%s*[\"']threading[\"']") then
  check.fail("the script requires threading, but the task asks for a single thread that serves every client with select.select", "one-thread")
end

check.start_server()

check.step("serves others while a client is silent")
local silent = check.connect()
local first = check.connect()
first:sendall("hello")
local got, why = check.expect_recv(first, 5, 2)
if got ~= "hello" then
  check.fail(("a first client connected and stayed silent; a second client sent 'hello' and got %s within 2 s (%s): the script waits on one client instead of selecting"):format(check.show(got), why), "select")
end
first:close()

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
    check.fail(("ten clients sent in turns; client %d sent %s and got %s back (%s)"):format(i, check.show(sent[i]), check.show(got), why), "select")
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
  check.fail("a client reset its connection (RST), and the script " .. "exited: recv raised ConnectionResetError and nothing caught it", "reset")
end
local last = check.connect()
last:sendall("still there?")
got, why = check.expect_recv(last, 12, 2)
if got ~= "still there?" then
  check.fail(("after a client reset its connection, the next client sent 'still there?' and got %s (%s)"):format(check.show(got), why), "reset")
end
last:close()
for i = 1, 10 do
  clients[i]:close()
end
silent:close()
