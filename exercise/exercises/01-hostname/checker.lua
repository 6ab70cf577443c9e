-- Checker for "print your host name and address". No network peer here: the
-- checker runs the script, waits for it to end, and parses its output line
-- by line against what the socket module answers in the checker itself.
-- (The host name is the machine's, the same every run: a script that
-- prints it as a constant would pass on this machine only.)
local check = require("check")
local socket = require("socket")

local name = socket.gethostname()
local address = socket.gethostbyname(name)

check.start({})
local out = check.finish(5)
local lines = {}
for line in out:gmatch("([^\n]*)\n") do
  lines[#lines + 1] = line
end

check.step("prints the host name")
local want1, want2 = "Host name: " .. name, "IP address: " .. address
if lines[1] ~= want1 then
  check.fail{req = 1, hint = "error",
    en = ("The first line should be %s (from socket.gethostname()); the script printed %s."):format(check.show(want1), check.show(lines[1] or "nothing")),
    zh = ("第一行应该是 %s(来自 socket.gethostname());脚本打印的是 %s。"):format(check.show(want1), check.show(lines[1] or "(什么也没有)"))}
end

check.step("prints the IP address")
if lines[2] ~= want2 then
  check.fail{req = 2, hint = "gethostbyname",
    en = ("The second line should be %s, the address of this host from socket.gethostbyname(name); the script printed %s."):format(check.show(want2), check.show(lines[2] or "nothing")),
    zh = ("第二行应该是 %s,即 socket.gethostbyname(name) 得到的本机地址;脚本打印的是 %s。"):format(check.show(want2), check.show(lines[2] or "(什么也没有)"))}
end

check.step("prints nothing else")
if #lines ~= 2 or out ~= want1 .. "\n" .. want2 .. "\n" then
  check.fail{req = 3, hint = "only",
    en = ("The script should print exactly two lines; it printed %d:\n%s"):format(#lines, out:sub(1, 600)),
    zh = ("脚本应该只打印两行;它打印了 %d 行。"):format(#lines)}
end
