-- Checker for "reply and close". The checker is the client: it reads the
-- answer until the connection closes, as a client that knows nothing of the
-- answer's length must. Messages differ every run; 200 clients come one
-- after another, more than the script may hold open, then one after a pause.
local check = require("check")

local LIMITED = check.limit_descriptors(64)
check.start_server()

check.step("listens on the given address only")
local first = check.connect()
check.expect_bound_to_host(1)

check.step("answers and closes, client after client")
local total = LIMITED and 200 or 20
for i = 1, total do
  local message = ("message %d: %s 你好"):format(i, check.random_text(math.random(1, 60)))
  local want = "已接收到数据 " .. message
  local sock = i == 1 and first or check.next_client(4, i == total and 1.5 or nil)
  sock:sendall(message)
  local got, why = check.recv_until_close(sock, 3)
  sock:close()
  if why == "timeout" and got == want then
    check.fail{req = 3, hint = "close",
      en = ("Client %d sent %s and got the right answer, but the script did not close the connection: 3 s later the client was still waiting for the end of the answer."):format(i, check.show(message)),
      zh = ("第 %d 个客户端发送了 %s 并收到了正确的回答,但脚本没有关闭连接:3 秒后客户端仍在等待回答结束。"):format(i, check.show(message))}
  end
  if got ~= want then
    local req, hint = 2, "reply"
    if got == "" and check.wait(0.5) then
      check.fail{req = 4, hint = "loop",
        en = ("Client %d connected, but the script had exited after %d clients: it should accept clients for as long as it runs."):format(i, i - 1),
        zh = ("第 %d 个客户端连接时,脚本在服务了 %d 个客户端后已经退出:它应该一直接受客户端。"):format(i, i - 1)}
    elseif got == "" and LIMITED and i > 50 then
      req, hint = 3, "close"
    end
    check.fail{req = req, hint = hint,
      en = ("Client %d sent %s and read %s until the connection %s; it expected %s.%s"):format(
        i, check.show(message), check.show(got), why == "closed" and "closed" or "timed out (3 s)", check.show(want),
        req == 3 and " The script may hold 64 descriptors: a server that does not close each connection runs out of them." or ""),
      zh = ("第 %d 个客户端发送了 %s,一直读到连接%s,读到的是 %s;应该是 %s。"):format(
        i, check.show(message), why == "closed" and "关闭" or "超时(3 秒)", check.show(got), check.show(want))}
  end
end
