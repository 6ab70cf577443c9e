-- Checker for the SNTP client. The checker is the SNTP server: it checks the
-- request and answers with 12 fields where every time field differs, and
-- with a time that changes every run, so a wrong field or a number copied
-- from an earlier run prints a wrong value.
local check = require("check")
local struct = require("struct")

local TIME1970 = 2208988800
-- A random moment between 2001 and 2033.
local unix_time = math.random(1000000000, 2000000000)
local server = check.listen("udp")
check.start_server()

check.step("sends a 48-byte SNTP request")
local ok, request, addr = pcall(server.recvfrom, server, 1024)
if not ok then
  local code = check.wait(0)
  check.fail(("the checker waited 5 s for a request on %s:%d and got none%s"):format(check.host, check.port,
    code and (" (the script exited with status " .. code .. "):\n" .. check.output():sub(-600)) or ""), code and "error" or "request")
end
if request ~= "\27" .. ("\0"):rep(47) then
  check.fail{req = 1, hint = "request",
    en = ("The request should be 48 bytes: \\27 and 47 zero bytes; the script sent %d bytes: %s"):format(#request, check.show(request)),
    zh = ("请求应该是 48 字节:\\27 加 47 个零字节;脚本发送了 %d 字节:%s"):format(#request, check.show(request))}
end

-- Every field differs: 11 is the transmit time; 7 and 9 are times a few
-- seconds earlier, and the others random, so reading the wrong one shows.
local fields = {0x1c0203e8, math.random(0, 99), math.random(0, 99), 0x7f000001, 0, 0,
  unix_time + TIME1970 - 3, math.random(0, 2^31), unix_time + TIME1970 - 7,
  math.random(0, 2^31), unix_time + TIME1970, math.random(0, 2^31)}
server:sendto(struct.pack("!12I", unpack(fields)), addr)

check.step("prints the transmit time as Unix time, and nothing else")
local out = check.finish(5)
local want = tostring(unix_time) .. "\n"
if out == want then
  return
end
local printed = tonumber(out:match("^%s*(%-?[%d.]+)%s*$") or "")
local why_en, why_zh, req = "", "", 3
if printed == unix_time + TIME1970 then
  why_en, why_zh = " That is the time in seconds since 1900: subtract 2208988800.", "这是从 1900 年起算的秒数:需要减去 2208988800。"
elseif printed then
  for i, v in ipairs(fields) do
    if v - TIME1970 == printed or v == printed then
      why_en = (" That comes from field [%d], not [11]: Lua's tables count from 1, so Python's [10] is Lua's [11]."):format(i)
      why_zh = ("这个值来自第 [%d] 项,而不是 [11]:Lua 的表从 1 开始计数,Python 的 [10] 是 Lua 的 [11]。"):format(i)
      req = 2
    end
  end
  if req == 3 then
    why_en, why_zh, req = " That is no field of the checker's answer: print the time the server sent, which changes every run.", "这不是检查程序回答中的任何一项:请打印服务器发来的时间,它每次都不同。", 2
  end
elseif out:find(tostring(unix_time), 1, true) then
  why_en, why_zh = " The number is right, but the output holds more than the number on its own line.", "数字是对的,但输出中除了单独一行的数字还有别的内容。"
end
check.fail{req = req, hint = req == 2 and "index" or "print",
  en = ("The checker answered with transmit time %d (Unix time %d); the script printed %s.%s"):format(unix_time + TIME1970, unix_time, check.show(out), why_en),
  zh = ("检查程序回答的发送时间是 %d(Unix 时间 %d);脚本打印的是 %s。%s"):format(unix_time + TIME1970, unix_time, check.show(out), why_zh)}
