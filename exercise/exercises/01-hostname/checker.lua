-- Checker for "print your host name and address". No network peer here: the
-- checker runs the script, waits for it to end, and compares its output with
-- what the socket module answers in the checker itself.
local check = require("check")
local socket = require("socket")

local name = socket.gethostname()
local address = socket.gethostbyname(name)

check.start({})
check.finish(5)
check.expect_output(name, "the host name, from socket.gethostname()", "error")
check.expect_output(address, "the IP address of this host, from socket.gethostbyname(name)", "gethostbyname")
