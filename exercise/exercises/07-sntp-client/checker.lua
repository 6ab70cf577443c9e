-- Checker for the SNTP client. The checker is the SNTP server: it checks the
-- request and answers with 12 fields where every time field differs, so
-- reading the wrong one prints a wrong number.
local check = require("check")
local struct = require("struct")

local TIME1970 = 2208988800
local unix_time = 1700000000 -- 2023-11-14 22:13:20 UTC
local server = check.listen("udp")
check.start_server()

local ok, request, addr = pcall(server.recvfrom, server, 1024)
if not ok then
  local code = check.wait(0)
  check.fail(("the checker waited 5 s for a request on %s:%d and got none%s"):format(check.host, check.port,
    code and (" (the script exited with status " .. code .. "):\n" .. check.output():sub(-600)) or ""), code and "error" or "request")
end
if #request ~= 48 or request:byte(1) ~= 27 then
  check.fail(("the request should be 48 bytes starting with \\27; the script sent %d bytes: %s"):format(#request, check.show(request)), "request")
end

-- Fields 9 and 10 (reference and receive time) are a few seconds earlier.
local fields = {0x1c0203e8, 0, 0, 0, 0, 0, 0, 0,
  unix_time + TIME1970 - 7, unix_time + TIME1970 - 3, unix_time + TIME1970, 0}
server:sendto(struct.pack("!12I", unpack(fields)), addr)
check.finish(5)
check.expect_output(tostring(unix_time), ("the transmit time minus 2208988800; the checker answered with transmit time %d, field [11] of !12I in Lua"):format(unix_time + TIME1970), "index")
