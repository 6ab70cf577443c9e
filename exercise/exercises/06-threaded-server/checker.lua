-- Checker for the threaded server. First a client connects and says nothing;
-- a second client must still get its echo. Then 100 clients connect and stay
-- connected, and answer in reverse order, so a server that serves them one
-- after another cannot pass.
local check = require("check")

check.start_server()

local silent = check.connect()
local second = check.connect()
second:sendall("hello from the second client")
local got, why = check.expect_recv(second, 28, 2)
if got ~= "hello from the second client" then
  check.fail(("a first client connected and stayed silent; a second client sent 'hello from the second client' and got %s within 2 s (%s): the script serves one client at a time"):format(check.show(got), why), "threads")
end
second:close()

local clients = {}
for i = 1, 100 do
  clients[i] = check.connect()
end
for i = 100, 1, -1 do
  local message = ("client %03d"):format(i)
  clients[i]:sendall(message)
  got, why = check.expect_recv(clients[i], #message, 3)
  if got ~= message then
    check.fail(("100 clients connected at once; client %d sent %s and got %s back (%s)"):format(i, check.show(message), check.show(got), why), "threads")
  end
end
for i = 1, 100 do
  clients[i]:close()
end
silent:close()
