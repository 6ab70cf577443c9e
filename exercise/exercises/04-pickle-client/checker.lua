-- Checker for the pickle client. The checker is the server: it sends the
-- 10-byte header and the pickle in 7-byte pieces 10 ms apart (so even the
-- header is split), and keeps the connection open: the length, not the end
-- of the connection, tells the client when the message is complete.
local check = require("check")
local pickle = require("pickle")

local text = "你好, pickle! " .. ("0123456789"):rep(20)
local body = pickle.dumps({text = text, sender = "checker"})
local message = ("%-10d"):format(#body) .. body

check.run_client(function(conn)
  check.send_in_pieces(conn, message, 7, 0.01)
  -- Keep the connection open while the script works.
  local code = check.wait(5)
  if code == nil then
    check.fail(("the checker sent a %d-byte header and %d bytes of pickle in 7-byte pieces, and kept the connection open; 5 s later the script still had not finished. It should stop receiving when it has the number of bytes the header announced."):format(10, #body), "recv-exactly")
  end
  if code ~= 0 then
    check.fail(("the checker sent the 10-byte header %s and %d bytes of pickle in 7-byte pieces 10 ms apart; the script failed (status %d): one recv is not one message. Its output ends with:\n%s"):format(check.show(message:sub(1, 10)), #body, code, check.output():sub(-600)), "recv-exactly")
  end
end)
check.finish(1)
check.expect_output(text, "the dict's text field", "recv-exactly")
