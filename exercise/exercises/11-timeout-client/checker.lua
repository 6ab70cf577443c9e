-- Checker for the timeout client. The script runs twice. First the server
-- answers after a random delay under 2 s: the answer must be printed. Then
-- the server reads the ping and never answers, keeping the connection open:
-- the script must give up by itself after its 2 s timeout (between 1.8 and
-- 2.7 s), say so, and end normally.
local check = require("check")

local function expect_ping(conn)
  local got = check.expect_recv(conn, 5, 3)
  if got ~= "ping\n" then
    check.fail{req = 1, hint = "send",
      en = ("The checker accepted the connection and waited 3 s for \"ping\\n\"; it received %s."):format(check.show(got)),
      zh = ("检查程序接受了连接,等待 \"ping\\n\" 3 秒;收到的是 %s。"):format(check.show(got))}
  end
end

check.step("prints an answer that comes within 2 s")
local answer = "pong " .. check.random_word(math.random(4, 16))
local delay = 0.8 + math.random() * 0.7
check.run_client(function(conn)
  expect_ping(conn)
  check.sleep(delay)
  pcall(conn.sendall, conn, answer)
  check.wait(3)
end)
local code = check.wait(2)
local out = check.output()
if code == nil or not out:find(answer, 1, true) then
  local timed_out = out:find("timed out", 1, true)
  check.fail{req = 2, hint = "settimeout",
    en = ("The checker answered %s %.1f s after the ping, within the 2 s the script should wait; the script %s."):format(
      check.show(answer), delay, code == nil and "was still running 3 s later"
        or timed_out and "said it timed out instead: its timeout is shorter than 2 s, or it never read the answer"
        or ("did not print it; its output was %s"):format(check.show(out))),
    zh = ("检查程序在 ping 之后 %.1f 秒回答了 %s,在脚本应等待的 2 秒之内;但脚本没有打印这个回答。"):format(delay, check.show(answer))}
end

check.step("gives up after 2 s when no answer comes")
local waited
check.run_client(function(conn)
  expect_ping(conn)
  local start = check.clock()
  code = check.wait(6)
  waited = check.clock() - start
  if code == nil then
    check.fail{req = 2, hint = "settimeout",
      en = "The checker received \"ping\\n\" and never answered, keeping the connection open; 6 s later the script was still waiting in recv. Without a timeout, recv waits for ever.",
      zh = "检查程序收到 \"ping\\n\" 后一直不回答,并保持连接打开;6 秒后脚本仍在 recv 中等待。没有超时,recv 会永远等下去。"}
  end
end)
if code ~= 0 then
  check.fail{req = 3, hint = "catch",
    en = ("The checker received \"ping\\n\" and never answered; the script stopped with an error (status %d) instead of catching the timeout. Its output ends with:\n%s"):format(code, check.output():sub(-600)),
    zh = ("检查程序收到 \"ping\\n\" 后一直不回答;脚本出错退出了(状态 %d),而没有捕获超时。"):format(code)}
end
if waited < 1.8 or waited > 2.7 then
  check.fail{req = 2, hint = "settimeout",
    en = ("The checker received \"ping\\n\" and did not answer; the script gave up after %.1f s instead of 2 s."):format(waited),
    zh = ("检查程序收到 \"ping\\n\" 后没有回答;脚本在 %.1f 秒后放弃,而不是 2 秒。"):format(waited)}
end
check.expect_output("timed out", "a line saying that the server's answer timed out", "catch")
