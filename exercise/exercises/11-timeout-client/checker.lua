-- Checker for the timeout client. The checker is a server that accepts the
-- connection, reads the ping and never answers, keeping the connection open.
-- The script must give up by itself after its 2 s timeout and say so; the
-- checker waits 6 s at most, so a script without a timeout fails, bounded.
local check = require("check")

local CAP = 6
check.run_client(function(conn)
  local got = check.expect_recv(conn, 5, 3)
  if got ~= "ping\n" then
    check.fail(("the checker accepted the connection and waited 3 s for \"ping\\n\"; it received %s"):format(check.show(got)), "send")
  end
  local start = check.clock()
  local code = check.wait(CAP)
  if code == nil then
    check.fail(("the checker received \"ping\\n\" and never answered, keeping the connection open; %d s later the script was still waiting in recv. Without a timeout, recv waits for ever."):format(CAP), "settimeout")
  end
  if code ~= 0 then
    check.fail(("the checker received \"ping\\n\" and never answered; the script stopped with an error (status %d) instead of catching the timeout. Its output ends with:\n%s"):format(
      code, check.output():sub(-600)), "catch")
  end
  if check.clock() - start < 1.5 then
    check.fail(("the checker received \"ping\\n\" and did not answer; the script gave up after %.1f s, before the 2 s it should wait"):format(check.clock() - start), "settimeout")
  end
end)
check.finish(1)
check.expect_output("timed out", "a message saying that the server's answer timed out", "catch")
