-- Checker for "receive until the server closes". The checker is the server:
-- it sends 40 numbered lines (about 2 KB) in 100-byte pieces 20 ms apart,
-- then closes. A single recv gets only the first piece.
local check = require("check")

local lines = {}
for i = 1, 40 do
  lines[i] = ("line %02d: the quick brown fox jumps over the lazy dog"):format(i)
end
local text = table.concat(lines, "\n")

check.run_client(function(conn)
  check.send_in_pieces(conn, text, 100, 0.02)
end)
local out = check.finish(5)
if not out:find(text, 1, true) then
  local last = 0
  for i = 1, 40 do
    if out:find(lines[i], 1, true) then
      last = i
    end
  end
  check.fail(("the checker sent %d bytes (40 lines) in 100-byte pieces 20 ms apart, then closed; the script printed only %d of the 40 lines. Receive until recv returns \"\"."):format(#text, last), "recv-loop")
end
